"""SBV (`.sbv`): YouTube's SubViewer captions. Each caption is its times, ``start,end`` as
``h:mm:ss.mmm`` (hours unpadded), then its lines, then a blank line::

    0:07:18.305,0:07:22.416
    Why did you agree to do this,
    this interview with the BBC?

SBV has no markup, no escapes and no voices: the text is written as it is (a label the segmenter
put in, ``NAME:``, is the only sign of a speaker), and a blank line, which would end the caption,
never comes from a caption's text.
"""
from __future__ import annotations

from ..model import Caption
from ..timecode import sbv_time


def format_sbv(captions: list[Caption]) -> str:
    blocks = []
    for c in captions:
        lines = [" ".join(line.splitlines()) for line in c.lines]   # a line break inside a line: a space
        blocks.append("\n".join([f"{sbv_time(c.start_ms)},{sbv_time(c.end_ms)}", *(line for line in lines if line.strip())]))
    return "".join(block + "\n\n" for block in blocks)
