"""SubRip (.srt) through pysrt: numbered cues, `hh:mm:ss,mmm` times, CRLF-free UTF-8."""
from __future__ import annotations

import io

import pysrt

from ..model import Caption


def srt_lines(caption: Caption) -> list[str]:
    """SRT has no voices: a labelled speaker's name is already in the text."""
    return list(caption.lines)


def format_srt(captions: list[Caption]) -> str:
    items = pysrt.SubRipFile(eol="\n")
    for n, c in enumerate(captions, start=1):
        items.append(pysrt.SubRipItem(index=n, start=pysrt.SubRipTime.from_ordinal(c.start_ms),
                                      end=pysrt.SubRipTime.from_ordinal(c.end_ms), text="\n".join(srt_lines(c))))
    out = io.StringIO()
    items.write_into(out, eol="\n")
    return out.getvalue()
