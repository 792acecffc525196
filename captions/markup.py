"""Caption text with its markup, as `convert` and `shift` carry it from one file to another.

A cue line is read into pieces: text, and tags each with a kind. Written back in the format it
was read from, every piece is written as it was read (only times change), so a shift or a
same-format convert loses nothing. Written in another format, a piece becomes that format's
markup where the format has it, and is otherwise dropped and counted, so the command can say
what the target could not carry:

| kind | SRT | WebVTT | ASS |
| --- | --- | --- | --- |
| ``i`` ``b`` ``u`` | ``<i>`` ``<b>`` ``<u>`` | ``<i>`` ``<b>`` ``<u>`` | ``{\\i1}`` ``{\\b1}`` ``{\\u1}`` |
| ``s`` (strike) | ``<s>`` | none | ``{\\s1}`` |
| ``color`` | ``<font color>`` | a ``<c.color_rrggbb>`` class and its STYLE rule | ``{\\c&HBBGGRR&}`` |
| ``class`` | none | ``<c.name>`` | none |
| ``voice`` | a visible ``NAME:`` | ``<v Name>`` | the event's Name, and ``NAME:`` |
| ``time`` (word) | none | ``<hh:mm:ss.mmm>`` | none |
| ``ass`` (``{\\an8}``) | as written | none | as written |

The i/b/u/s and override-tag mapping is pysubs2's (its SubRip reader turns ``<i>`` into
``{\\i1}``); pysubs2's own SubRip and WebVTT writers are not used because they drop ``<b>``,
colours and voices, and do not escape WebVTT text.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .formats import BY_NAME
from .model import Caption
from .timecode import clock_ms, srt_time, vtt_time

STYLE_KINDS = ("i", "b", "u", "s")
KIND_NAMES = {"i": "italics", "b": "bold", "u": "underline", "s": "strike-through", "color": "colours",
              "class": "WebVTT classes", "voice": "voices", "time": "word times", "ass": "ASS override tags",
              "other": "other tags", "settings": "cue settings (position, alignment)", "style": "STYLE blocks"}

_TAG = {"srt": re.compile(r"(</?[A-Za-z][^<>]*>|\{\\[^{}]*\})"), "vtt": re.compile(r"(<[^<>]*>)")}
_FONT_COLOR = re.compile(r"""\bcolor\s*=\s*["']?([#\w]+)""", re.IGNORECASE)
_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
_TIMESTAMP = re.compile(r"(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})")
_VOICE = re.compile(r"v(?:\.[^\s.]*)*(?:\s+(.*?))?\s*", re.DOTALL)
_LEADING_DASH = re.compile(r"^[-–—]\s*")


@dataclass(frozen=True, slots=True)
class Piece:
    """Text or a tag of a cue line. ``raw`` is as written in the source; ``value`` is the text
    (entities undone), the colour, the class names, the voice, or a word time in ms after the
    cue's start (so a shifted cue keeps its word times)."""

    kind: str
    raw: str
    value: str | int = ""
    closing: bool = False


@dataclass(frozen=True, slots=True)
class StyledCue:
    start_ms: int
    end_ms: int
    lines: tuple[tuple[Piece, ...], ...]
    ident: str = ""          # WebVTT cue identifier
    settings: str = ""       # what follows the end time on the timing line, as written


def read_line(line: str, fmt: str, start_ms: int) -> tuple[Piece, ...]:
    """A cue line of ``fmt`` (``srt`` or ``vtt``) as pieces."""
    pieces = []
    for k, part in enumerate(_TAG[fmt].split(line)):
        if not part:
            continue
        if k % 2 == 0:
            pieces.append(Piece("text", part, html.unescape(part) if fmt == "vtt" else part))
        else:
            pieces.append(_tag(part, fmt, start_ms))
    return tuple(pieces)


def _tag(raw: str, fmt: str, start_ms: int) -> Piece:
    if raw.startswith("{"):
        return Piece("ass", raw, raw[1:-1])
    body = raw[1:-1].strip()
    closing = body.startswith("/")
    body = body.lstrip("/").strip()
    name = re.split(r"[\s.]", body, maxsplit=1)[0].lower()
    if name in STYLE_KINDS and body.lower() == name and (fmt == "srt" or name != "s"):
        return Piece(name, raw, closing=closing)
    if fmt == "srt" and name == "font":
        m = _FONT_COLOR.search(body)
        if closing or m:
            return Piece("color", raw, m[1] if m else "", closing)
    if fmt == "vtt":
        if name == "c":
            return Piece("class", raw, body[2:] if not closing else "", closing)
        if name == "v":
            voice = _VOICE.fullmatch(body)
            value = html.unescape(voice[1]).strip() if voice and voice[1] and not closing else ""
            return Piece("voice", raw, value, closing)
        if _TIMESTAMP.fullmatch(body) and not closing:
            return Piece("time", raw, clock_ms(body) - start_ms)
    return Piece("other", raw)


def plain(cue: StyledCue) -> Caption:
    """What a viewer reads: the text of each line without markup, edges stripped, empty lines
    dropped, with the voice open where each line's text starts."""
    lines, voices = [], []
    for line, voice in zip(cue.lines, line_voices(cue)):
        text = "".join(p.value for p in line if p.kind == "text").strip()
        if text:
            lines.append(text)
            voices.append(voice)
    return Caption(cue.start_ms, cue.end_ms, tuple(lines), tuple(voices) if any(voices) else ())


def line_voices(cue: StyledCue) -> list[str | None]:
    """The voice open where each line's text starts (a ``<v>`` span may cover several lines)."""
    out, stack = [], []
    for line in cue.lines:
        voice, seen = None, False
        for p in line:
            if p.kind == "text" and p.value.strip() and not seen:
                voice, seen = (stack[-1] if stack else None), True
            elif p.kind == "voice":
                if p.closing:
                    if stack:
                        stack.pop()
                else:
                    stack.append(p.value or None)
        out.append(voice)
    return out


def kinds_used(cues: list[StyledCue]) -> dict[str, int]:
    """How many cues use each kind of piece (and cue settings)."""
    used: dict[str, int] = {}
    for cue in cues:
        kinds = {p.kind for line in cue.lines for p in line if p.kind != "text"}
        if cue.settings.strip():
            kinds.add("settings")
        for kind in kinds:
            used[kind] = used.get(kind, 0) + 1
    return used


def dropped(cues: list[StyledCue], source: str, target: str) -> dict[str, int]:
    """Kinds of markup the target cannot carry: kind -> cues that lose it."""
    if target == source:
        return {}
    keeps = BY_NAME[target].carries      # what each target shows (the source format keeps all)
    return {k: n for k, n in kinds_used(cues).items() if k not in keeps}


def color_class(value: str) -> str | None:
    """A WebVTT class name for a colour (``color_ff0000``), None if it is not hex or a name."""
    if m := _HEX.fullmatch(value):
        digits = m[1] if len(m[1]) == 6 else "".join(ch * 2 for ch in m[1])
        return f"color_{digits.lower()}"
    return f"color_{value.lower()}" if value.isalpha() else None


def css_color(cls: str) -> str:
    value = cls.removeprefix("color_")
    return f"#{value}" if _HEX.fullmatch(value) and not value.isalpha() else value


def ass_color(value: str) -> str | None:
    """``{\\c&HBBGGRR&}`` for a hex colour (ASS names no colours)."""
    m = _HEX.fullmatch(value)
    if not m:
        return None
    digits = m[1] if len(m[1]) == 6 else "".join(ch * 2 for ch in m[1])
    r, g, b = digits[0:2], digits[2:4], digits[4:6]
    return f"{{\\c&H{(b + g + r).upper()}&}}"


def render_line(line: tuple[Piece, ...], source: str, target: str, start_ms: int,
                label: str | None = None, colors: list[str] | None = None) -> str:
    """One line in ``target`` markup. ``label`` (a voice the target cannot show) goes before the
    line's text as ``NAME: ``; ``colors`` collects the colour classes a WebVTT target needs."""
    out: list[str] = [f"{_escape(label, target)}: "] if label else []     # before any tag it opens with
    color_stack: list[str] = []
    for p in line:
        if p.kind == "text":
            text = p.value
            if label and text.strip():
                text = _LEADING_DASH.sub("", text.lstrip())
                label = None
            if target == source:          # the source shows voices, so never a label here
                out.append(p.raw)
            else:
                out.append(_escape(text, target))
        elif p.kind == "time":
            if target == "vtt":
                out.append(f"<{vtt_time(start_ms + p.value)}>")
        elif target == source:
            out.append(p.raw)
        elif p.kind not in BY_NAME[target].carries:
            continue
        elif p.kind in STYLE_KINDS:
            out.append(f"{{\\{p.kind}{0 if p.closing else 1}}}" if target == "ass"
                       else f"<{'/' if p.closing else ''}{p.kind}>")
        elif p.kind == "color":
            out.append(_color(p, target, color_stack, colors))
        elif p.kind in ("class", "voice") and target == "vtt":
            out.append(p.raw)
        elif p.kind == "ass":
            out.append(p.raw)
    return "".join(out)


def _color(p: Piece, target: str, stack: list[str], colors: list[str] | None) -> str:
    if p.closing:
        if stack:
            stack.pop()
        if target == "srt":
            return "</font>"
        if target == "vtt":
            return "</c>"
        return (ass_color(stack[-1]) if stack else None) or "{\\c}"
    stack.append(p.value)
    if target == "srt":
        return f'<font color="{p.value}">'
    if target == "vtt":
        cls = color_class(p.value) or "color"
        if colors is not None and cls not in colors:
            colors.append(cls)
        return f"<c.{cls}>"
    return ass_color(p.value) or ""


def _escape(text: str, target: str) -> str:
    if target == "vtt":
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if target == "ass":
        from .writers.ass import ass_line

        return ass_line(text)
    return text


def format_styled(cues: list[StyledCue], source: str, target: str, header: str = "") -> str:
    """The cues as ``target`` text (``srt``, ``vtt`` or ``ass``). ``header`` is a WebVTT source's
    text before its first cue, kept for a WebVTT target. Where the target shows no voices, a
    voice becomes ``NAME: `` on the first line of each change of voice (in place of a dialogue
    dash), unless the line already starts with it."""
    colors: list[str] = []
    previous: str | None = None
    rendered = []
    for cue in cues:
        lines, voices = [], []
        for line, voice in zip(cue.lines, line_voices(cue)):
            text = "".join(p.value for p in line if p.kind == "text").strip()
            label = None
            if target != "vtt" and voice and voice != previous and not text.casefold().startswith(f"{voice}:".casefold()):
                label = voice
            if text:
                previous = voice
            if text or target == source:
                lines.append(render_line(line, source, target, cue.start_ms, label, colors))
                voices.append(voice)
        rendered.append((cue, lines, voices))
    if target == "ass":
        from .writers.ass import format_ass_events

        return format_ass_events([(c.start_ms, c.end_ms, [v for v in voices if v], "\\N".join(lines))
                                  for c, lines, voices in rendered])
    out = []
    if target == "vtt":
        if source == "vtt":
            out.append(header.rstrip("\n") + "\n\n")
        else:
            out.append("WEBVTT\n\n")
            if colors:
                rules = "\n".join(f"::cue(.{cls}) {{ color: {css_color(cls)}; }}" for cls in colors)
                out.append(f"STYLE\n{rules}\n\n")
    for n, (cue, lines, _) in enumerate(rendered, 1):
        if target == "srt":
            settings = cue.settings if source == "srt" else ""
            timing = f"{srt_time(cue.start_ms)} --> {srt_time(cue.end_ms)}{settings}"
            out.append(f"{n}\n{timing}\n")
        else:
            settings = cue.settings if source == "vtt" else ""
            ident = f"{cue.ident}\n" if cue.ident and source == "vtt" else ""
            out.append(f"{ident}{vtt_time(cue.start_ms)} --> {vtt_time(cue.end_ms)}{settings}\n")
        out.append("".join(f"{line}\n" for line in lines) + "\n")
    text = "".join(out)
    # As the plain writers end: SRT (pysrt) with a blank line after the last cue, WebVTT without.
    return text[:-1] if target == "vtt" and text.endswith("\n\n") else text
