"""readers/clean/text.py: the clean text's lines, blocks and speakers."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from captions.errors import CaptionsError, TextError
from captions.readers.clean.text import dominant_script, parse_clean_text, read_clean_text

from conftest import dedent, fuzz_settings


def rows(clean):
    return [(line.text, line.block, line.speaker) for line in clean.lines]


def test_speaker_line_alone_sets_the_speaker_and_is_not_text():
    clean = parse_clean_text(dedent("""
        James Clayton:
        Why did you agree to do this interview with the BBC?

        Elon Musk:
        I don't know. I like spontaneity.
        There's a lot going on.
        """))
    assert rows(clean) == [
        ("Why did you agree to do this interview with the BBC?", 1, "James Clayton"),
        ("I don't know. I like spontaneity.", 2, "Elon Musk"),
        ("There's a lot going on.", 2, "Elon Musk"),
    ]
    assert [line.number for line in clean.lines] == [2, 5, 6]
    assert clean.warnings == ()


def test_speaker_line_then_blank_line_keeps_the_speaker():
    clean = parse_clean_text("James Clayton:\n\nYou know what it stands for\n\nElon Musk:\n\nYes I do,\n")
    assert rows(clean) == [("You know what it stands for", 1, "James Clayton"), ("Yes I do,", 2, "Elon Musk")]


def test_an_edited_copy_of_the_transcript_has_speakers_and_no_stamps_or_timed_tags():
    """Editors often clean the Rev transcript itself: its headers are speaker lines, in either
    order, with the text on the same line or after; its timed tags are not text."""
    clean = parse_clean_text(dedent("""
        Speaker 1 (00:00):

        Apollo 11, Houston. [inaudible 00:00:04] Go ahead.

        Elon Musk: (07:22) I don't know. [crosstalk 00:07:30]
        Jane Doe (1:02:03): Thanks. [laughs]
        """))
    assert rows(clean) == [
        ("Apollo 11, Houston. Go ahead.", 1, "Speaker 1"),
        ("I don't know.", 2, "Elon Musk"),
        ("Thanks. [laughs]", 3, "Jane Doe"),
    ]


@pytest.mark.parametrize("text", [
    "We met at the station (10:45): the train was late again.\nAnd then we left.",
    "In his speech [12:30]: he thanked everyone.\nThe hall was full.",
    "As the verse says [John 3:16], God so loved the world.",
])
def test_a_sentence_holding_a_time_in_brackets_stays_text(text):
    clean = parse_clean_text(text)
    assert [line.text for line in clean.lines] == text.split("\n")
    assert {line.speaker for line in clean.lines} == {None}


def test_name_colon_text_at_paragraph_start_when_name_used_twice():
    clean = parse_clean_text(dedent("""
        Elon Musk: I don't know. I like spontaneity.
        There's a lot going on.

        James Clayton: You know what it stands for.

        Elon Musk: Yes I do.

        James Clayton: Not exactly.
        """))
    assert rows(clean) == [
        ("I don't know. I like spontaneity.", 1, "Elon Musk"),
        ("There's a lot going on.", 1, "Elon Musk"),
        ("You know what it stands for.", 2, "James Clayton"),
        ("Yes I do.", 3, "Elon Musk"),
        ("Not exactly.", 4, "James Clayton"),
    ]


def test_name_used_once_is_not_a_speaker():
    clean = parse_clean_text("Bob: once only.\nNext line.\n")
    assert rows(clean) == [("Bob: once only.", 0, None), ("Next line.", 0, None)]


@pytest.mark.parametrize("label", ["Speaker 2", "JC"])
def test_speaker_style_label_counts_even_once(label):
    clean = parse_clean_text(f"{label}: Hello there.\n")
    assert rows(clean) == [("Hello there.", 1, label)]


@pytest.mark.parametrize("sentence", [
    "Here's the thing: it works.",
    "Why did you do this: the interview?",
    "The answer is simple: no.",
    "Note: this was edited for length.",
    "He said: yes.",
])
def test_sentence_with_a_colon_is_not_a_speaker(sentence):
    clean = parse_clean_text(f"{sentence}\n\n{sentence}\n")
    assert [line.text for line in clean.lines] == [sentence, sentence]
    assert all(line.speaker is None for line in clean.lines)


def test_label_not_at_paragraph_start_is_text():
    clean = parse_clean_text("Hello\nJC: not at paragraph start\nJC: again\n")
    assert [line.text for line in clean.lines] == ["Hello", "JC: not at paragraph start", "JC: again"]
    assert {line.speaker for line in clean.lines} == {None}


def test_blocks_split_by_blank_lines_and_speaker_changes():
    clean = parse_clean_text(dedent("""
        Title line
        Another title line

        First paragraph.
        James Clayton:
        Question one.

        Question two.
        Elon Musk:
        Answer.
        """))
    assert rows(clean) == [
        ("Title line", 0, None),
        ("Another title line", 0, None),
        ("First paragraph.", 1, None),
        ("Question one.", 2, "James Clayton"),
        ("Question two.", 3, "James Clayton"),
        ("Answer.", 4, "Elon Musk"),
    ]


def test_whitespace_inside_lines_is_collapsed():
    clean = parse_clean_text("  Hello \t  world  \n\u00a0\nNext\n")
    assert [line.text for line in clean.lines] == ["Hello world", "Next"]
    assert [line.block for line in clean.lines] == [0, 1]


def test_lines_in_another_script_are_set_aside_with_a_warning():
    clean = parse_clean_text(dedent("""
        James Clayton:
        Why did you agree?

        评论

        此博客中的热门博文
        2023/4/12 Elon Musk 接受BBC采访
        """), "blog.txt")
    assert [line.text for line in clean.lines] == ["Why did you agree?", "2023/4/12 Elon Musk 接受BBC采访"]
    assert len(clean.warnings) == 2
    assert clean.warnings[0].startswith("blog.txt:4:") and "评论" in clean.warnings[0]
    assert clean.warnings[1].startswith("blog.txt:6:")


def test_script_none_keeps_every_script():
    clean = parse_clean_text("Hello\n评论\n", script=None)
    assert [line.text for line in clean.lines] == ["Hello", "评论"]
    assert clean.warnings == ()


def test_cjk_text_against_a_cjk_transcript_is_kept():
    text = "马斯克接受采访\nHello there\n"
    assert dominant_script("马斯克接受BBC采访") == "CJK"
    clean = parse_clean_text(text, script="CJK")
    assert [line.text for line in clean.lines] == ["马斯克接受采访"]
    assert len(clean.warnings) == 1


@pytest.mark.parametrize("text", ["", "\n\n  \n\t\n", "James Clayton:\n\nElon Musk:\n", "评论\n此博客"])
def test_no_text_lines_is_a_text_error(text):
    with pytest.raises(TextError) as info:
        parse_clean_text(text, "blog.txt")
    assert info.value.path == "blog.txt"
    assert "blog.txt" in str(info.value)


def test_read_clean_text_from_file_utf16(tmp_path):
    p = tmp_path / "blog.txt"
    p.write_bytes("\ufeffJames Clayton:\r\nWhy “this”?\r\n".encode("utf-16-le"))
    clean = read_clean_text(p)
    assert rows(clean) == [("Why “this”?", 1, "James Clayton")]


def test_read_clean_text_missing_file_is_input_error(tmp_path):
    from captions.errors import InputError

    with pytest.raises(InputError):
        read_clean_text(tmp_path / "missing.txt")


# --- properties -------------------------------------------------------------------------------

FRAGMENTS = st.sampled_from([
    "James Clayton:", "Elon Musk: ", "JC: ", "Speaker 2:", "Note:", "Q:", "A: ", "：", ":", "\n", "\n\n", " ",
    "\t", "hello", "World.", "评论", "中文", "Привет", "2023/4/12", "'", "’", "-", "Dr. ", "Mc", "10:30",
])
TEXTISH = st.one_of(st.text(max_size=200), st.lists(st.one_of(FRAGMENTS, st.text(max_size=4)), max_size=40).map("".join))


@fuzz_settings(200)
@given(TEXTISH, st.sampled_from(["LATIN", "CJK", None]))
def test_parse_clean_text_returns_valid_lines_or_text_error(text, script):
    try:
        clean = parse_clean_text(text, "f.txt", script)
    except CaptionsError as exc:
        assert isinstance(exc, TextError)
        return
    assert clean.lines
    numbers = [line.number for line in clean.lines]
    assert numbers == sorted(set(numbers))
    blocks = [line.block for line in clean.lines]
    assert blocks == sorted(blocks)
    raw = text.split("\n")
    for line in clean.lines:
        assert line.text and line.text == line.text.strip() and "\n" not in line.text
        assert line.text in " ".join(raw[line.number - 1].split())


def test_name_with_text_once_is_a_label_in_a_document_that_uses_labels():
    clean = parse_clean_text(
        "James Clayton:\nWhy did you agree to do this?\n\nElon Musk: I don't know. I like spontaneity.\n"
        "There's a lot going on.\n")
    assert [(line.speaker, line.text) for line in clean.lines] == [
        ("James Clayton", "Why did you agree to do this?"),
        ("Elon Musk", "I don't know. I like spontaneity."),
        ("Elon Musk", "There's a lot going on."),
    ]


def test_a_speaker_named_once_is_a_label_when_the_transcript_knows_them_or_the_text_uses_labels():
    from captions.pipeline import parse_texts

    rev = ("Host (00:00:00):\nWelcome to the show, it is good to have you here.\n\n"
           "Guest (00:00:05):\nThank you, I am glad to be here today.\n\n"
           "Host (00:00:09):\nLet us begin with the rivers.\n")
    clean = ("Host: Welcome to the show, it is good to have you here.\n\n"
             "Guest: Thank you, I am glad to be here today.\n\n"
             "Host: Let us begin with the rivers.\n")
    _, text = parse_texts(rev, clean)
    assert [(line.speaker, line.text.split()[0]) for line in text.lines] == [
        ("Host", "Welcome"), ("Guest", "Thank"), ("Host", "Let")]
    # A first name of a transcript speaker, used once, is a label too; a colon in prose is not.
    _, text = parse_texts("Elon Musk (00:00:00):\nI like spontaneity. There is a lot going on.\n",
                          "Elon: I like spontaneity.\n\nThere is a lot going on: really.\n")
    assert [line.speaker for line in text.lines] == ["Elon", "Elon"]
    assert text.lines[0].text == "I like spontaneity." and text.lines[1].text.startswith("There is")


def test_the_report_names_the_speaker_labels_taken_from_the_text(tmp_path):
    from captions.pipeline import make_captions

    (tmp_path / "t.rev.txt").write_text("Host (00:00:00):\nWelcome to the show, it is good to have you.\n\n"
                                        "Guest (00:00:05):\nThank you, I am glad to be here today.\n", encoding="utf-8")
    (tmp_path / "t.txt").write_text("Host: Welcome to the show, it is good to have you.\n\n"
                                    "Guest: Thank you, I am glad to be here today.\n", encoding="utf-8")
    result = make_captions(tmp_path / "t.rev.txt", tmp_path / "t.txt")
    assert result.report.text_speakers == ["Host", "Guest"]
    assert not any("Host" in line or "Guest" in line for c in result.captions for line in c.lines)
