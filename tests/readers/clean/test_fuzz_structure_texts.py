"""Clean texts of any structure: deep nesting, huge lines, long runs of one character, many
unclosed tags. Whatever the shape, an HTML, Markdown or Word clean text gives its spoken lines
or a one-line CaptionsError naming the file, never another exception, and within a time bound
that a reader slower than linear would miss on the larger shapes drawn here.

CAPTIONS_FUZZ_EXAMPLES sets the number of examples (see conftest.fuzz_settings).
"""
from __future__ import annotations

import html

from hypothesis import given, strategies as st

from conftest import clean_text_or_refusal, fuzz_settings, within_cpu
from test_hangs_texts import docx_of, para

BOUND_S = 2.0   # CPU seconds of this process, so that a busy shared machine does not fail it
WORDS = st.sampled_from(["Elon Musk:", "James Clayton:", "I don't know.", "Why?", "the market grew",
                         "café", "评论", "Speaker 2 (00:31):", "[inaudible 00:07:06]", "AT&amp;T", ""])


def read_within_bound(path):
    """read_clean_text on ``path``: its lines, each with text, or a one-line error naming it,
    within the bound (CPU time, the garbage collector paused: conftest.within_cpu)."""
    within_cpu(BOUND_S, clean_text_or_refusal, path)


# --- HTML ------------------------------------------------------------------------------------

_BLOCKS = ["div", "p", "section", "article", "main", "li", "ul", "ol", "table", "tr", "td", "blockquote",
           "pre", "h1", "h3", "header", "nav", "aside", "footer", "form", "body", "html"]
_INLINES = ["b", "strong", "i", "span", "a", "font", "em", "code", "sup"]
_VOIDS = ["br", "img", "hr", "meta", "input", "wbr"]
_ATTRS = ["", " class='post-body'", " class='entry-content'", " class='post hentry'", " class=comments",
          " id=sidebar", " class='has-sidebar'", " class=masthead", " role=navigation", " role=main",
          " style='display:none'", " hidden", " itemprop=articleBody", " class=sr-only"]
_RUN_CHARS = "<>&;/=\"' \t\n[]*_`#-|!()\\:x"


@st.composite
def html_pages(draw):
    """A page of a few structural pieces, each possibly huge."""
    tags = st.sampled_from(_BLOCKS + _INLINES)
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["nest", "unclosed", "line", "voids", "run", "text"]))
        tag, attr, word = draw(tags), draw(st.sampled_from(_ATTRS)), draw(WORDS)
        if kind == "nest":        # nested deep, closed or not
            depth = draw(st.integers(1, 5_000))
            pieces.append(f"<{tag}{attr}>" * depth + html.escape(word) + f"</{tag}>" * draw(st.integers(0, depth)))
        elif kind == "unclosed":  # inline tags opened by the thousand, each before a word
            pieces.append(f"<{draw(st.sampled_from(_INLINES))}{attr}>{word} " * draw(st.integers(1, 5_000)))
        elif kind == "line":      # one line of many closed tags
            pieces.append(f"<{tag}{attr}>{word}</{tag}> " * draw(st.integers(1, 5_000)))
        elif kind == "voids":     # void elements and stray end tags
            n = draw(st.integers(1, 5_000))
            pieces.append(f"{word}<{draw(st.sampled_from(_VOIDS))}>" * n + f"</{tag}>" * draw(st.integers(0, n)))
        elif kind == "run":       # one character, many times
            pieces.append(draw(st.sampled_from(_RUN_CHARS)) * draw(st.integers(1, 60_000)))
        else:
            pieces.append(draw(st.text(max_size=200)))
    head = draw(st.sampled_from(["<!DOCTYPE html><html><body>", "<html>", "<div>", ""]))
    return head + "".join(pieces)


@fuzz_settings(40)
@given(html_pages())
def test_any_structure_of_page_gives_lines_or_one_line_error(tmp_path_factory, page):
    path = tmp_path_factory.mktemp("html") / "page.html"
    path.write_text(page, encoding="utf-8", errors="surrogatepass")
    read_within_bound(path)


# --- Markdown --------------------------------------------------------------------------------

_MD_TOKENS = ["[", "]", "![", "[^", "](", "(", ")", "**", "*", "__", "_", "~~", "`", "```", "<!--", "-->", "<a ",
              "<script>", "</script>", "<br>", "|", "|-", "-", ":", "#", "> ", ">", "\\", "&amp;", "  ", "\t",
              "**a ", "*a ", "_a ", "`a", "[a](", "[a][", "- ", "1. "]


@st.composite
def markdown_texts(draw):
    """Markdown of a few structural pieces: indented lists, quotes, long lines of one token."""
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["indent", "quote", "long", "run", "lines", "text"]))
        word = draw(WORDS)
        if kind == "indent":      # each line indented further
            step = draw(st.integers(1, 4))
            marker = draw(st.sampled_from(["- ", "* ", "1. ", "> ", "| ", "", "#"]))
            pieces.append("\n".join(" " * (step * i) + marker + word for i in range(draw(st.integers(1, 1_500)))))
        elif kind == "quote":     # block quotes nested deep
            pieces.append(draw(st.sampled_from([">", "> ", " >"])) * draw(st.integers(1, 50_000)) + word)
        elif kind == "long":      # one line of one token repeated
            pieces.append(draw(st.sampled_from(_MD_TOKENS)) * draw(st.integers(1, 30_000)) + word)
        elif kind == "run":
            pieces.append(draw(st.sampled_from(_RUN_CHARS)) * draw(st.integers(1, 60_000)))
        elif kind == "lines":     # many short lines of markup
            line = st.lists(st.sampled_from(_MD_TOKENS + [word]), max_size=8).map("".join)
            pieces.append("\n".join(draw(st.lists(line, min_size=1, max_size=300))))
        else:
            pieces.append(draw(st.text(max_size=200)))
        pieces.append(draw(st.sampled_from(["\n", "\n\n", "", " "])))
    return "".join(pieces)


@fuzz_settings(40)
@given(markdown_texts())
def test_any_structure_of_markdown_gives_lines_or_one_line_error(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("md") / "post.md"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    read_within_bound(path)


# --- Word ------------------------------------------------------------------------------------

def _run(text: str, bold: bool) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:r>{props}<w:t xml:space='preserve'>{html.escape(text)}</w:t></w:r>"


@st.composite
def docx_bodies(draw):
    """A document body of a few structural pieces: nested tables and content controls (past the
    parser's depth limit sometimes), paragraphs of many runs, huge runs of one character."""
    pieces = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["tables", "controls", "runs", "long", "paragraphs"]))
        word = draw(WORDS)
        if kind == "tables":      # tables nested in cells
            inner = para(word)
            for level in range(draw(st.integers(1, 100))):
                cells = draw(st.integers(1, 3))
                inner = "<w:tbl>" + "<w:tr>" + f"<w:tc>{para(f'cell {level}')}</w:tc>" * (cells - 1) + \
                    f"<w:tc>{inner}</w:tc></w:tr></w:tbl>"
            pieces.append(inner + para(""))
        elif kind == "controls":  # content controls nested deep
            depth = draw(st.integers(1, 300))
            pieces.append("<w:sdt><w:sdtContent>" * depth + para(word) + "</w:sdtContent></w:sdt>" * depth)
        elif kind == "runs":      # one paragraph of many runs, bold or not
            runs = draw(st.lists(st.tuples(WORDS, st.booleans()), min_size=1, max_size=20))
            pieces.append("<w:p>" + "".join(_run(t, b) for t, b in runs) * draw(st.integers(1, 2_000)) + "</w:p>")
        elif kind == "long":      # one run of one character
            pieces.append("<w:p>" + _run(draw(st.sampled_from(_RUN_CHARS)) * draw(st.integers(1, 60_000)),
                                         draw(st.booleans())) + "</w:p>")
        else:
            pieces.append(para(word) * draw(st.integers(1, 3_000)))
    return "".join(pieces)


@fuzz_settings(25)
@given(docx_bodies())
def test_any_structure_of_word_document_gives_lines_or_one_line_error(tmp_path_factory, body):
    path = tmp_path_factory.mktemp("docx") / "post.docx"
    path.write_bytes(docx_of(body))
    read_within_bound(path)
