"""readers/clean/markdown.py: a Markdown article as the clean text's lines, line for line."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from captions.errors import CaptionsError
from captions.readers.clean.markdown import markdown_to_text
from captions.readers.clean.text import read_clean_text, read_plain_text

from conftest import clean_text_or_refusal, dedent, fuzz_settings


def md(text: str) -> list[str]:
    return markdown_to_text(dedent(text)).split("\n")


def rows(clean):
    return [(line.text, line.block, line.speaker) for line in clean.lines]


def test_headings_keep_their_text_on_a_line_of_their_own():
    assert md("""
        # Elon Musk interviewed #
        ## The BBC interview
        ###### Small
        #hashtag is text
        Setext title
        ============
        Another
        -------
        """) == ["Elon Musk interviewed", "The BBC interview", "Small", "#hashtag is text",
                 "Setext title", "", "Another", "", ""]


def test_list_markers_are_dropped():
    assert md("""
        - one
        * two
        + three
        1. first
        2) second
          - nested
        - [ ] a task
        - [x] done
        2*3 is not a list
        """)[:-1] == ["one", "two", "three", "first", "second", "nested", "a task", "done", "2*3 is not a list"]


def test_links_keep_their_text_and_images_are_dropped():
    assert md("""
        See [the BBC](https://www.bbc.co.uk "BBC") and [Wikipedia](https://en.wikipedia.org/wiki/X_(Y)).
        A [reference link][bbc] and a [collapsed one][].
        ![a photo](photo.jpg) Caption ![ref image][img] after.
        [![badge](b.svg)](https://ci) Build.
        Mail <me@example.com> or <https://example.com>.
        [bbc]: https://www.bbc.co.uk "The BBC"
        [img]: <photo.jpg>
        [Note]: this is a sentence, not a definition
        """)[:-1] == ["See the BBC and Wikipedia.", "A reference link and a collapsed one.", "Caption  after.",
                      "Build.", "Mail  or .", "", "", "[Note]: this is a sentence, not a definition"]


def test_emphasis_strong_strike_and_code_markers_are_dropped():
    assert md("""
        I *like* **spontaneity**, ***really***. _Truly_ __so__ ~~not~~.
        Code `x = 1` and ``a ` b`` stay as text.
        snake_case_name and 2 * 3 * 4 and a lone * star stay.
        \\*escaped\\* \\_too\\_ \\# and a back\\\\slash
        """)[:-1] == ["I like spontaneity, really. Truly so not.", "Code x = 1 and a ` b stay as text.",
                      "snake_case_name and 2 * 3 * 4 and a lone * star stay.", "*escaped* _too_ # and a back\\slash"]


def test_front_matter_is_dropped_and_lines_keep_their_numbers():
    lines = md("""
        ---
        title: "The interview"
        tags: [a, b]
        ---
        Text starts here.
        """)
    assert lines == ["", "", "", "", "Text starts here.", ""]


def test_toml_front_matter_is_dropped():
    assert md("+++\ntitle = 'x'\n+++\nText.\n") == ["", "", "", "Text.", ""]


def test_a_rule_at_the_top_is_not_front_matter():
    assert md("---\nJust text: between rules.\n---\nMore.\n") == ["", "Just text: between rules.", "", "More.", ""]


def test_block_quotes_are_unwrapped():
    assert md("""
        > Why did you agree?
        > > Nested quote.
        >
        > Still quoted.
        """)[:-1] == ["Why did you agree?", "Nested quote.", "", "Still quoted."]


def test_html_comments_and_tags_are_dropped_and_br_breaks_the_line():
    assert md("""
        <!-- a comment -->Text <span class="x">inline</span> <b>bold</b>.
        <!--
        a comment over
        three lines -->
        <div align="center">
        Centered line<br>second line
        </div>
        <script>var x = "Name:";
        more();</script>
        AT&amp;T &copy; &#8212; &bogus; AT&T
        """)[:-1] == ["Text inline bold.", "", "", "", "", "Centered line", "second line", "", "", "",
                      "AT&T \u00a9 \u2014 &bogus; AT&T"]


def test_fenced_code_keeps_its_text_without_the_fences():
    assert md("""
        ```python
        print("*not emphasis*")
        ```
        ~~~
        tilde
        ~~~
        """)[:-1] == ["", 'print("*not emphasis*")', "", "", "tilde", ""]


def test_tables_give_their_cells():
    assert md("""
        | Speaker | Line |
        |---------|:----:|
        | Elon    | Hi   |
        """)[:-1] == ["Speaker Line", "", "Elon Hi"]


def test_hard_breaks_are_ordinary_line_ends():
    assert md("one\\\ntwo  \nthree\n") == ["one", "two", "three", ""]


def test_markdown_interview_gives_speakers_and_blocks(write_file):
    p = write_file("interview.md", dedent("""
        ---
        title: Interview
        ---
        # Elon Musk interviewed by the BBC

        **James Clayton:**

        > Why did you agree to do this interview with the BBC?

        **Elon Musk:** I don't *know*. I like [spontaneity](https://x.com).
        There's a lot going on.
        """))
    clean = read_clean_text(p)
    assert rows(clean) == [
        ("Elon Musk interviewed by the BBC", 0, None),
        ("Why did you agree to do this interview with the BBC?", 1, "James Clayton"),
        ("I don't know. I like spontaneity.", 2, "Elon Musk"),
        ("There's a lot going on.", 2, "Elon Musk"),
    ]
    assert [line.number for line in clean.lines] == [4, 8, 10, 11]   # the Markdown file's own lines


def test_a_br_gives_two_lines_of_one_source_line(write_file):
    p = write_file("talk.md", "# Title\n\nOne<br>two\nthree\n")
    assert [(line.text, line.number) for line in read_clean_text(p).lines] == \
        [("Title", 1), ("One", 3), ("two", 3), ("three", 4)]


def test_warnings_name_the_markdown_files_lines(write_file):
    p = write_file("talk.markdown", "# Title\n\nSpoken words here.\n\n## 评论\n")
    clean = read_clean_text(p)
    assert clean.warnings == (f"{p}:5: dropped, not in the transcript's script: '评论'",)


def test_markdown_with_only_markup_is_a_one_line_error(write_file):
    p = write_file("empty.md", "---\ntitle: x\n---\n![img](a.png)\n<!-- nothing -->\n")
    with pytest.raises(CaptionsError) as info:
        read_clean_text(p)
    assert str(p) in str(info.value) and "\n" not in str(info.value)


def test_plain_text_with_a_markdown_name_reads_the_same(write_file):
    text = "James Clayton:\nWhy did you agree?\n\nElon Musk:\nI don't know.\n"
    assert rows(read_clean_text(write_file("a.md", text))) == rows(read_clean_text(write_file("a.txt", text)))


def test_html_page_with_a_markdown_name_is_read_as_html(write_file):
    p = write_file("saved.md", "<!DOCTYPE html><html><body><nav>Menu</nav><article><p>Hello there.</p>"
                               "</article></body></html>")
    text, _, fmt, _ = read_plain_text(p)
    assert fmt == "html" and text == "Hello there."


# --- properties ------------------------------------------------------------------------------

_markdownish = st.lists(st.one_of(
    st.text(max_size=20),
    st.sampled_from(["#", "# ", "## ", "*", "**", "_", "__", "`", "```", "~~~", "~~", "[", "]", "(", ")", "![",
                     "](", "<!--", "-->", "<br>", "<b>", "</b>", "---", "+++", "===", "> ", "- ", "1. ", "|",
                     "\\", "&amp;", "&#", "\n", "\n\n", "Elon Musk:", "**James Clayton:**", "title: x\n"]),
), max_size=40).map("".join)


@fuzz_settings(200)
@given(_markdownish)
def test_one_line_out_for_each_line_in(markdown):
    out = markdown_to_text(markdown)
    if "<br" not in markdown.lower():
        assert out.count("\n") == markdown.count("\n")


@fuzz_settings(100)
@given(_markdownish)
def test_any_markdown_file_gives_clean_text_or_a_captions_error(tmp_path_factory, markdown):
    p = tmp_path_factory.mktemp("md") / "post.md"
    p.write_text(markdown, encoding="utf-8", errors="surrogatepass")
    clean = clean_text_or_refusal(p)
    if clean is None:
        return
    numbers = [line.number for line in clean.lines]
    assert numbers == sorted(numbers) and numbers[-1] <= len(markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
