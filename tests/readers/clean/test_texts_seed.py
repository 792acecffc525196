"""Issue 4: the seed blog text as a web page, as Markdown and as a Word document gives the same
captions as the plain text.

The HTML page is a checked-in fixture (tests/fixtures/texts/make_seed_html.py makes it); the
Markdown and .docx versions are made here, into tmp_path.
"""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from captions import make_captions
from captions.readers.clean.text import read_clean_text, read_plain_text

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "samples"
REV = SAMPLES / "bbc-musk-2023.rev.txt"
TXT = SAMPLES / "bbc-musk-2023.blog.txt"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "texts"
HTML = FIXTURES / "bbc-musk-2023.blog.html"
SPEAKER = re.compile(r"^[A-Z][A-Za-z .'-]{0,40}:\s*$")
TAIL = "评论"


def seed_parts() -> tuple[str, list[str], list[str]]:
    """The seed text's title, its post lines (blank lines kept) and its page tail."""
    lines = TXT.read_text(encoding="utf-8").split("\n")
    end = next(i for i, line in enumerate(lines) if line.strip() == TAIL)
    return lines[0].strip(), lines[1:end], [line.strip() for line in lines[end:] if line.strip()]


def md_escape(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", text)


def make_seed_markdown() -> str:
    """The seed as a Markdown post: front matter, a title heading, an image, HTML comments,
    bold speaker labels, the interviewer's questions as block quotes, emphasis and links in the
    answers, the page tail as headings and a list of links."""
    title, body, tail = seed_parts()
    out = ["---", f'title: "{title}"', "date: 2023-04-12", "tags: [elon musk, bbc, twitter]", "---", "",
           f"# {md_escape(title)}", "", "<!-- copied from the blog; the page's furniture is at the end -->",
           "![Elon Musk and James Clayton](https://example.com/musk.jpg \"The interview\")", ""]
    speaker = None
    for line in body:
        if not line.strip():
            out.append("")
        elif SPEAKER.match(line):
            speaker = line.strip()[:-1]
            out.append(f"**{line.strip()}**")
        elif speaker == "James Clayton":
            out.append("> " + md_escape(line))
        else:
            text = md_escape(line)
            text = re.sub(r"\bBBC\b", "**BBC**", text)
            text = re.sub(r"\b(twitter|Twitter)\b", r"[\1](https://twitter.com)", text)
            text = re.sub(r"\b(percent|advertisers)\b", r"_\1_", text)
            text = re.sub(r"\b(Tesla|SpaceX)\b", r"`\1`", text)
            out.append(text)
    out += ["", "<!--", "  Blogger's page furniture, as the copy had it:", "-->", f"## {tail[0]}", "",
            f"### {tail[1]}", ""]
    out += [f"- [{md_escape(t)}](https://elonmusk-interviews.blogspot.com/{i}.html)" for i, t in enumerate(tail[2:])]
    return "\n".join(out) + "\n"


def make_seed_docx(path: Path) -> Path:
    """The seed as a Word document: a Title paragraph, one paragraph a line and an empty one for
    each blank line (as pasting the copy into Word gives), bold speaker labels, answers in two
    runs with the second in italics, a comment, a page header and footer, and the page tail as
    headings and list paragraphs."""
    docx = pytest.importorskip("docx")
    title, body, tail = seed_parts()
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Elon Musk Interviews"
    document.sections[0].footer.paragraphs[0].text = "Page 1"
    document.add_paragraph(title, style="Title")
    commented = False
    for line in body:
        if not line.strip():
            document.add_paragraph("")
        elif SPEAKER.match(line):
            document.add_paragraph().add_run(line.strip()).bold = True
        else:
            paragraph = document.add_paragraph()
            words = line.split(" ")
            half = len(words) // 2
            first = paragraph.add_run(" ".join(words[:half]) + (" " if half else ""))
            paragraph.add_run(" ".join(words[half:])).italic = True
            if not commented and half:
                document.add_comment(first, text="Check this against the recording", author="Editor")
                commented = True
    document.add_heading(tail[0], level=2)
    document.add_heading(tail[1], level=3)
    for t in tail[2:]:
        document.add_paragraph(t, style="List Bullet")
    document.save(path)
    return path


def cues(text_path: Path, **options):
    return make_captions(REV, text_path, **options).captions


@pytest.fixture(scope="module")
def base():
    return cues(TXT), cues(TXT, speaker_labels=True)


def rows(path: Path) -> list[tuple[str, int, str | None]]:
    return [(line.text, line.block, line.speaker) for line in read_clean_text(path).lines]


def assert_same(base, path: Path) -> None:
    plain, labelled = base
    # The same lines, blocks and speakers as the text's up to the page tail (the popular posts'
    # two titles, which the web page reader drops as furniture and alignment drops in the others).
    got_rows, text_rows = rows(path), rows(TXT)
    n = len(text_rows) - 2
    assert text_rows[n][0].startswith("2023 Tesla Investor Day")
    assert got_rows[:n] == text_rows[:n]
    got = cues(path)
    assert [(c.start_ms, c.end_ms, c.lines) for c in got] == [(c.start_ms, c.end_ms, c.lines) for c in plain]
    assert got == plain
    assert cues(path, speaker_labels=True) == labelled


def test_fixture_is_what_the_script_makes():
    spec = importlib.util.spec_from_file_location("make_seed_html", FIXTURES / "make_seed_html.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert HTML.read_text(encoding="utf-8") == module.make_seed_html(TXT.read_text(encoding="utf-8"))


def test_seed_html_page_reads_as_the_post_text():
    text, warnings, fmt, _ = read_plain_text(HTML)
    assert fmt == "html" and warnings == ()
    title, body, _ = seed_parts()
    squeeze = lambda lines: re.sub(r"\n{3,}", "\n\n", "\n".join(" ".join(l.split()) for l in lines)).strip()
    assert text.strip() == squeeze([title, "", *body])
    for furniture in ("Popular posts", "Powered by", "Skip to main", "Home", "Thanks for the transcript",
                      "BlogThis", "Musk Fan", "评论", "热门博文", "__wavt", "_WidgetManager", "speakers", "font:"):
        assert furniture not in text


def test_seed_html_gives_the_same_captions_as_the_text(base):
    assert_same(base, HTML)


def test_seed_html_under_a_wrong_extension_reads_the_same(tmp_path):
    wrong = tmp_path / "bbc-musk-2023.blog.txt"
    wrong.write_bytes(HTML.read_bytes())
    assert read_clean_text(wrong).lines == read_clean_text(HTML).lines


def test_seed_markdown_gives_the_same_captions_as_the_text(base, tmp_path):
    path = tmp_path / "bbc-musk-2023.blog.md"
    path.write_text(make_seed_markdown(), encoding="utf-8")
    text, _, fmt, _ = read_plain_text(path)
    assert fmt == "markdown"
    assert "**" not in text and "](" not in text and "> " not in text and "title:" not in text
    assert_same(base, path)


def test_seed_docx_gives_the_same_captions_as_the_text(base, tmp_path):
    path = make_seed_docx(tmp_path / "bbc-musk-2023.blog.docx")
    text, _, fmt, _ = read_plain_text(path)
    assert fmt == "docx"
    assert "Elon Musk Interviews" not in text and "Page 1" not in text and "Check this" not in text
    assert_same(base, path)
    renamed = tmp_path / "bbc-musk-2023.blog.txt"   # a .docx under a text name is still a .docx
    renamed.write_bytes(path.read_bytes())
    assert read_clean_text(renamed).lines == read_clean_text(path).lines
