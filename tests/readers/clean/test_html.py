"""readers/clean/html.py: a saved web page's article as the clean text's lines."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from captions.errors import CaptionsError
from captions.readers.clean.html import find_article, html_to_text, looks_like_html
from captions.readers.clean.text import parse_clean_text, read_clean_text

from conftest import dedent, fuzz_settings


def page(body: str, head: str = "<title>Blog title</title>") -> str:
    return f"<!DOCTYPE html>\n<html><head>{head}</head><body>{body}</body></html>"


def rows(clean):
    return [(line.text, line.block, line.speaker) for line in clean.lines]


# --- layout ----------------------------------------------------------------------------------

def test_br_is_the_authors_line_break_and_two_make_a_blank_line():
    assert html_to_text("<p>one<br>two<br/>\nthree<br /><br />four</p>") == "one\ntwo\nthree\n\nfour\n"


def test_paragraphs_are_blocks_divs_are_lines():
    text = html_to_text("<p>first para</p><p>second para</p><div>a line</div><div>next line</div>"
                        "<div><br></div><div>after a blank</div>")
    assert text == "first para\n\nsecond para\n\na line\nnext line\n\nafter a blank\n"


def test_headings_lists_and_quotes_are_blocks_of_their_own():
    text = html_to_text("<h2>Title</h2>text<ul><li>one</li><li>two <ul><li>nested</li></ul></li></ul>"
                        "<blockquote>quoted</blockquote>after")
    assert text == "Title\n\ntext\n\none\ntwo\nnested\n\nquoted\n\nafter\n"


def test_inline_elements_run_together_and_whitespace_collapses():
    text = html_to_text("<p>  Hel<b>lo</b>,\n   <i>wide</i>\t<span>world</span>&nbsp;&nbsp;again </p>")
    assert text == "Hello, wide world again\n"


def test_entities_are_decoded():
    assert html_to_text("<p>Tom &amp; Jerry &#8212; don&#39;t &ldquo;quote&rdquo; caf&eacute;</p>") == \
        "Tom & Jerry \u2014 don't \u201cquote\u201d café\n"


def test_preformatted_text_keeps_its_lines():
    assert html_to_text("<pre>line one\n  line two</pre><p>x</p>") == "line one\nline two\n\nx\n"


def test_table_cells_are_separated_and_rows_are_lines():
    assert html_to_text("<article><table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table></article>") == \
        "a b\nc\n"


def test_soft_hyphens_and_zero_width_spaces_are_dropped():
    assert html_to_text("<p>in&shy;ter&#8203;view</p>") == "interview\n"


# --- what is dropped -------------------------------------------------------------------------

def test_scripts_styles_comments_and_hidden_text_are_dropped():
    text = html_to_text(page(
        "<script>var speaker = 'Elon Musk:';</script><style>p { color: red }</style>"
        "<!-- a comment --><noscript>Enable JavaScript</noscript><template>tpl</template>"
        "<p>Spoken text.</p><div style='display: none'>hidden</div><p hidden>also hidden</p>"
        "<img alt='a photo' src='x.jpg'><svg><text>svg text</text></svg>",
        head="<title>Page title</title><style>body {}</style><script>x()</script>"))
    assert text == "Spoken text.\n"


def test_navigation_header_footer_sidebar_and_comments_are_dropped():
    html = page(dedent("""
        <header><h1>My blog</h1><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
        <div id="content">
          <p>The interview starts here.</p>
          <p>And goes on.</p>
          <div class="share-buttons"><a>Share on Twitter</a></div>
          <div class="related-posts"><h3>Related posts</h3><a>Another interview</a></div>
        </div>
        <div id="comments"><h3>3 comments</h3><p>Great post!</p></div>
        <form><label>Name</label><input><button>Send</button></form>
        <aside><h3>Popular posts from this blog</h3><a>Older interview title</a></aside>
        <footer>Powered by Blogger</footer>
        """))
    assert html_to_text(html) == "The interview starts here.\n\nAnd goes on.\n"


def test_blogger_post_keeps_its_title_and_drops_its_footer():
    html = page(dedent("""
        <div class="blog-posts hfeed"><div class="date-outer"><h2 class="date-header">April 12</h2>
        <div class="post-outer"><div class="post hentry">
          <h3 class="post-title entry-title">Musk interviewed</h3>
          <div class="post-header"><span class="byline">Posted by Fan</span></div>
          <div class="post-body entry-content">James Clayton:<br><br>Why?<br></div>
          <div class="post-footer"><span class="post-labels">Labels: BBC</span>
            <div class="post-share-buttons"><a>BlogThis!</a></div></div>
        </div>
        <div class="comments"><h4>Comments</h4><p>Nice</p></div></div></div></div>
        <div class="sidebar"><div class="widget PopularPosts"><h2>Popular posts</h2></div></div>
        """))
    assert html_to_text(html) == "Musk interviewed\n\nJames Clayton:\n\nWhy?\n"


def test_wordpress_article_keeps_the_title_of_its_header_only():
    html = page(dedent("""
        <div id="page" class="site has-sidebar">
        <header class="site-header"><p class="site-title">Site</p><nav class="main-navigation">Menu</nav></header>
        <div id="primary" class="content-area"><main id="main" class="site-main">
        <article class="post type-post hentry">
          <header class="entry-header"><h1 class="entry-title">The interview</h1>
            <div class="entry-meta">Posted on April 12 by admin</div></header>
          <div class="entry-content"><p>Elon Musk: Hello.</p><p>James Clayton: Hi.</p>
            <div class="sharedaddy sd-sharing-enabled">Share this:</div>
            <div id="jp-relatedposts" class="jp-relatedposts">Related</div></div>
          <footer class="entry-footer">Posted in Interviews</footer>
        </article>
        <div id="comments" class="comments-area"><h2>One reply</h2><ol class="comment-list"><li>Thanks</li></ol></div>
        </main></div>
        <aside id="secondary" class="widget-area"><section class="widget"><h2>Recent Posts</h2></section></aside>
        </div>
        """))
    assert html_to_text(html) == "The interview\n\nElon Musk: Hello.\n\nJames Clayton: Hi.\n"


def test_article_element_is_preferred_over_the_rest_of_the_page():
    html = page("<div class='menu'>Home About</div><article><p>The text.</p></article>"
                "<article class='teaser'>x</article><p>Cookie notice and more words than the article has here</p>")
    assert html_to_text(html) == "The text.\n"


def test_main_element_when_there_is_no_article():
    html = page("<div>Site banner text here</div><main><p>One.</p><p>Two.</p></main><div>Footer-ish text</div>")
    assert html_to_text(html) == "One.\n\nTwo.\n"


def test_largest_text_block_when_the_page_has_no_semantic_markup():
    html = page(dedent("""
        <table><tr><td class="left"><a href="/">Home</a><br><a href="/a">Archive</a><br><a href="/b">Links</a></td>
        <td class="text"><font size="3">I don't know. I like spontaneity.<br>There's a lot going on.<br><br>
        Yes I do, so there's a lot going on.</font></td></tr></table>
        <div>Copyright 2023</div>
        """))
    assert html_to_text(html) == \
        "I don't know. I like spontaneity.\nThere's a lot going on.\n\nYes I do, so there's a lot going on.\n"
    soup_root = find_article(__import__("bs4").BeautifulSoup(html, "html.parser"))
    assert soup_root.name == "td"


def test_a_wrapper_named_like_furniture_is_not_dropped_when_it_holds_the_text():
    html = page("<div class='layout-with-sidebar'><div class='content'><p>The spoken text is long enough.</p>"
                "<p>More of it.</p></div><div class='sidebar'>Links</div></div>")
    assert html_to_text(html) == "The spoken text is long enough.\n\nMore of it.\n"


# --- speakers through parse_clean_text ---------------------------------------------------------

def test_bold_speaker_lines_become_speakers():
    html = page("<div class='post-body'><p><b>James Clayton:</b></p><p>Why did you agree?</p>"
                "<p><b>Elon Musk:</b> I don't know.<br>I like spontaneity.</p></div>")
    clean = parse_clean_text(html_to_text(html))
    assert rows(clean) == [("Why did you agree?", 1, "James Clayton"),
                           ("I don't know.", 2, "Elon Musk"), ("I like spontaneity.", 2, "Elon Musk")]


def test_a_bold_label_ends_its_line_so_a_speaker_who_talks_once_is_found():
    # "Elon Musk: Because." once, in plain text, would not be taken for a label; in bold it is.
    html = page("<article><p><strong>James Clayton:</strong> Why?</p><p><strong>Elon Musk:</strong> Because.</p>"
                "<p><strong>James Clayton:</strong> Fine.</p><p>A <b>bold:</b> word mid-line stays.</p></article>")
    text = html_to_text(html)
    assert text == ("James Clayton:\nWhy?\n\nElon Musk:\nBecause.\n\nJames Clayton:\nFine.\n\n"
                    "A bold: word mid-line stays.\n")
    assert rows(parse_clean_text(text))[:3] == [("Why?", 1, "James Clayton"), ("Because.", 2, "Elon Musk"),
                                                ("Fine.", 3, "James Clayton")]


def test_line_numbers_are_the_page_sources(write_file):
    p = write_file("post.html", dedent("""
        <!DOCTYPE html>
        <html><head><title>T</title>
        <script>
        var x = 1;
        </script></head>
        <body><nav>Home</nav>
        <article><h1>Title</h1>
        <p>First line<br>
        second line</p>
        <!-- a comment
        over two lines -->
        <p>
          Third</p><pre>code one
        code two</pre>
        </article></body></html>
        """))
    clean = read_clean_text(p, script=None)
    assert [(line.text, line.number) for line in clean.lines] == [
        ("Title", 7), ("First line", 8), ("second line", 9), ("Third", 13), ("code one", 13), ("code two", 14)]


def test_seed_page_reports_the_title_at_its_line_in_the_page():
    from pathlib import Path

    page_path = Path(__file__).resolve().parents[2] / "fixtures" / "texts" / "bbc-musk-2023.blog.html"
    first = read_clean_text(page_path).lines[0]
    source = page_path.read_text(encoding="utf-8").split("\n")
    assert first.text.startswith("2023/4/12 Elon Musk")
    assert 'class="post-title' in source[first.number - 1]


# --- detection and errors ------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("<!DOCTYPE html><html>", True),
    ("\ufeff  \n<!doctype HTML>", True),
    ("<html lang='en'>", True),
    ("<!-- saved from url=(0014)about:internet -->\n<html>", True),
    ('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', True),
    ("James Clayton:\nWhy <b>now</b>?", False),
    ("<p>a fragment</p>", False),
    ("", False),
])
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


def test_html_file_read_by_content_whatever_its_name(write_file):
    p = write_file("interview.txt", page("<nav>Menu</nav><article><p>James Clayton:</p><p>Why?</p></article>"))
    assert rows(read_clean_text(p)) == [("Why?", 1, "James Clayton")]


def test_html_name_with_plain_text_inside_is_read_as_text(write_file):
    p = write_file("interview.html", "James Clayton:\nWhy?\n\nElon Musk:\nBecause.\n")
    assert rows(read_clean_text(p)) == [("Why?", 1, "James Clayton"), ("Because.", 2, "Elon Musk")]


def test_html_fragment_with_html_extension(write_file):
    p = write_file("post.htm", "<p>First line<br>second line</p>\n<p>Next block</p>")
    assert rows(read_clean_text(p)) == [("First line", 0, None), ("second line", 0, None), ("Next block", 1, None)]


def test_page_without_text_is_a_one_line_error_naming_the_file(write_file):
    p = write_file("empty.html", page("<nav>Home</nav><script>x()</script><footer>Powered by</footer>"))
    with pytest.raises(CaptionsError) as info:
        read_clean_text(p)
    assert info.value.path == str(p) and "\n" not in str(info.value)
    assert "no article text" in str(info.value)


def test_windows_1252_page_is_decoded(write_file):
    p = write_file("page.html", b"<html><body><p>caf\xe9 \x93quoted\x94</p></body></html>")
    assert [line.text for line in read_clean_text(p).lines] == ["café \u201cquoted\u201d"]


def test_deeply_nested_markup_does_not_exhaust_recursion():
    html = "<div>" * 3000 + "deep text" + "</div>" * 3000
    assert html_to_text(html) == "deep text\n"


# --- properties ------------------------------------------------------------------------------

_TAGS = ["p", "div", "br", "b", "i", "span", "a", "h1", "h3", "li", "ul", "nav", "footer", "aside", "article",
         "main", "script", "style", "pre", "table", "td", "tr", "header", "blockquote", "section"]
_fragments = st.one_of(
    st.text(max_size=30),
    st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(["<!--", "-->", "<!DOCTYPE html>", "&amp;", "&#", "&nbsp;", "<br/>", "<", ">", "\n\n",
                     "<div class='post-body'>", "<div class=comments>", "<![CDATA[", "]]>", "<?php", "Name:",
                     "<b>Elon Musk:</b>", "<p style='display:none'>", "<div id=sidebar>", "\x00", "\ufeff"]),
)


@fuzz_settings(150)
@given(st.lists(_fragments, max_size=40).map("".join))
def test_any_markup_gives_lines_or_an_error(html):
    try:
        text = html_to_text(html)
    except CaptionsError as exc:
        assert "\n" not in str(exc)
        return
    assert text.endswith("\n")
    for line in text.split("\n"):
        assert line == " ".join(line.split())   # white space normalised within every line
    assert "\n\n\n" not in text


@fuzz_settings(100)
@given(st.lists(_fragments, max_size=40).map("".join))
def test_any_page_file_gives_clean_text_or_a_captions_error(tmp_path_factory, html):
    p = tmp_path_factory.mktemp("html") / "page.html"
    p.write_text(html, encoding="utf-8", errors="surrogatepass")
    try:
        clean = read_clean_text(p)
    except CaptionsError as exc:
        assert str(p) in str(exc) and "\n" not in str(exc)
        return
    assert clean.lines
    assert all(line.text.strip() for line in clean.lines)
    assert [line.block for line in clean.lines] == sorted(line.block for line in clean.lines)
