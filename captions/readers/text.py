"""The clean text: an edited version of the recording, as a blog post or article copies it.

Lines are kept as the author broke them (good caption boundaries). Speaker lines are taken out
and carried as each line's speaker: ``James Clayton:`` alone on a line, or ``NAME: text`` at the
start of a paragraph when NAME is used as a label more than once, is ``Speaker 2`` or in
capitals, or is name-like in a document that puts speaker names on lines of their own. Lines in another script than the transcript's (page furniture in another language)
are set aside here; everything else that is not speech is found by alignment.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

from ..errors import TextError
from ..model import CleanText, TextLine
from .source import read_text_file

_LABEL = re.compile(
    r"^\s*(?P<name>(?:[A-Z][\w.'’\-]*|\d+|[A-Z]\.)(?:\s+(?:[A-Z][\w.'’\-]*|\d+|[a-z]{1,3}\s+[A-Z][\w'’\-]*)){0,4})"
    r"\s*[:：]\s*(?P<rest>.*)$"
)
# Single words that head a sentence with a colon far more often than they name a speaker.
_NOT_NAMES = {"note", "update", "editor", "source", "photo", "image", "video", "watch", "read", "related",
              "tags", "tag", "posted", "share", "comments", "comment", "subscribe", "advertisement",
              "warning", "example", "summary", "transcript", "and", "but", "so", "the", "this", "that"}


def _label(line: str) -> tuple[str, str] | None:
    m = _LABEL.match(line)
    if not m:
        return None
    name = m.group("name").strip()
    if name.lower() in _NOT_NAMES or len(name) > 40:
        return None
    return name, m.group("rest").strip()


def _is_speaker_style(name: str) -> bool:
    return bool(re.fullmatch(r"Speaker\s*\d+", name)) or (name.isupper() and len(name) > 1)


def dominant_script(text: str) -> str:
    """The Unicode script most letters of the text are written in ('LATIN', 'CJK', ...)."""
    counts = Counter(_script(ch) for ch in text[:200_000] if ch.isalpha())
    return counts.most_common(1)[0][0] if counts else "LATIN"


def _script(ch: str) -> str:
    if ch < "\u0250":                      # Basic Latin to Latin Extended-B: no lookup needed
        return "LATIN"
    try:
        return unicodedata.name(ch).split()[0]
    except ValueError:
        return "UNKNOWN"


def parse_clean_text(text: str, path: str = "<text>", script: str | None = "LATIN") -> CleanText:
    """Split the clean text into spoken lines with their block and speaker.

    ``script`` is the transcript's writing system; lines mostly in another script are set aside
    with a warning. ``None`` keeps every script.
    """
    raw_lines = text.split("\n")
    labels = [lab for lab in map(_label, raw_lines) if lab]
    label_counts = Counter(name for name, _ in labels)
    # A document that names a speaker on a line of its own uses labels: there, any name-like
    # "Name: text" starting a paragraph is one too, even if that speaker talks only once.
    labelled = any(not rest and _name_like(name) for name, rest in labels)
    lines: list[TextLine] = []
    warnings: list[str] = []
    speaker: str | None = None
    block = 0
    paragraph_start = True
    for number, raw in enumerate(raw_lines, start=1):
        line = " ".join(raw.split())
        if not line:
            paragraph_start = True
            continue
        label = _label(line)
        if label:
            name, rest = label
            if not rest and _name_like(name):
                speaker, block, paragraph_start = name, block + 1, True
                continue
            if rest and paragraph_start and (label_counts[name] >= 2 or _is_speaker_style(name)
                                             or (labelled and _name_like(name) and len(name.split()) <= 3)):
                speaker, block = name, block + 1
                line = rest
        if paragraph_start and lines and lines[-1].block == block:
            block += 1
        paragraph_start = False
        if script and _foreign(line, script):
            warnings.append(f"{path}:{number}: dropped, not in the transcript's script: {preview(line)}")
            continue
        lines.append(TextLine(line, number, block, speaker))
    if not lines:
        raise TextError("no text lines found", path)
    return CleanText(tuple(lines), tuple(warnings))


def _name_like(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 5 and sum(w[:1].isupper() or w[:1].isdigit() for w in words) >= len(words) - 1


def _foreign(line: str, script: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    if not letters:
        return False
    same = sum(1 for ch in letters if _script(ch) == script)
    return same < len(letters) / 2


def preview(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def read_clean_text(path: str | Path, script: str | None = "LATIN") -> CleanText:
    text, warnings = read_text_file(path)
    clean = parse_clean_text(text, str(path), script)
    return CleanText(clean.lines, tuple(warnings) + clean.warnings) if warnings else clean
