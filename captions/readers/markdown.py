"""A Markdown article to the clean text's plain lines, line for line.

Every source line gives one line (blank where the line was only markup), so the line numbers in
warnings are the Markdown file's. Dropped: front matter (``---`` YAML or ``+++`` TOML at the top),
heading markers (the heading's text stays, a line of its own), setext underlines and thematic
breaks, list and task markers, block-quote markers, emphasis, strong, strike-through and code
markers, images, link targets (``[text](url)`` and ``[text][ref]`` keep the text), link
reference definitions, footnote markers, autolinks, HTML comments, ``<script>``/``<style>``
blocks and HTML tags (``<br>`` is a line break). Backslash escapes and entities are decoded.
Fenced code keeps its text, fences dropped. The author's line breaks are kept as they are (a
Markdown renderer would join a paragraph's lines; a caption prefers to end where a line ends).
"""
from __future__ import annotations

import html
import re

__all__ = ["markdown_lines", "markdown_to_text"]

_FRONT_OPEN = {"---": ("---", "..."), "+++": ("+++",)}
# The first line of front matter: a YAML or TOML key (``title:``, ``title =``), a TOML table or a comment.
_FRONT_FIRST = re.compile(r"^\s*(?:[\"'][^\"']+[\"']|[A-Za-z_][\w.\-]*)\s*(?::(?:\s|$)|=)|^\s*\[[\w.\- ]+\]\s*$|^\s*#")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_BREAK = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|=+\s*)$")
_ATX = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_ATX_CLOSE = re.compile(r"(?:^|\s+)#+\s*$")
_FOOTNOTE_DEF = re.compile(r"^\s{0,3}\[\^[^\]]+\]:\s?")
_REFERENCE_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(?:<[^<>]*>|\S+)\s*(?P<title>.*)$")
_LINK_TITLE = re.compile(r"^(?:\"[^\"]*\"|'[^']*'|\([^()]*\))?\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s+|$)")
_TASK = re.compile(r"^\[[ xX]\]\s+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CODE = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
_BR = re.compile(r"<br\s*/?>", re.I)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9\-]*(?:\s+[^<>]*)?/?>")
_PARENS = r"\((?:[^()]|\([^()]*\))*\)"
_IMAGE = re.compile(r"!\[[^\]]*\](?:" + _PARENS + r"|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]*)\](?:" + _PARENS + r"|\[[^\]]*\])")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_EMPHASIS = (
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
    re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*"),
    re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"),
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_HIDDEN_BLOCK = re.compile(r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_PRIVATE = 0xF0000   # escaped characters are parked here while the markup is taken out


def markdown_to_text(markdown: str) -> str:
    """Markdown to plain lines, one output line for each source line (a ``<br>`` adds one)."""
    return "\n".join(_convert(markdown))


def markdown_lines(markdown: str) -> list[tuple[int, str]]:
    """`markdown_to_text`'s lines, each with its line number in the Markdown source."""
    return [(number, part) for number, line in enumerate(_convert(markdown), start=1) for part in line.split("\n")]


def _convert(markdown: str) -> list[str]:
    """One entry for each source line; an entry holds a newline where a ``<br>`` broke the line."""
    text = _HIDDEN_BLOCK.sub(lambda m: "\n" * m.group().count("\n"), markdown)
    lines = text.split("\n")
    out: list[str] = []
    fence: str | None = None
    start = _front_matter_end(lines)
    out.extend("" for _ in range(start))
    for raw in lines[start:]:
        if fence is not None:
            if raw.strip().startswith(fence) and set(raw.strip()) == {fence[0]}:
                fence = None
                out.append("")
            else:
                out.append(raw.strip())
            continue
        m = _FENCE.match(raw)
        if m:
            fence = m.group(1)
            out.append("")
            continue
        line = raw
        while _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
        line = _block(line)
        out.append(_inline(line))
    return out


def _front_matter_end(lines: list[str]) -> int:
    """The index of the first line after the front matter (0 when there is none)."""
    if not lines or lines[0].strip() not in _FRONT_OPEN:
        return 0
    closers = _FRONT_OPEN[lines[0].strip()]
    inner = [line for line in lines[1:] if line.strip()]
    if not inner or not _FRONT_FIRST.match(inner[0]):
        return 0
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in closers:
            return i + 1
    return 0


def _block(line: str) -> str:
    """The line without its block markup (heading, list, rule, definitions, table pipes)."""
    if not line.strip():
        return ""
    if _BREAK.match(line):
        return ""
    if _ATX.match(line):
        return _ATX_CLOSE.sub("", _ATX.sub("", line, count=1))
    m = _FOOTNOTE_DEF.match(line)
    if m:
        return line[m.end():]
    m = _REFERENCE_DEF.match(line)
    if m and _LINK_TITLE.match(m.group("title")):
        return ""
    if _TABLE_RULE.match(line) and "|" in line:
        return ""
    stripped = line.strip()
    if stripped.startswith("|"):
        return " ".join(cell.strip() for cell in stripped.strip("|").split("|"))
    for _ in range(3):   # "- [ ] item", "1. - item"
        m = _LIST.match(line)
        if not m:
            break
        line = _TASK.sub("", line[m.end():], count=1)
    return line


def _inline(line: str) -> str:
    line = _ESCAPE.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), line)
    parts: list[str] = []
    last = 0
    for m in _CODE.finditer(line):
        parts.append(_markup(line[last:m.start()]))
        parts.append(m.group(2).strip() if m.group(2).strip() else m.group(2))
        last = m.end()
    parts.append(_markup(line[last:]))
    text = "".join(parts)
    text = "".join(chr(ord(ch) - _PRIVATE) if _PRIVATE <= ord(ch) < _PRIVATE + 128 else ch for ch in text)
    text = "\n".join(part.strip() for part in text.split("\n"))
    if text.endswith("\\"):   # a hard line break
        text = text[:-1].rstrip()
    return text


def _markup(text: str) -> str:
    text = _BR.sub("\n", text)
    text = _AUTOLINK.sub("", text)
    text = _TAG.sub("", text)
    text = _IMAGE.sub("", text)
    text = _FOOTNOTE_REF.sub("", text)
    for _ in range(4):   # links inside links' text, emphasis inside emphasis
        before = text
        text = _LINK.sub(lambda m: m.group(1), text)
        for pattern in _EMPHASIS:
            text = pattern.sub(lambda m: m.group(1), text)
        if text == before:
            break
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text)
