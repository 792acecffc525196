"""WebVTT through webvtt-py, with the text escaped (`&`, `<`, `>`) and voices as `<v Name>`."""
from __future__ import annotations

import webvtt

from ..model import Caption
from ..timecode import vtt_time


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def vtt_lines(caption: Caption) -> list[str]:
    """Escaped lines; each speaker's lines wrapped in a closed ``<v Name>…</v>`` span."""
    lines: list[str] = []
    current = None
    for n, line in enumerate(caption.lines):
        voice = caption.voices[n] if n < len(caption.voices) else None
        text = escape(line)
        if voice != current:
            if current is not None:
                lines[-1] += "</v>"
            if voice is not None:
                text = f"<v {escape(voice)}>{text}"
            current = voice
        lines.append(text)
    if current is not None:
        lines[-1] += "</v>"
    return lines


def format_vtt(captions: list[Caption]) -> str:
    doc = webvtt.WebVTT()
    for c in captions:
        doc.captions.append(webvtt.Caption(vtt_time(c.start_ms), vtt_time(c.end_ms), vtt_lines(c)))
    return doc.content
