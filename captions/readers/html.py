"""A saved web page (a blog post, an article) to the clean text's plain lines.

The page's article is found (a Blogger or WordPress post body with its title, else ``<article>``,
else ``<main>``, else the block with the most text outside links), the page furniture inside it
is dropped
(navigation, scripts, styles, comments, forms, share and related-post widgets, sidebars, footers)
and the rest is laid out as a browser shows it: a paragraph, heading, list or block quote is a
block of its own (a blank line around it), a ``<div>``, list item or table row is a line, a
``<br>`` is the author's line break, inline elements run together, a bold ``Name:`` that opens
a line (a speaker label) ends it, and white space inside a line is collapsed. Entities are
decoded by the parser. The result has the shape of a blog post copied as text, for
`captions.readers.text.parse_clean_text`.
"""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

from ..errors import InputError
from .text import looks_like_html, starts_with_tag  # noqa: F401  (detection lives with the dispatcher)

__all__ = ["find_article", "html_lines", "html_to_text", "looks_like_html", "starts_with_tag"]

# Never text: their content is code, media or controls.
_NOISE_TAGS = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "base",
               "svg", "math", "canvas", "iframe", "frame", "frameset", "object", "embed", "applet",
               "video", "audio", "source", "track", "picture", "img", "map", "area", "button",
               "input", "select", "option", "optgroup", "textarea", "datalist", "output", "dialog"}
# Page furniture: dropped inside the article, and everywhere before the text-density search.
_FURNITURE_TAGS = {"nav", "aside", "footer", "form", "menu", "fieldset", "label", "legend"}
_FURNITURE_ROLES = {"navigation", "complementary", "contentinfo", "banner", "search", "dialog"}
# A block of its own (a browser puts space around it; a copy of the page has a blank line).
_PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "dl",
                   "table", "hr", "figure", "address", "details", "listing", "xmp", "plaintext"}
# A line of its own.
_LINE_TAGS = {"div", "section", "article", "main", "header", "footer", "aside", "nav", "li", "dt",
              "dd", "tr", "caption", "figcaption", "summary", "center", "body", "html", "hgroup",
              "tbody", "thead", "tfoot", "form", "fieldset", "legend", "search", "noframes"}
_CELL_TAGS = {"td", "th"}
_INLINE_TAGS = {"a", "span", "b", "strong", "i", "em", "u", "s", "small", "big", "font", "sub", "sup", "mark",
                "abbr", "cite", "q", "code", "kbd", "samp", "var", "time", "bdi", "bdo", "ins", "del"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_PREFORMATTED = {"pre", "listing", "xmp", "plaintext", "textarea"}

# Class and id words of the element that holds a post's text.
_BODY_CLASSES = {"post-body", "entry-content", "post-content", "article-body", "article-content",
                 "articlebody", "article__body", "article-text", "story-body", "story-content",
                 "post-entry", "entry-body", "postbody", "post-text", "blog-post-body", "td-post-content",
                 "c-article-body", "single-post-content", "post__content", "entry__content"}
# Class words of the element that holds one post: its title and its body.
_POST_CLASSES = {"post", "hentry", "type-post", "h-entry", "blog-post", "single-post"}
# Words in a class or id that mark furniture: a word matches when it starts with one of these ...
_FURNITURE_PREFIXES = ("comment", "disqus", "share", "sharing", "addthis", "social", "related",
                       "sidebar", "footer", "navbar", "navigation", "breadcrumb", "newsletter",
                       "subscri", "advert", "sponsor", "promo", "cookie", "popup", "popular",
                       "pagination", "byline", "jumplink", "signup", "toolbar", "offcanvas")
_NOT_FURNITURE = ("commentar",)   # "commentary" is an article, not its comments
# ... or is one of these.
_FURNITURE_WORDS = {"nav", "menu", "ad", "ads", "adsense", "meta", "tags", "labels", "pager", "modal",
                    "banner", "toc", "rss", "feed", "follow", "login", "search", "author", "bio",
                    "avatar", "timestamp", "archive", "profile", "attribution", "jump", "skip"}
# Whole class names that hide text from the eye (screen-reader labels, hidden blocks).
_FURNITURE_CLASSES = {"sr-only", "screen-reader-text", "visually-hidden", "visuallyhidden", "hidden",
                      "skip-link", "print-only"}
_HEADER_WORDS = {"header", "masthead"}   # keep only the headings inside these
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WORD_SPLIT = re.compile(r"[-_\s:]+|(?<=[a-z])(?=[A-Z])")
_INVISIBLE = str.maketrans("", "", "\u00ad\u200b\u2060\ufeff")


def html_to_text(html: str, path: str = "<html>") -> str:
    """The article's text of an HTML page as plain lines: one paragraph or author's line a line,
    a blank line between blocks. Raises `InputError` naming ``path`` when the page cannot be
    parsed."""
    return "\n".join(text for _, text in html_lines(html, path)) + "\n"


def html_lines(html: str, path: str = "<html>") -> list[tuple[int, str]]:
    """`html_to_text`'s lines, each with the line of the HTML source its text starts on (0 for a
    blank line)."""
    try:
        soup = BeautifulSoup(html, "html.parser")
    except Exception as exc:   # bs4 and html.parser reject some malformed markup
        raise InputError(f"cannot read the HTML: {_one_line(exc)}", path) from None
    numbers = _source_lines(soup)
    _drop_noise(soup)
    root = find_article(soup)
    _drop_furniture(root, keep=_body_candidates(root))
    return _render(root, numbers)


def _source_lines(soup: BeautifulSoup) -> dict[int, int]:
    """The source line each string of the page starts its text on, by the string's id()."""
    numbers: dict[int, int] = {}
    line = 1
    for node in soup.descendants:
        if isinstance(node, Tag):
            line = node.sourceline or line
        else:
            text = str(node)
            numbers[id(node)] = line + text[: len(text) - len(text.lstrip())].count("\n")
            line += text.count("\n")
    return numbers


def find_article(soup: BeautifulSoup | Tag) -> Tag:
    """The element that holds the article: a post body (Blogger's ``div.post-body``, WordPress's
    ``div.entry-content``, ``itemprop=articleBody`` ...) with the post around it that holds its
    title, else the ``<article>`` with the most text, else ``<main>``, else the block with the
    most text that is neither links nor furniture. Expects scripts and styles already gone."""
    bodies = _body_candidates(soup)
    if bodies:
        body = max(bodies, key=_text_length)
        if _text_length(body):
            return _post_around(body, bodies)
    articles = [a for a in soup.find_all("article") if not a.find_parent(list(_FURNITURE_TAGS))]
    if articles:
        article = max(articles, key=_text_length)
        if _text_length(article):
            return article
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    if isinstance(main, Tag) and _text_length(main) > 0:
        return main
    return _densest(soup)


# --- cleaning -------------------------------------------------------------------------------

def _drop_noise(soup: BeautifulSoup) -> None:
    for node in list(soup.descendants):
        if isinstance(node, (Comment, CData, Declaration, Doctype, ProcessingInstruction)):
            node.extract()
    for tag in _outermost(t for t in soup.find_all(True) if t.name in _NOISE_TAGS or _hidden(t)):
        tag.decompose()


def _outermost(tags) -> list[Tag]:
    """The tags not inside another of them, in document order."""
    chosen: list[Tag] = []
    ids: set[int] = set()
    for tag in tags:
        if not any(id(p) in ids for p in tag.parents):
            chosen.append(tag)
            ids.add(id(tag))
    return chosen


def _hidden(tag: Tag) -> bool:
    attrs = tag.attrs or {}
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    style = attrs.get("style")
    return isinstance(style, str) and bool(_HIDDEN_STYLE.search(style))


def _names(tag: Tag) -> list[str]:
    names = tag.get("class") or []
    if isinstance(names, str):
        names = names.split()
    return [n.lower() for n in names if isinstance(n, str)]


def _words(tag: Tag) -> list[str]:
    """The words of an element's class and id: ``post-footer commentsSection`` -> post, footer,
    comments, section."""
    names = list(tag.get("class") or [])
    ident = tag.get("id")
    if isinstance(ident, str):
        names.append(ident)
    return [w.lower() for name in names if isinstance(name, str) for w in _WORD_SPLIT.split(name) if w]


def _furniture_by_tag(tag: Tag) -> bool:
    return tag.name in _FURNITURE_TAGS or str(tag.get("role", "")).lower() in _FURNITURE_ROLES


def _furniture_by_name(tag: Tag) -> bool:
    classes = set(_names(tag))
    if classes & _BODY_CLASSES:
        return False
    if classes & _FURNITURE_CLASSES:
        return True
    return any(w in _FURNITURE_WORDS or (w.startswith(_FURNITURE_PREFIXES) and not w.startswith(_NOT_FURNITURE))
               for w in _words(tag))


def _is_header(tag: Tag) -> bool:
    return tag.name == "header" or any(w in _HEADER_WORDS for w in _words(tag))


def _furniture(root: Tag, keep: list[Tag]) -> tuple[list[Tag], list[Tag]]:
    """Furniture inside ``root``, outermost first: (elements to drop, headers to keep only the
    headings of). An element named like furniture (``class="has-sidebar"``) that holds half of
    the text or more is a wrapper of the page, not furniture; elements holding ``keep`` stay."""
    protected = {id(p) for k in keep for p in [k, *k.parents]}
    total = _text_length(root)
    drop: list[Tag] = []
    headers: list[Tag] = []
    gone: set[int] = set()
    for tag in root.find_all(True):
        if id(tag) in protected or tag.name in _HEADINGS:
            continue
        if any(id(p) in gone or p.name in _HEADINGS for p in tag.parents):
            continue   # inside what is already dropped, or part of a heading's text
        by_name = _furniture_by_name(tag) or (_is_header(tag) and tag.name not in _INLINE_TAGS)
        if not _furniture_by_tag(tag) and not (by_name and 2 * _text_length(tag) < max(total, 1)):
            continue
        gone.add(id(tag))
        if _is_header(tag) and tag.find(list(_HEADINGS)):
            headers.append(tag)
        else:
            drop.append(tag)
    return drop, headers


def _drop_furniture(root: Tag, keep: list[Tag]) -> None:
    """Drop furniture inside ``root``; a header keeps only its headings."""
    drop, headers = _furniture(root, keep)
    for tag in drop:
        tag.decompose()
    for tag in headers:
        for h in [h for h in tag.find_all(list(_HEADINGS)) if not h.find_parent(list(_HEADINGS))]:
            tag.insert_before(h.extract())
        tag.decompose()


# --- finding the article ------------------------------------------------------------------

def _body_candidates(root: Tag) -> list[Tag]:
    found: list[Tag] = []
    for tag in root.find_all(True):
        if set(_names(tag)) & _BODY_CLASSES or "articlebody" in str(tag.get("itemprop", "")).lower().split():
            if not any(_holds(f, tag) for f in found):
                found.append(tag)
    return found


def _post_around(body: Tag, bodies: list[Tag]) -> Tag:
    """The post that holds ``body`` and its title (a few levels up), if it holds no other body."""
    node = body
    for _ in range(4):
        parent = node.parent
        if not isinstance(parent, Tag) or parent.name in {"main", "body", "html", "[document]"}:
            break
        node = parent
        itemtype = str(node.get("itemtype", ""))
        if (node.name == "article" or set(_names(node)) & _POST_CLASSES
                or itemtype.endswith(("BlogPosting", "Article", "NewsArticle"))):
            if any(other is not body and _holds(node, other) for other in bodies):
                break
            return node
    return body


def _holds(outer: Tag, inner: Tag) -> bool:
    return any(p is outer for p in inner.parents)


def _text_length(tag: Tag) -> int:
    return sum(len(s.strip()) for s in tag.find_all(string=True))


def _densest(soup: BeautifulSoup | Tag) -> Tag:
    """The block that holds the most text outside links and furniture: each block's own text
    counts fully for its container and half for the container's parent. When that block holds
    less than half of all such text on the page, its parents are taken until it holds half."""
    body = soup.find("body") or soup
    drop, headers = _furniture(body, [])
    excluded = {id(t) for t in drop + headers}
    scores: dict[int, float] = {}
    held: dict[int, int] = {}
    tags: dict[int, Tag] = {}
    total = 0
    for text in body.find_all(string=True):
        n = len(text.strip())
        if not n:
            continue
        block, skip, chain = None, False, []
        for parent in text.parents:
            if not isinstance(parent, Tag):
                break
            if parent.name == "a" or id(parent) in excluded:
                skip = True
                break
            chain.append(parent)
            if block is None and (parent.name in _LINE_TAGS or parent.name in _PARAGRAPH_TAGS
                                  or parent.name in _CELL_TAGS):
                block = parent
            if parent is body:
                break
        if skip:
            continue
        total += n
        for tag in chain:
            held[id(tag)] = held.get(id(tag), 0) + n
        block = block or body
        container = block
        if block.name not in {"div", "section", "article", "main", "td", "center", "blockquote", "body"}:
            container = block.parent if block is not body and isinstance(block.parent, Tag) else block
        for tag, share in ((container, 1.0), (container.parent, 0.5)):
            if isinstance(tag, Tag) and (tag is body or _holds(body, tag)):
                scores[id(tag)] = scores.get(id(tag), 0.0) + n * share
                tags[id(tag)] = tag
    if not scores:
        return body
    best = tags[max(scores, key=lambda k: scores[k])]
    while best is not body and 2 * held.get(id(best), 0) < total and isinstance(best.parent, Tag):
        best = best.parent
    return best


# --- layout -------------------------------------------------------------------------------

class _Layout:
    """Lines as a browser lays them out; ``gap`` asks for a blank line before the next text."""

    def __init__(self) -> None:
        self.lines: list[tuple[int, str]] = []
        self.buffer: list[str] = []
        self.number = 0   # the source line of the buffer's first text
        self.gap = False

    def text(self, s: str, number: int = 0) -> None:
        if not self.number and s.strip():
            self.number = number
        self.buffer.append(s)

    def end_line(self, forced: bool) -> None:
        line = " ".join("".join(self.buffer).translate(_INVISIBLE).split())
        number, self.number = self.number, 0
        self.buffer.clear()
        if line:
            if self.gap and self.lines and self.lines[-1][1]:
                self.lines.append((0, ""))
            self.gap = False
            self.lines.append((number, line))
        elif forced and self.lines and self.lines[-1][1]:
            self.lines.append((0, ""))   # a blank line; more than one says nothing more

    def at_line_start(self) -> bool:
        return not "".join(self.buffer).split()

    def block(self, paragraph: bool) -> None:
        self.end_line(forced=False)
        if paragraph:
            self.gap = True


_ENTER, _LEAVE, _LEAVE_LABEL = 0, 1, 2


def _is_label(tag: Tag) -> bool:
    """A bold speaker label (``<b>Elon Musk:</b>``): it ends its line, as the blog copies have it."""
    text = " ".join(tag.get_text().split())
    return 1 < len(text) <= 60 and text.endswith((":", "：")) and tag.find("br") is None


def _render(root: Tag, numbers: dict[int, int]) -> list[tuple[int, str]]:
    out = _Layout()
    # An explicit stack, so deeply nested markup cannot exhaust Python's recursion limit.
    stack: list[tuple[object, int]] = [(root, _ENTER)]
    pre_depth = 0
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, NavigableString):
            number = numbers.get(id(node), 0)
            if pre_depth:
                text = str(node)
                first = number - text[: len(text) - len(text.lstrip())].count("\n")
                for i, part in enumerate(text.split("\n")):
                    if i:
                        out.end_line(forced=True)
                    out.text(part, first + i)
            else:
                out.text(re.sub(r"[ \t\n\r\f]+", " ", str(node)), number)
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        paragraph = name in _PARAGRAPH_TAGS and not (name in {"ul", "ol"} and node.find_parent("li"))
        if leaving:
            if name in _PREFORMATTED:
                pre_depth -= 1
            if paragraph or name in _LINE_TAGS:
                out.block(paragraph)
            elif leaving == _LEAVE_LABEL:
                out.end_line(forced=False)
            continue
        if name == "br":
            out.end_line(forced=True)
            continue
        if name == "hr":
            out.block(True)
            continue
        if name in _CELL_TAGS:
            out.text(" ")
        if paragraph or name in _LINE_TAGS:
            out.block(paragraph)
        if name in _PREFORMATTED:
            pre_depth += 1
        label = name in {"b", "strong"} and out.at_line_start() and _is_label(node)
        stack.append((node, _LEAVE_LABEL if label else _LEAVE))
        stack.extend((child, _ENTER) for child in reversed(node.contents))
    out.end_line(forced=False)
    lines = out.lines
    while lines and not lines[-1][1]:
        lines.pop()
    return lines


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:119] + "…"
