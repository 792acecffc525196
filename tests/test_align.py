"""Alignment: clean words find their transcript words; furniture and unspoken lines are dropped."""
from hypothesis import given, strategies as st

from captions import align, make_captions, parse_clean_text, parse_rev
from captions.align import SPOKEN_SYMBOLS, clean_words
from captions.errors import CaptionsError

from conftest import fuzz_settings


def _align(rev: str, clean: str):
    transcript = parse_rev(rev)
    text = parse_clean_text(clean)
    return transcript, align(transcript, text)


def _matched(transcript, alignment, clean_word: str) -> list[str]:
    for word, matches in zip(alignment.words, alignment.matches):
        if word.text == clean_word:
            return [transcript.words[j].text.strip(".,?!") for j in matches]
    raise AssertionError(f"{clean_word!r} not in the clean text")


REV = """Priya (00:00:00):
Uh, thank you. Good day, everybody. Our, our year end results are, um, better than we hoped.
Revenue grew eighty six percent to thirty million dollars in twenty nineteen, which is, uh, a record.

Tom (00:00:30):
I'm gonna ask about the margins. Are they going to hold up next year or not?
"""

CLEAN = """Q4 Earnings Call Transcript
Posted by the editors

Priya Natarajan:
Thank you. Good day everybody.
Our year-end results are better than we hoped.
Revenue grew 86% to $30 million in 2019, which is a record.

Tom Becker:
I am going to ask about the margins.
Are they going to hold up next year or not?

Comments
Popular posts from this blog
"""


def test_fillers_and_repetitions_are_skipped_and_numbers_match_spoken_forms():
    transcript, alignment = _align(REV, CLEAN)
    assert _matched(transcript, alignment, "86%") == ["eighty", "six", "percent"]
    assert _matched(transcript, alignment, "2019,") == ["twenty", "nineteen"]
    assert "thirty" in _matched(transcript, alignment, "$30")
    assert _matched(transcript, alignment, "year-end") == ["year", "end"]
    assert _matched(transcript, alignment, "am") == ["I'm"]
    assert _matched(transcript, alignment, "going")[0] == "gonna"


def test_page_furniture_before_and_after_is_dropped_and_reported():
    _, alignment = _align(REV, CLEAN)
    dropped = {line.text for line in alignment.dropped_lines}
    assert dropped == {"Q4 Earnings Call Transcript", "Posted by the editors", "Comments",
                       "Popular posts from this blog"}
    kept_text = " ".join(w.text for w, k in zip(alignment.words, alignment.kept) if k)
    assert "Transcript" not in kept_text and "Comments" not in kept_text
    assert alignment.aligned_share > 0.9


def test_a_reworded_line_inside_a_passage_is_kept():
    clean = CLEAN.replace("Our year-end results are better than we hoped.",
                          "Full-year figures beat our own forecasts.")
    _, alignment = _align(REV, clean)
    kept = {w.line for w, k in zip(alignment.words, alignment.kept) if k}
    reworded = next(w.line for w in alignment.words if w.text == "Full-year")
    assert reworded in kept


def test_a_repeated_clip_matches_where_the_text_puts_it():
    """The transcript opens with a clip of a later answer; the text has it once, in place."""
    later = "we have not had a single outage in the last three months of operation"
    rev = (f"Host (00:00:00):\n{later}.\n\n"
           "Host (00:01:00):\nWelcome to the show. Today we talk about reliability and scale.\n\n"
           f"Guest (00:05:00):\nWell, {later}, and that is a first.\n")
    clean = ("Host:\nWelcome to the show. Today we talk about reliability and scale.\n\n"
             f"Guest:\nWell, {later}, and that is a first.\n")
    transcript, alignment = _align(rev, clean)
    outage = next(i for i, w in enumerate(alignment.words) if w.text == "outage")
    (j,) = alignment.matches[outage]
    assert transcript.words[j].turn == 2


def test_a_passage_the_editor_moved_finds_its_own_place():
    first = "the supply chain is still the biggest risk we see in every single region this year"
    second = "pricing held up well and we expect the same discipline from our competitors next quarter"
    rev = f"Ann (00:00:00):\n{first}.\n\nAnn (00:00:30):\nMoving on. {second}.\n"
    clean = f"Ann:\nMoving on. {second}.\n{first}.\n"
    transcript, alignment = _align(rev, clean)
    risk = next(i for i, w in enumerate(alignment.words) if w.text == "risk")
    (j,) = alignment.matches[risk]
    assert transcript.words[j].text == "risk" and transcript.words[j].paragraph == 0
    assert all(alignment.kept)


def test_texts_of_different_recordings_hardly_match():
    other = "Bob (00:00:00):\nThe weather in the mountains was cold and the snow fell all week long.\n"
    _, alignment = _align(other, CLEAN)
    assert alignment.anchored_share < 0.25


def test_a_lone_word_never_leaves_its_passage():
    """An editor moved a passage earlier; the in-place alignment can take one of its words ("I")
    from a short turn that is in place. Found where it was said, the passage takes that word
    with it: every word of the passage is matched within the passage's own transcript words."""
    opening = ("thanks for having me today it is good to be back in the studio with you and the team "
               "after such a long and busy year for everybody at the company")
    moved = ("honestly my view on trade has changed a lot over time and I like China as a partner "
             "because their factories build what our engineers design every single quarter")
    rev = (f"Host (00:00:00):\n{opening}.\n\n"
           "Guest (00:00:20):\nYes, I agree.\n\n"
           "Host (00:00:25):\nlet us turn to the markets now and the numbers for the last three months "
           "which were strong across every region we sell in and the outlook for next year is better still "
             "with new stores opening in the spring and the summer and more to come in the autumn\n\n"
           f"Guest (00:02:00):\n{moved}.\n")
    clean = (f"Host:\n{opening}.\n\n"
             f"Guest:\n{moved}.\n\n"
             "Host:\nlet us turn to the markets now and the numbers for the last three months "
             "which were strong across every region we sell in and the outlook for next year is better still "
             "with new stores opening in the spring and the summer and more to come in the autumn\n")
    transcript, alignment = _align(rev, clean)
    passage = range(len(transcript.words) - len(moved.split()), len(transcript.words))
    for word, line, matches in zip(alignment.words, (w.line for w in alignment.words), alignment.matches):
        if line == 5:   # the moved passage's line in the clean text
            assert all(j in passage for j in matches), (word.text, matches)
    assert _matched(transcript, alignment, "I") == ["I"]


def _words(clean: str) -> list[str]:
    return [w.text for w in clean_words(parse_clean_text(clean))]


def test_a_paragraph_opening_with_the_quote_that_ends_the_last_one_gives_it_back():
    """TED's transcripts end a quoted sentence's paragraph before its closing quote; a caption
    of a lone quote mark would show for most of a second."""
    clean = ('She said, "As Africans, we must uplift all the people of Africa.\n\n'
             '" I had absolutely no idea what she meant.\n')
    assert _words(clean)[-10:] == ["of", "Africa.\"", "I", "had", "absolutely", "no", "idea", "what", "she", "meant."]


def test_a_quote_or_bracket_alone_goes_with_the_word_it_opens_or_closes():
    assert _words('And " quoted " here , ok .\n') == ["And", '"quoted"', "here,", "ok."]
    assert _words("( laughs ) Right — so.\n“ Hello there.\n") == ["(laughs)", "Right —", "so.", "“Hello", "there."]
    # An apostrophe inside a word is not a quote: the quote after "It's" opens.
    assert _words("It's ' thing ' .\n") == ["It's", "'thing'."]
    # A straight quote that closes nothing opens the next line's first word.
    assert _words("No quote here.\n\" Hello.\n") == ["No", "quote", "here.", '"Hello.']


def test_no_caption_is_punctuation_alone():
    rev = "Ana (00:00:01):\nShe said as Africans we must uplift all the people of Africa. I had no idea what she meant.\n"
    clean = ('She said, "As Africans, we must uplift all the people of Africa.\n\n'
             '" I had no idea what she meant.\n')
    captions = make_captions(parse_rev(rev), parse_clean_text(clean)).captions
    assert all(any(ch.isalnum() for ch in c.text) for c in captions)
    assert 'Africa."' in " ".join(c.text for c in captions)


@fuzz_settings(300)
@given(st.lists(st.lists(st.sampled_from(['"', "'", "(", ")", "“", "”", "—", "-", ".", ",", "[", "]", "&",
                                          "said", "It's", "Africa.", '"As', "x", "9"]), min_size=1, max_size=8),
                min_size=1, max_size=6))
def test_clean_words_keep_every_character_in_order(lines):
    """However punctuation stands on its own, the words shown hold every character of the text,
    in order, once; and every word has a letter, digit or spoken symbol unless its line has none."""
    text = "\n\n".join(" ".join(tokens) for tokens in lines) + "\n"
    try:
        clean = parse_clean_text(text)
    except CaptionsError:               # nothing to read: said in one line, as for a user's file
        return
    words = clean_words(clean)
    assert "".join(w.text.replace(" ", "") for w in words) == "".join(line.text.replace(" ", "") for line in clean.lines)
    spoken = {line.number for line in clean.lines if any(ch.isalnum() for ch in line.text)}
    assert all(any(ch.isalnum() or ch in SPOKEN_SYMBOLS for ch in w.text) for w in words if w.line in spoken)
