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

Time is linear in the text whatever its shape (a line of ``[`` by the hundred thousand, a run of
spaces, a list indented further each line): no pattern here can backtrack over a line; the
markup that would need one is read by a scanner at the end of the module.
"""
from __future__ import annotations

import bisect
import html
import re

__all__ = ["markdown_lines", "markdown_to_text"]

_FRONT_OPEN = {"---": ("---", "..."), "+++": ("+++",)}
# The first line of front matter: a YAML or TOML key (``title:``, ``title =``), a TOML table or a comment.
_FRONT_FIRST = re.compile(r"^\s*(?:[\"'][^\"']+[\"']|[A-Za-z_][\w.\-]*)\s*(?::(?:\s|$)|=)|^\s*\[[\w.\- ]+\]\s*$|^\s*#")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_QUOTE = re.compile(r"\s{0,3}>\s?")   # matched at a position: ">> > text" strips in one pass
_BREAK = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|=+\s*)$")
_ATX = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_FOOTNOTE_DEF = re.compile(r"^\s{0,3}\[\^[^\]]+\]:\s?")
_REFERENCE_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(?:<[^<>]*>|\S+)\s*(?P<title>.*)$")
_LINK_TITLE = re.compile(r"^(?:\"[^\"]*\"|'[^']*'|\([^()]*\))?\s*$")
_RULE_CELL = re.compile(r":?-+:?")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s+|$)")
_TASK = re.compile(r"^\[[ xX]\]\s+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_BACKTICKS = re.compile(r"`+")
_BR = re.compile(r"<br\s*/?>", re.I)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9\-]*(?:\s[^<>]*)?/?>")
# Emphasis as (delimiter, may the text inside start or end with this character, must no letter
# touch the delimiters from outside): **strong**, __strong__, ~~strike~~, *em*, _em_.
_EMPHASIS = (("**", lambda ch: not ch.isspace(), False), ("__", lambda ch: not ch.isspace(), True),
             ("~~", lambda ch: not ch.isspace(), False), ("*", lambda ch: not ch.isspace() and ch != "*", False),
             ("_", lambda ch: not ch.isspace() and ch != "_", True))
_WORD = re.compile(r"\w")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_HIDDEN_START = re.compile(r"<!--|<(script|style)\b", re.I)
_HIDDEN_END = {"script": re.compile(r"</script\s*>", re.I), "style": re.compile(r"</style\s*>", re.I)}
_PRIVATE = 0xF0000   # escaped characters are parked here while the markup is taken out


def markdown_to_text(markdown: str) -> str:
    """Markdown to plain lines, one output line for each source line (a ``<br>`` adds one)."""
    return "\n".join(_convert(markdown))


def markdown_lines(markdown: str) -> list[tuple[int, str]]:
    """`markdown_to_text`'s lines, each with its line number in the Markdown source."""
    return [(number, part) for number, line in enumerate(_convert(markdown), start=1) for part in line.split("\n")]


def _convert(markdown: str) -> list[str]:
    """One entry for each source line; an entry holds a newline where a ``<br>`` broke the line."""
    text = _hide_blocks(markdown)
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
        start = 0
        while m := _QUOTE.match(raw, start):
            start = m.end()
        line = _block(raw[start:])
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
        return _without_closing_hashes(_ATX.sub("", line, count=1))
    m = _FOOTNOTE_DEF.match(line)
    if m:
        return line[m.end():]
    m = _REFERENCE_DEF.match(line)
    if m and _LINK_TITLE.match(m.group("title")):
        return ""
    if _is_table_rule(line):
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
    for start, end, code in _code_spans(line):
        parts.append(_markup(line[last:start]))
        parts.append(code.strip() if code.strip() else code)
        last = end
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
    text = _links(text, image=True)
    text = _without_footnote_refs(text)
    for _ in range(4):   # links inside links' text, emphasis inside emphasis
        before = text
        text = _links(text, image=False)
        for delimiter, inner, flanked in _EMPHASIS:
            text = "\n".join(_unwrap(part, delimiter, inner, flanked) for part in text.split("\n"))
        if text == before:
            break
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text)


# --- linear scanners ---------------------------------------------------------------------------
# Each does what a short regular expression would, in one pass: the expressions (``\[[^\]]*\]``
# tried at every ``[``, ``(.+?)`` looking for a closing ``**``) take time that grows with the
# square of a line of ``[`` or ``**a `` by the thousand, or of a run of spaces.

def _hide_blocks(text: str) -> str:
    r"""HTML comments and ``<script>``/``<style>`` blocks taken out, each leaving its newlines
    (``<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>``, case-blind, across lines). A kind of
    block with no end after one start has none after a later start either, so it is not looked
    for again."""
    out: list[str] = []
    last = pos = 0
    dead: set[str] = set()
    while m := _HIDDEN_START.search(text, pos):
        start = m.start()
        kind = (m.group(1) or "!--").lower()
        end = -1
        if kind not in dead:
            if kind == "!--":
                end = text.find("-->", start + 4)
                end = end + 3 if end >= 0 else -1
            else:
                close = text.find(">", m.end())
                found = _HIDDEN_END[kind].search(text, close + 1) if close >= 0 else None
                end = found.end() if found else -1
            if end < 0:
                dead.add(kind)
        if end < 0:
            pos = start + 1
            continue
        out.append(text[last:start])
        out.append("\n" * text.count("\n", start, end))
        last = pos = end
    out.append(text[last:])
    return "".join(out)


def _without_closing_hashes(text: str) -> str:
    r"""An ATX heading's text without its closing ``#``s (``(?:^|\s+)#+\s*$`` taken out)."""
    body = text.rstrip()
    head = body.rstrip("#")
    if head == body:
        return text
    if head and not head[-1].isspace():
        return text   # "C#" keeps its hash
    return head.rstrip()


def _is_table_rule(line: str) -> bool:
    """A table's header rule, ``| --- | :-: |``: two or more cells of dashes (with alignment
    colons) between pipes."""
    s = line.strip()
    s = s[1:] if s.startswith("|") else s
    s = s[:-1] if s.endswith("|") else s
    cells = s.split("|")
    return len(cells) >= 2 and all(_RULE_CELL.fullmatch(cell.strip()) for cell in cells)


def _code_spans(line: str) -> list[tuple[int, int, str]]:
    r"""The code spans of a line as (start, end, code): a run of backticks opens one that the
    next run of as many backticks closes; a run with no such run after it opens one with as
    many of its first backticks as a later run has (``(`+)(.+?)(?<!`)\1(?!`)``)."""
    runs = [(m.start(), m.end() - m.start()) for m in _BACKTICKS.finditer(line)]
    if len(runs) < 2:
        return []
    by_length: dict[int, list[int]] = {}
    for index, (_, length) in enumerate(runs):
        by_length.setdefault(length, []).append(index)
    spans: list[tuple[int, int, str]] = []
    index = 0
    while index < len(runs):
        start, length = runs[index]
        for k in range(length, 0, -1):
            later = by_length.get(k, ())
            at = bisect.bisect_right(later, index)
            if at < len(later):
                close = runs[later[at]][0]
                spans.append((start, close + k, line[start + k:close]))
                index = later[at] + 1
                break
        else:
            index += 1
    return spans


def _links(text: str, image: bool) -> str:
    r"""``[text](target)`` and ``[text][ref]`` as their text, or with ``image`` ``![alt](src)`` and
    ``![alt][ref]`` taken out. The text runs to the first ``]``; a target in parentheses may hold
    one level of balanced parentheses (``wiki/X_(Y)``)."""
    opener = "![" if image else "["
    if opener not in text or "]" not in text:
        return text
    ends = _paren_ends(text)
    out: list[str] = []
    last = pos = 0
    while (start := text.find(opener, pos)) >= 0:
        close = text.find("]", start + len(opener))
        if close < 0:
            break   # no "]" after this "[", so none after a later one
        after = close + 1
        end = -1
        if after < len(text) and text[after] == "(":
            end = ends.get(after, -1)
        elif after < len(text) and text[after] == "[":
            end = text.find("]", after + 1)
            end = end + 1 if end >= 0 else -1
        if end < 0:
            pos = after   # every "[" before the "]" shares it, and fails as this one did
            continue
        out.append(text[last:start])
        if not image:
            out.append(text[start + 1:close])
        last = pos = end
    out.append(text[last:])
    return "".join(out)


def _paren_ends(text: str) -> dict[int, int]:
    r"""For each ``(`` of the text, where a link target it opens ends (``\((?:[^()]|\([^()]*\))*\)``),
    if it does. One pass from the right over the parentheses: a scan from a ``(`` skips ``()``
    pairs and ends at the first lone ``)``, failing at ``((`` or the end of the text."""
    marks = [i for i, ch in enumerate(text) if ch in "()"] if "(" in text else []
    reach = [-1] * (len(marks) + 2)   # where a scan reaching marks[a] first ends
    for a in range(len(marks) - 1, -1, -1):
        if text[marks[a]] == ")":
            reach[a] = marks[a] + 1
        elif a + 1 < len(marks) and text[marks[a + 1]] == ")":
            reach[a] = reach[a + 2]
    return {marks[a]: reach[a + 1] for a in range(len(marks)) if text[marks[a]] == "(" and reach[a + 1] >= 0}


def _without_footnote_refs(text: str) -> str:
    """``[^note]`` markers taken out."""
    out: list[str] = []
    last = pos = 0
    while (start := text.find("[^", pos)) >= 0:
        close = text.find("]", start + 2)
        if close < 0:
            break
        if close == start + 2:   # "[^]" is no marker
            pos = start + 1
            continue
        out.append(text[last:start])
        last = pos = close + 1
    out.append(text[last:])
    return "".join(out)


def _unwrap(text: str, delimiter: str, inner, flanked: bool) -> str:
    r"""Emphasis markers around text taken out, as ``D(?=x)(.+?)(?<=x)D`` would for a delimiter D
    (with ``(?<!\w)`` before and ``(?!\w)`` after when ``flanked``). Whether a delimiter can close
    does not depend on where the emphasis opened, so the closers are found once and each opener
    takes the first one after it: when none is left, no later opener has one either."""
    if delimiter not in text:
        return text
    n, d = len(text), len(delimiter)
    found = [m.start() for m in re.finditer(f"(?={re.escape(delimiter)})", text)]
    closers = [j for j in found if j and inner(text[j - 1])
               and not (flanked and j + d < n and _WORD.match(text, j + d))]
    out: list[str] = []
    last = c = 0
    for i in found:
        if i < last or i + d >= n or not inner(text[i + d]) or (flanked and i and _WORD.match(text, i - 1)):
            continue
        while c < len(closers) and closers[c] < i + d + 1:
            c += 1
        if c == len(closers):
            break
        j = closers[c]
        out.append(text[last:i])
        out.append(text[i + d:j])
        last = j + d
    out.append(text[last:])
    return "".join(out)
