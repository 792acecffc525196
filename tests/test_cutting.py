"""Captions cut the way subtitlers cut them (docs/rules.md, "Where captions break"): one
sentence a caption when it fits, strong clause boundaries, paragraph ends, sound descriptions of
their own, line breaks that keep units together, exact times kept."""
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from captions import CaptionRules, TimedWord, make_captions, segment
from captions.check import check_captions
from captions.lexicon import binds_to_next, is_sentence_end
from captions.model import Caption
from captions.pipeline import parse_texts
from captions.segment import break_lines, sentence_ends, sound_words

RULES = CaptionRules()
EXAMPLES = int(os.environ.get("CAPTIONS_FUZZ_EXAMPLES", "150"))


def words_of(text: str, start_ms: int = 0, ms_per_word: int = 300, line: int = 1, block: int = 1,
             **fields) -> list[TimedWord]:
    out, t = [], start_ms
    for w in text.split():
        out.append(TimedWord(w, t, t + ms_per_word - 40, "A", line, block, True, **fields))
        t += ms_per_word
    return out


def texts(captions) -> list[str]:
    return [" ".join(c.lines) for c in captions]


def lines_of(text: str) -> list[str]:
    words = text.split()
    costs = __import__("captions.segment", fromlist=["break_costs"]).break_costs(words_of(text), words)
    return break_lines(words, costs, RULES)


def test_a_sentence_that_fits_is_one_caption():
    text = "We opened a new plant in Ohio last spring. The second one opens next year in May."
    assert texts(segment(words_of(text), RULES)) == ["We opened a new plant in Ohio last spring.",
                                                     "The second one opens next year in May."]


def test_a_long_sentence_is_cut_at_its_clause_boundary_into_similar_captions():
    text = ("When the company moved its headquarters to the coast last year, most of the engineers "
            "who had built the first version of the product decided to stay behind.")
    caps = texts(segment(words_of(text), RULES))
    assert caps[0].endswith("last year,")
    sizes = [len(c) for c in caps]
    assert max(sizes) < 2 * min(sizes)


def test_two_short_sentences_share_a_caption():
    caps = texts(segment(words_of("Are you coming? Yes.", line=1) + words_of("So let us go now, then.", 3000, line=2),
                         RULES))
    assert caps[0] == "Are you coming? Yes."


def test_a_new_sentence_never_starts_in_a_captions_last_words():
    text = ("The results were better than anyone in the room had expected them to be at the start. "
            "But the costs rose faster than the sales did in every region we serve.")
    for cap in texts(segment(words_of(text), RULES)):
        words = cap.split()
        assert not any(w.endswith(".") for w in words[-4:-1]), cap


def test_a_paragraph_end_always_ends_a_caption():
    first = words_of("Hello and welcome to the show.", block=1)
    second = words_of("Today we talk about rivers.", 2000, line=2, block=2)
    assert texts(segment(first + second, RULES)) == ["Hello and welcome to the show.", "Today we talk about rivers."]


def test_a_long_pause_ends_a_caption():
    words = words_of("We waited for the results") + words_of("and then the phone rang", 1500 + 2500)
    assert texts(segment(words, RULES)) == ["We waited for the results", "and then the phone rang"]


def test_words_the_editor_dropped_are_speech_not_a_pause():
    """A false start the editor cut ("It's going to be... It's not going to hit it") leaves time
    between the clean words; the speaker did not stop there, so the caption does not break."""
    rev = ("Ann (00:00:00):\nThe article has only a few facts to play with, and it has to come up with a story. "
           "It's going to be, it's going to be, um, well, you know, it's not going to hit the bullseye.\n")
    clean = ("The article has only a few facts to play with, and it has to come up with a story.\n"
             "It's not going to hit the bullseye.\n")
    captions = make_captions(*parse_texts(rev, clean)).captions
    assert "It's not going to hit the bullseye." in texts(captions)


def test_abbreviations_titles_and_initials_do_not_end_sentences():
    assert sentence_ends("It was started by Dr. Martin Fisher in the U.S. Senate.".split()) == [
        False] * 10 + [True]
    assert is_sentence_end("U.S.", "The") and not is_sentence_end("U.S.", "Senate")
    assert not is_sentence_end("e.g.", "Paris") and not is_sentence_end("a.m.", "and")
    assert is_sentence_end("done.", "Then") and is_sentence_end("really?", "yes")


def test_lines_never_split_a_number_from_its_unit_or_a_title_from_the_name():
    for text, together in [
        ("The market for these batteries grew by about 25 percent over the last two years", "25 percent"),
        ("They said it would cost the government at least $3 billion before the end of it", "$3 billion"),
        ("By then the city had spent more than three billion on roads that nobody used", "three billion"),
        ("It all began when the work was taken on by Dr. Martin Fisher and his team", "Dr. Martin Fisher"),
        ("We used to celebrate every birthday at Chuck E. Cheese when I was a small child", "Chuck E. Cheese"),
        ("Her favourite author was always J. K. Rowling, even after all these years", "J. K. Rowling"),
        ("Nobody who was there wanted to pick it up again on the morning after the storm", "pick it up"),
    ]:
        lines = lines_of(text)
        assert len(lines) == 2 and any(together in line for line in lines), lines
    assert binds_to_next("well-", "known") and binds_to_next("Mr", "Smith") and not binds_to_next("one", "of")


def test_the_check_reports_a_number_split_from_its_unit():
    cap = Caption(0, 3000, ("The market grew by about 25", "percent over two years"))
    assert [b.rule for b in check_captions([cap], RULES)] == ["bad_break"]


def test_sound_descriptions_get_captions_of_their_own_or_are_dropped():
    words = (words_of("So we started. (Laughter) And then it went on.", line=1)
             + words_of("(Video: French sportscasters narrate race)", 4000, line=2)
             + words_of("♫ la la la ♫ That was it [laughs] okay.", 8000, line=3))
    # Inside a sentence a bracket is a sound only when it names one: an aside or the editor's
    # insertion is text, shown in the sentence and never dropped with the sounds.
    assert sound_words(words_of("and (Applause) then (so we think) we")) == [False, True, False, False, False, False,
                                                                            False]
    assert not any(sound_words(words_of("made by Ernest Alpers and Otto [G.] Lindberg, and they")))
    assert sound_words(words_of("It ended. (Door slams) We left.")) == [False, False, True, True, False, False]
    assert texts(segment(words, RULES)) == [
        "So we started.", "(Laughter)", "And then it went on.", "(Video: French sportscasters narrate race)",
        "♫ la la la ♫", "That was it", "[laughs]", "okay."]
    assert texts(segment(words, CaptionRules(sound_captions=False))) == [
        "So we started. And then it went on.", "That was it okay."]


REV = """Speaker 1 (00:00:01):
Hello there, my friend. Welcome to the show about rivers and lakes.

Speaker 1 (00:00:10):
Today we talk about the sea and the long coast of the north.
"""


def test_markup_and_punctuation_lines_never_show():
    clean = ("Hello there, <i>my friend</i>. Welcome <laugh> to the show about rivers and lakes.\n"
             "....\n\n* * *\n\nToday we talk about the sea and the long coast of the north.\n")
    transcript, text = parse_texts(REV, clean)
    shown = " ".join(texts(make_captions(transcript, text).captions))
    assert "<" not in shown and "...." not in shown and "*" not in shown
    assert "my friend." in shown


SRT = """1
00:00:01,000 --> 00:00:02,500
Hello there, my friend.

2
00:00:02,600 --> 00:00:05,000
Welcome to the show about rivers and lakes and the sea.
"""


def test_retiming_keeps_the_source_captions_boundaries():
    transcript, text = parse_texts(SRT, "Hello there, my friend. Welcome to the show about rivers and lakes and the sea.")
    caps = make_captions(transcript, text).captions
    assert texts(caps) == ["Hello there, my friend.", "Welcome to the show about rivers and lakes and the sea."]
    assert caps[1].start_ms == 2600


def test_an_exact_start_moves_at_most_two_frames_for_reading_speed():
    # Fast speech: the text timing moves caption starts to give them reading time; an exact
    # start (a recording, word times, a source caption) stays within two frames (83 ms at 24 fps).
    def moved(exact: bool) -> int:
        words = words_of("Yes. We would need a great deal more time than that to read all this text. "
                         "And then some more. Okay.", 0, ms_per_word=110, exact=exact)
        return max(abs(c.start_ms - c.words[0].start_ms) for c in segment(words, RULES))

    assert moved(False) > 83
    assert moved(True) <= 83


WORD = st.sampled_from(["the", "we", "Dr.", "U.S.", "25", "percent", "(Applause)", "[laughs]", "♫", "go.",
                        "and,", "extraordinarily-long-word", "I", "x" * 50, "okay?", "(so", "then)"])


@st.composite
def timed_words(draw):
    """Words in time order, with sound tags, abbreviations, long words, pauses, speaker changes,
    line and paragraph ends, exact and estimated starts."""
    tokens = draw(st.lists(WORD, min_size=1, max_size=60))
    out, t, line, block = [], 0, 1, 1
    for token in tokens:
        t += draw(st.integers(0, 2500))
        length = draw(st.integers(1, 900))
        line += draw(st.integers(0, 1))
        block += draw(st.sampled_from([0, 0, 0, 1]))
        out.append(TimedWord(token, t, t + length, draw(st.sampled_from(["A", "B"])), line, block,
                             draw(st.booleans()), "text", draw(st.booleans())))
        t += length
    return out


@settings(max_examples=EXAMPLES, deadline=None)
@given(timed_words(), st.sampled_from([RULES, CaptionRules(max_chars_per_line=20, max_lines=3),
                                       CaptionRules(max_chars_per_line=37, fps=25.0)]))
def test_any_timed_words_every_word_once_in_order_no_line_too_long(words, rules):
    caps = segment(words, rules)
    shown = [w for c in caps for line in c.lines for w in (line[1:] if line.startswith("-") else line).split()]
    assert shown == [w.text for w in words]
    for a, b in zip(caps, caps[1:]):
        assert a.start_ms < a.end_ms <= b.start_ms - rules.min_gap_ms
    for c in caps:
        assert len(c.lines) <= rules.max_lines
        for line in c.lines:
            assert len(line) <= rules.max_chars_per_line or " " not in line.lstrip("-")


def test_a_semicolon_or_colon_is_a_better_place_to_cut_than_a_comma():
    """The clause marks rank below a sentence end and above a comma: a list of places separated
    by semicolons is cut at them, not between a town and its state."""
    text = ("I lived in three of them: first, St. George, Utah; second, Coeur d'Alene, Idaho; "
            "and third, Forsyth County, Georgia.")
    assert texts(segment(words_of(text), RULES)) == [
        "I lived in three of them: first, St. George, Utah;",
        "second, Coeur d'Alene, Idaho; and third, Forsyth County, Georgia."]
