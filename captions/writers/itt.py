"""iTT (`.itt`): iTunes Timed Text, Apple's TTML 1.0 profile, the caption file Final Cut Pro
imports and exports and Apple's video stores take.

It follows the iTT example of Apple's iTunes Package Film Specification (the document header,
the ``normal`` style, the ``top`` and ``bottom`` regions) and what subtitle tools that write iTT
for Final Cut do (Subtitle Edit's iTunes Timed Text: SMPTE time base, frame times)::

    <?xml version="1.0" encoding="UTF-8"?>
    <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
        xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="en" ttp:timeBase="smpte"
        ttp:frameRate="24" ttp:frameRateMultiplier="1 1" ttp:dropMode="nonDrop">
      <head>
        <styling>
          <style xml:id="normal" tts:fontFamily="sansSerif" tts:fontWeight="normal"
                 tts:fontStyle="normal" tts:color="white" tts:fontSize="100%"/>
        </styling>
        <layout>
          <region xml:id="top" tts:origin="0% 0%" tts:extent="100% 15%" tts:textAlign="center" tts:displayAlign="before"/>
          <region xml:id="bottom" tts:origin="0% 85%" tts:extent="100% 15%" tts:textAlign="center" tts:displayAlign="after"/>
        </layout>
      </head>
      <body style="normal" region="bottom">
        <div>
          <p begin="00:07:18:07" end="00:07:22:10">Why did you agree to do this,<br/>this interview with the BBC?</p>
        </div>
      </body>
    </tt>

Times are SMPTE timecode ``hh:mm:ss:ff`` at the frame rate of the captions' rules: each edge on
its nearest frame (a caption snapped to frames keeps its frames exactly). A whole rate is
``ttp:frameRate="25" ttp:frameRateMultiplier="1 1"``; an NTSC rate (23.976, 29.97, 59.94) is
the whole rate above it with ``"1000 1001"``, counted without dropped frame numbers
(``nonDrop``): the file's times are exact either way, and Final Cut conforms them to its
project. Apple's example writes 23.976 as ``"999 1000"``; ``1000 1001`` is the exact NTSC ratio
TTML itself uses (the two differ by 3.6 ms an hour). iTT has no speakers: a label the segmenter
put in the text (``NAME:``) is the only sign of one, as in SRT.
"""
from __future__ import annotations

import math
from fractions import Fraction

from ..errors import OutputError
from ..model import Caption
from ..timecode import smpte_time
from .frames import caption_frames, delivery_rate
from .ttml import TT, TTP, TTS, XML_DECLARATION, attrs, xml_text

DEFAULT_FPS = 24.0   # the default preset's (Netflix) rate; writers are given the rules' rate

STYLE = {"tts:fontFamily": "sansSerif", "tts:fontWeight": "normal", "tts:fontStyle": "normal",
         "tts:color": "white", "tts:fontSize": "100%"}
REGIONS = {
    "top": {"tts:origin": "0% 0%", "tts:extent": "100% 15%", "tts:textAlign": "center", "tts:displayAlign": "before"},
    "bottom": {"tts:origin": "0% 85%", "tts:extent": "100% 15%", "tts:textAlign": "center", "tts:displayAlign": "after"},
}


def itt_rate(fps: float) -> tuple[int, tuple[int, int], Fraction]:
    """``(ttp:frameRate, ttp:frameRateMultiplier, exact rate)`` for ``fps``; OutputError for a
    rate TTML cannot count in whole frames a second (neither whole nor NTSC)."""
    rate = delivery_rate(fps, "iTT")
    if rate.denominator == 1:
        return rate.numerator, (1, 1), rate
    nominal = math.ceil(rate)
    if rate == Fraction(nominal * 1000, 1001):
        return nominal, (1000, 1001), rate
    raise OutputError(f"iTT counts whole frames: use a whole frame rate or 23.976, 29.97, 59.94, not {fps}")


def format_itt(captions: list[Caption], fps: float = DEFAULT_FPS) -> str:
    nominal, (mul_n, mul_d), rate = itt_rate(fps)
    root = {"xmlns": TT, "xmlns:ttp": TTP, "xmlns:tts": TTS, "xml:lang": "en", "ttp:timeBase": "smpte",
            "ttp:frameRate": str(nominal), "ttp:frameRateMultiplier": f"{mul_n} {mul_d}", "ttp:dropMode": "nonDrop"}
    out = [XML_DECLARATION, f"<tt{attrs(root)}>", "  <head>",
           "    <styling>", f'      <style xml:id="normal"{attrs(STYLE)}/>', "    </styling>", "    <layout>"]
    out += [f'      <region xml:id="{name}"{attrs(region)}/>' for name, region in REGIONS.items()]
    out += ["    </layout>", "  </head>", '  <body style="normal" region="bottom">', "    <div>"]
    for c, (start, end) in zip(captions, caption_frames(captions, rate)):
        content = "<br/>".join(xml_text(line) for line in c.lines)
        out.append(f'      <p begin="{smpte_time(start, rate)}" end="{smpte_time(end, rate)}">{content}</p>')
    out += ["    </div>", "  </body>", "</tt>", ""]
    return "\n".join(out)
