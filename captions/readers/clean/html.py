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
`captions.readers.clean.text.parse_clean_text`.

Time is linear in the page whatever its shape (nesting ten thousand deep, unclosed tags, a line
of many tags): every pass reads what one walk of the tree recorded, and nothing recurses. A page
of more than `MAX_TAGS` elements is refused with a one-line error.
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import islice

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.builder import HTMLParserTreeBuilder, ParserRejectedMarkup
from bs4.builder._htmlparser import BeautifulSoupHTMLParser
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

from ...errors import InputError
from ..decoding import one_line
from .html_detect import looks_like_html, starts_with_tag  # noqa: F401  (public here too)

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
# A page with more elements than this is not an article (a long blog post with its comments has
# some tens of thousands); parsing it would take half a minute and a gigabyte, so it is refused
# before parsing.
MAX_TAGS = 500_000
_START_TAG = re.compile(r"<[A-Za-z]")


def html_to_text(html: str, path: str = "<html>") -> str:
    """The article's text of an HTML page as plain lines: one paragraph or author's line a line,
    a blank line between blocks. Raises `InputError` naming ``path`` when the page cannot be
    parsed."""
    return "\n".join(text for _, text in html_lines(html, path)) + "\n"


def html_lines(html: str, path: str = "<html>") -> list[tuple[int, str]]:
    """`html_to_text`'s lines, each with the line of the HTML source its text starts on (0 for a
    blank line)."""
    if next(islice(_START_TAG.finditer(html), MAX_TAGS, None), None):   # counted, not collected
        raise InputError(f"the page has more than {MAX_TAGS:,} elements, the limit (an article's page "
                         "has far fewer): save the article alone, or as text", path)
    try:
        soup = BeautifulSoup(html, builder=_Builder())
    except Exception as exc:   # bs4 and html.parser reject some malformed markup
        raise InputError(f"cannot read the HTML: {one_line(exc)}", path) from None
    numbers = _source_lines(soup)
    page = _Page(soup)
    root = find_article(soup, page)
    page.drop_furniture(root, keep=page.bodies(root))
    return _render(root, numbers, page)


class _VoidsClosed(Counter):
    """bs4's record of the void elements (``<img>``, ``<br>``) whose stray end tag is still to be
    ignored, kept as counts: bs4 keeps a list and searches it at every end tag, which takes
    minutes on a page of many images or line breaks."""

    def append(self, name: str) -> None:
        self[name] += 1

    def remove(self, name: str) -> None:
        self[name] -= 1
        if not self[name]:
            del self[name]


class _Parser(BeautifulSoupHTMLParser):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.already_closed_empty_element = _VoidsClosed()


class _Builder(HTMLParserTreeBuilder):
    """bs4's html.parser tree builder with `_Parser`; the tree it builds is the same."""

    def feed(self, markup: str) -> None:
        args, kwargs = self.parser_args
        parser = _Parser(self.soup, *args, **kwargs)
        try:
            parser.feed(markup)
            parser.close()
        except AssertionError as exc:   # html.parser's way of rejecting some markup
            raise ParserRejectedMarkup(exc) from None


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


# Flags for what encloses a tag, carried down the one walk of the page ...
_IN_LI, _IN_HEADING, _IN_FURNITURE_TAG = 1, 2, 4
# ... and for what its name, class and id say it is, found once in that walk.
_BODY, _BY_TAG, _BY_NAME, _HEADER = 1, 2, 4, 8
_NOT_TEXT = (Comment, CData, Declaration, Doctype, ProcessingInstruction)


class _Page:
    """What one walk of the parsed page learns, so that no later pass walks a tag's ancestors or
    its subtree again (on a page nested ten thousand deep that is the difference between linear
    and quadratic time): the tags in document order with the last tag inside each, each tag's
    text length and what encloses it. Noise (scripts, styles, hidden elements ...) and, once
    chosen, furniture are left out by id rather than cut from the tree, which bs4 does in time
    that grows with the siblings of what is cut."""

    def __init__(self, top: BeautifulSoup | Tag) -> None:
        self.tags: list[Tag] = []
        self.pos: dict[int, int] = {}          # id(tag) -> its index in self.tags
        self.parent: list[int] = []            # index of the parent tag (-1 for the top)
        self.kind: list[int] = []              # _BODY | _BY_TAG | _BY_NAME | _HEADER
        self.above: list[int] = []             # _IN_* flags of the tag's ancestors
        self.gone: set[int] = set()            # ids of the noise and furniture left out
        self.headings: dict[int, list[Tag]] = {}   # a header kept as only its headings
        self.texts: list[tuple[int, int]] = []     # (parent index, stripped length) of each text
        own: list[int] = []
        above = 0
        for p in top.parents:
            above |= _flags(p)
        stack: list[tuple[object, int, int]] = [(top, -1, above)]
        while stack:
            node, parent, above = stack.pop()
            if isinstance(node, NavigableString):
                n = 0 if isinstance(node, _NOT_TEXT) else len(node.strip())
                if n:
                    self.texts.append((parent, n))
                    own[parent] += n
                continue
            if not isinstance(node, Tag):
                continue
            if node is not top and (node.name in _NOISE_TAGS or _hidden(node)):
                self.gone.add(id(node))
                continue
            i = len(self.tags)
            self.tags.append(node)
            self.pos[id(node)] = i
            self.parent.append(parent)
            self.above.append(above)
            self.kind.append(_kind(node))
            own.append(0)
            below = above | _flags(node)
            stack.extend((child, i, below) for child in reversed(node.contents))
        # Children come after their parent in document order: one backward pass sums them up.
        self.end = list(range(len(self.tags)))   # index of the last tag inside each tag
        self.length = own                        # text length inside each tag
        for i in range(len(self.tags) - 1, 0, -1):
            p = self.parent[i]
            if p >= 0:
                self.end[p] = max(self.end[p], self.end[i])
                self.length[p] += self.length[i]

    def text_length(self, tag: Tag) -> int:
        return self.length[self.pos[id(tag)]]

    def holds(self, outer: Tag, inner: Tag) -> bool:
        """True when ``inner`` is inside ``outer``."""
        i, j = self.pos.get(id(outer)), self.pos.get(id(inner))
        return i is not None and j is not None and i < j <= self.end[i]

    def inside(self, root: Tag) -> range:
        """The indices of the tags inside ``root`` (not ``root`` itself), in document order."""
        i = self.pos[id(root)]
        return range(i + 1, self.end[i] + 1)

    def find(self, root: Tag, test) -> Tag | None:
        return next((self.tags[i] for i in self.inside(root) if test(self.tags[i])), None)

    def bodies(self, root: Tag) -> list[Tag]:
        """The post bodies inside ``root`` that are inside no other one."""
        found: list[Tag] = []
        covered = -1
        for i in self.inside(root):
            if i > covered and self.kind[i] & _BODY:
                found.append(self.tags[i])
                covered = self.end[i]
        return found

    def furniture(self, root: Tag, keep: list[Tag]) -> tuple[list[Tag], list[Tag]]:
        """Furniture inside ``root``, outermost first: (elements to drop, headers to keep only
        the headings of). An element named like furniture (``class="has-sidebar"``) that holds
        half of the text or more is a wrapper of the page, not furniture; elements holding
        ``keep`` stay."""
        protected: set[int] = set()
        for k in keep:
            node = k
            while node is not None and id(node) not in protected:   # the rest is done already
                protected.add(id(node))
                node = node.parent
        total = self.text_length(root)
        drop: list[Tag] = []
        headers: list[Tag] = []
        covered = -1   # the last tag inside what is already dropped
        for i in self.inside(root):
            tag = self.tags[i]
            if id(tag) in protected or tag.name in _HEADINGS:
                continue
            if i <= covered or self.above[i] & _IN_HEADING:
                continue   # inside what is already dropped, or part of a heading's text
            kind = self.kind[i]
            by_name = kind & _BY_NAME or (kind & _HEADER and tag.name not in _INLINE_TAGS)
            if not kind & _BY_TAG and not (by_name and 2 * self.length[i] < max(total, 1)):
                continue
            covered = self.end[i]
            if kind & _HEADER and self.find(tag, lambda t: t.name in _HEADINGS):
                headers.append(tag)
            else:
                drop.append(tag)
        return drop, headers

    def drop_furniture(self, root: Tag, keep: list[Tag]) -> None:
        """Leave out the furniture inside ``root``; a header keeps only its outermost headings."""
        drop, headers = self.furniture(root, keep)
        self.gone.update(id(tag) for tag in drop)
        for tag in headers:
            self.headings[id(tag)] = [self.tags[i] for i in self.inside(tag)
                                      if self.tags[i].name in _HEADINGS and not self.above[i] & _IN_HEADING]

    def children(self, node: Tag) -> list:
        """The node's children as the page is shown: noise and furniture left out, a header
        replaced by its headings."""
        out = []
        for child in node.contents:
            if id(child) in self.gone or isinstance(child, _NOT_TEXT):
                continue
            out.extend(self.headings.get(id(child), (child,)))
        return out


def _flags(tag: Tag) -> int:
    name = tag.name
    return ((_IN_LI if name == "li" else 0) | (_IN_HEADING if name in _HEADINGS else 0)
            | (_IN_FURNITURE_TAG if name in _FURNITURE_TAGS else 0))


def _kind(tag: Tag) -> int:
    if not tag.attrs:   # most tags: only the name counts
        return ((_BY_TAG if tag.name in _FURNITURE_TAGS else 0)
                | (_HEADER if tag.name == "header" else 0))
    body = bool(set(_names(tag)) & _BODY_CLASSES) or "articlebody" in str(tag.get("itemprop", "")).lower().split()
    return ((_BODY if body else 0) | (_BY_TAG if _furniture_by_tag(tag) else 0)
            | (_BY_NAME if _furniture_by_name(tag) else 0) | (_HEADER if _is_header(tag) else 0))


def find_article(soup: BeautifulSoup | Tag, page: _Page | None = None) -> Tag:
    """The element that holds the article: a post body (Blogger's ``div.post-body``, WordPress's
    ``div.entry-content``, ``itemprop=articleBody`` ...) with the post around it that holds its
    title, else the ``<article>`` with the most text, else ``<main>``, else the block with the
    most text that is neither links nor furniture. Scripts, styles and hidden elements are not
    the article's."""
    page = page or _Page(soup)
    bodies = page.bodies(soup)
    if bodies:
        body = max(bodies, key=page.text_length)
        if page.text_length(body):
            return _post_around(body, bodies, page)
    articles = [page.tags[i] for i in page.inside(soup)
                if page.tags[i].name == "article" and not page.above[i] & _IN_FURNITURE_TAG]
    if articles:
        article = max(articles, key=page.text_length)
        if page.text_length(article):
            return article
    main = page.find(soup, lambda t: t.name == "main") or page.find(soup, lambda t: t.get("role") == "main")
    if main is not None and page.text_length(main) > 0:
        return main
    return _densest(soup, page)


# --- cleaning -------------------------------------------------------------------------------

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


# --- finding the article ------------------------------------------------------------------

def _post_around(body: Tag, bodies: list[Tag], page: _Page) -> Tag:
    """The post that holds ``body`` and its title (a few levels up), if it holds no other body."""
    node = body
    for _ in range(4):
        parent = node.parent
        if (not isinstance(parent, Tag) or parent.name in {"main", "body", "html", "[document]"}
                or id(parent) not in page.pos):
            break
        node = parent
        itemtype = str(node.get("itemtype", ""))
        if (node.name == "article" or set(_names(node)) & _POST_CLASSES
                or itemtype.endswith(("BlogPosting", "Article", "NewsArticle"))):
            if any(other is not body and page.holds(node, other) for other in bodies):
                break
            return node
    return body


_CONTAINERS = {"div", "section", "article", "main", "td", "center", "blockquote", "body"}


def _densest(soup: BeautifulSoup | Tag, page: _Page) -> Tag:
    """The block that holds the most text outside links and furniture: each block's own text
    counts fully for its container and half for the container's parent. When that block holds
    less than half of all such text on the page, its parents are taken until it holds half."""
    body = page.find(soup, lambda t: t.name == "body") or soup
    drop, headers = page.furniture(body, [])
    excluded = {id(t) for t in drop + headers}
    # One pass down the body: is a tag in a link or in furniture, and its nearest block.
    first = page.pos[id(body)]
    last = page.end[first]
    skipped: dict[int, bool] = {}
    block_of: dict[int, Tag | None] = {}
    for i in range(first, last + 1):
        tag = page.tags[i]
        skip = tag.name == "a" or id(tag) in excluded
        is_block = tag.name in _LINE_TAGS or tag.name in _PARAGRAPH_TAGS or tag.name in _CELL_TAGS
        if i == first:
            skipped[i], block_of[i] = skip, tag if is_block else None
        else:
            p = page.parent[i]
            skipped[i] = skip or skipped[p]
            block_of[i] = tag if is_block else block_of[p]
    held = [0] * (last + 1 - first)   # text outside links and furniture inside each tag
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    total = 0
    for parent, n in page.texts:
        if not first <= parent <= last or skipped[parent]:
            continue
        total += n
        held[parent - first] += n
        block = block_of[parent] or body
        container = block
        if block.name not in _CONTAINERS:
            container = block.parent if block is not body and isinstance(block.parent, Tag) else block
        for tag, share in ((container, 1.0), (container.parent, 0.5)):
            if isinstance(tag, Tag) and (tag is body or page.holds(body, tag)):
                scores[id(tag)] = scores.get(id(tag), 0.0) + n * share
                tags[id(tag)] = tag
    for i in range(last, first, -1):
        held[page.parent[i] - first] += held[i - first]
    if not scores:
        return body
    best = tags[max(scores, key=lambda k: scores[k])]
    while best is not body and 2 * held[page.pos[id(best)] - first] < total and isinstance(best.parent, Tag):
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
        self.started = False   # the buffer holds more than white space

    def text(self, s: str, number: int = 0) -> None:
        if s.strip():
            if not self.number:
                self.number = number
            self.started = True
        self.buffer.append(s)

    def end_line(self, forced: bool) -> None:
        line = " ".join("".join(self.buffer).translate(_INVISIBLE).split())
        number, self.number = self.number, 0
        self.buffer.clear()
        self.started = False
        if line:
            if self.gap and self.lines and self.lines[-1][1]:
                self.lines.append((0, ""))
            self.gap = False
            self.lines.append((number, line))
        elif forced and self.lines and self.lines[-1][1]:
            self.lines.append((0, ""))   # a blank line; more than one says nothing more

    def at_line_start(self) -> bool:
        return not self.started

    def block(self, paragraph: bool) -> None:
        self.end_line(forced=False)
        if paragraph:
            self.gap = True


_ENTER, _LEAVE, _LEAVE_LABEL = 0, 1, 2
# A speaker label is a few words in an element or two; looking further into a bold element than
# this many nodes would make a page of bold elements nested ten thousand deep take quadratic time.
_LABEL_NODES = 64
_SPACES = re.compile(r"[ \t\n\r\f]+")


def _is_label(tag: Tag, page: _Page) -> bool:
    """A bold speaker label (``<b>Elon Musk:</b>``): it ends its line, as the blog copies have it."""
    parts: list[str] = []
    stack = page.children(tag)[::-1]
    seen = 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > _LABEL_NODES:
            return False
        if isinstance(node, Tag):
            if node.name == "br":
                return False
            stack.extend(page.children(node)[::-1])
        elif type(node) is NavigableString:   # the strings get_text() gives
            parts.append(node)
    text = " ".join("".join(parts).split())
    return 1 < len(text) <= 60 and text.endswith((":", "："))


def _render(root: Tag, numbers: dict[int, int], page: _Page) -> list[tuple[int, str]]:
    out = _Layout()
    # An explicit stack, so deeply nested markup cannot exhaust Python's recursion limit; each
    # entry carries whether it is inside a list item, so no tag looks up its ancestors.
    in_li = bool(page.above[page.pos[id(root)]] & _IN_LI)
    stack: list[tuple[object, int, bool]] = [(root, _ENTER, in_li)]
    pre_depth = 0
    while stack:
        node, leaving, in_li = stack.pop()
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
                out.text(_SPACES.sub(" ", str(node)), number)
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        paragraph = name in _PARAGRAPH_TAGS and not (name in {"ul", "ol"} and in_li)
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
        label = name in {"b", "strong"} and out.at_line_start() and _is_label(node, page)
        stack.append((node, _LEAVE_LABEL if label else _LEAVE, in_li))
        inner = in_li or name == "li"
        stack.extend((child, _ENTER, inner) for child in reversed(page.children(node)))
    out.end_line(forced=False)
    lines = out.lines
    while lines and not lines[-1][1]:
        lines.pop()
    return lines
