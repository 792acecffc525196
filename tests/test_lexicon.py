"""lexicon.py: one list of binding words and one sentence-end test, so `check` reports exactly
the line breaks `segment` avoids and every stage ends sentences alike."""
from hypothesis import given, settings
from hypothesis import strategies as st

from captions.check import check_captions
from captions.lexicon import BINDING, bare, breaks_unit, ends_in_clause, ends_in_stop, is_sentence_end
from captions.model import Caption, TimedWord
from captions.rules import CaptionRules
from captions.segment import COST_BINDING, break_costs, sentence_ends

WORDS = ["through", "across", "the", "the,", "Dr.", "Martin", "Elon", "Musk", "25", "percent", "pick",
         "it", "up", "well-", "known", "done.", "U.S.", "The", "Senate", "we", "said", "(really)", "“so”",
         "since", "being", "towards", "Hello…", "Then"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=2, max_size=2), st.lists(st.sampled_from(WORDS), min_size=1, max_size=2))
def test_check_flags_the_line_breaks_the_segmenter_avoids(first, second):
    words = first + second
    run = [TimedWord(w, 300 * k, 300 * k + 260, "A", 1, 1, True) for k, w in enumerate(words)]
    avoided = break_costs(run, words)[len(first) - 1] >= COST_BINDING
    caption = Caption(0, 3000, (" ".join(first), " ".join(second)))
    flagged = [b.rule for b in check_captions([caption], CaptionRules())] == ["bad_break"]
    assert flagged == avoided, (first, second)


def test_the_segmenters_longer_word_list_is_the_checkers():
    """`through`, `across`, `since` were missing from check's list: now a break after them is bad."""
    assert {"through", "across", "since", "towards", "being"} <= BINDING
    caption = Caption(0, 3000, ("We walked through", "the park"))
    assert [b.rule for b in check_captions([caption], CaptionRules())] == ["bad_break"]
    assert not breaks_unit("through,", "the", None, False)     # punctuation after it ends the clause


def test_one_sentence_end_test_with_the_ellipsis_and_closing_quotes():
    assert ends_in_stop("Well…") and ends_in_stop("done.”") and ends_in_stop("(really?)") and ends_in_stop("«fin.»")
    assert not ends_in_stop("Dr") and ends_in_clause("so,”") and ends_in_clause("and—")
    assert is_sentence_end("Well…", "then") and not is_sentence_end("Dr.", "Martin")
    assert sentence_ends(["Hello…", "there."]) == [True, True]
    assert bare("“Hello…”") == "hello" and bare("[um]") == "um"
