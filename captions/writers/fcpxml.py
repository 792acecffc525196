"""FCPXML (`.fcpxml`): Final Cut Pro's interchange XML, here a project holding only captions.

Final Cut Pro (10.4.1 and later; FCPXML 1.8 brought captions) imports it with File > Import >
XML as an event with one project: a gap as long as the captions on the primary storyline and
each caption anchored above it (lane 1) in a caption role, so the captions land in the
timeline index under that role, ready to be copied onto an edit or exported as iTT, SRT or
CEA-608. DaVinci Resolve reads the same file (File > Import > Timeline). Written as version
1.9, which Final Cut Pro 10.4.9 and later read::

    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE fcpxml>
    <fcpxml version="1.9">
      <resources>
        <format id="r1" name="FFVideoFormat1080p2398" frameDuration="1001/24000s" width="1920" height="1080"/>
      </resources>
      <library>
        <event name="Captions">
          <project name="Captions">
            <sequence format="r1" duration="..." tcStart="86400486/24000s" tcFormat="NDF">
              <spine>
                <gap name="Gap" offset="86400486/24000s" start="86400486/24000s" duration="...">
                  <caption name="Why did you agree" lane="1" offset="..." duration="..." role="iTT?captionFormat=ITT.en">
                    <text placement="bottom"><text-style ref="ts1">Why did you agree to do this,
    this interview with the BBC?</text-style></text>
                    <text-style-def id="ts1"><text-style font=".SF NS Text" fontSize="13" .../></text-style-def>
                  </caption>
    ...

Times are rational seconds, whole frames of the timeline's rate (``frameDuration``: 1001/24000s
at 23.976, 1/25s at 25); each caption edge on its nearest frame. A caption's time is its place
on the timeline; ``start`` (ms) is where the timeline starts (``tcStart``, and the gap's start):
for a timeline at 01:00:00:00, as DaVinci Resolve's and many broadcast timelines start, move the
captions by the hour (``--offset 01:00:00:00``) and pass that hour as ``start``. No caption may
start before ``start``. ``tcFormat`` is DF (drop-frame display) at 29.97 and 59.94 when ``drop_frame``
is set, else NDF; the times are exact either way. ``caption_format`` is the role's caption
format: ``ITT`` (iTT, the default: any line length), ``SRT`` or ``CEA608`` (which Final Cut
limits to 32 characters a line and 4 lines).
"""
from __future__ import annotations

from fractions import Fraction

from ..errors import OutputError
from ..model import Caption
from ..timecode import can_drop
from .frames import caption_frames, delivery_rate, nearest_frame
from .ttml import XML_DECLARATION, attrs, xml_text

DEFAULT_FPS = 24.0
VERSION = "1.9"
ROLES = {"ITT": "iTT?captionFormat=ITT.{lang}", "SRT": "SRT?captionFormat=SRT.{lang}",
         "CEA608": "CEA-608?captionFormat=CEA608.{lang}"}
# Final Cut's format names by frame rate (1080p; the name is informative, the attributes rule).
RATE_NAMES = {Fraction(24000, 1001): "2398", Fraction(24): "24", Fraction(25): "25",
              Fraction(30000, 1001): "2997", Fraction(30): "30", Fraction(48): "48", Fraction(50): "50",
              Fraction(60000, 1001): "5994", Fraction(60): "60"}
STYLE = {"font": ".SF NS Text", "fontSize": "13", "fontFace": "Regular", "fontColor": "1 1 1 1",
         "backgroundColor": "0 0 0 1"}


def fcpxml_time(frames: int, frame_duration: Fraction) -> str:
    """``frames`` frames as FCPXML time: ``numerator/denominators`` over the frame duration's
    denominator (as Final Cut writes them), ``0s`` for none, whole seconds as ``5s``."""
    seconds = frames * frame_duration
    if seconds.denominator == 1:
        return f"{seconds.numerator}s"
    return f"{frames * frame_duration.numerator}/{frame_duration.denominator}s"


def format_fcpxml(captions: list[Caption], fps: float = DEFAULT_FPS, *, start: int = 0,
                  drop_frame: bool = False, caption_format: str = "ITT", language: str = "en",
                  width: int = 1920, height: int = 1080, name: str = "Captions") -> str:
    rate = delivery_rate(fps, "FCPXML")
    if rate not in RATE_NAMES:
        raise OutputError(f"Final Cut Pro timelines run at {', '.join(f'{float(r):g}' for r in RATE_NAMES)} fps, not {fps}")
    if caption_format.upper() not in ROLES:
        raise OutputError(f"FCPXML caption format is one of {', '.join(ROLES)}, not {caption_format!r}")
    if drop_frame and not can_drop(rate):
        raise OutputError(f"drop-frame timecode is for 29.97 and 59.94 fps, not {fps}")
    frame_duration = 1 / rate
    origin = nearest_frame(start, rate)
    spans = caption_frames(captions, rate)
    if spans and spans[0][0] < origin:
        raise OutputError(f"a caption starts before the timeline's start ({captions[0].start_ms} ms < {start} ms)")
    length = max((end for _, end in spans), default=origin + 1) - origin
    t = lambda frames: fcpxml_time(frames, frame_duration)   # noqa: E731
    role = ROLES[caption_format.upper()].format(lang=language)
    fmt = {"id": "r1", "name": f"FFVideoFormat{height}p{RATE_NAMES[rate]}",
           "frameDuration": t(1), "width": str(width), "height": str(height)}
    sequence = {"format": "r1", "duration": t(length), "tcStart": t(origin),
                "tcFormat": "DF" if drop_frame else "NDF"}
    gap = {"name": "Gap", "offset": t(origin), "start": t(origin), "duration": t(length)}
    out = [XML_DECLARATION, "<!DOCTYPE fcpxml>", f'<fcpxml version="{VERSION}">', "  <resources>",
           f"    <format{attrs(fmt)}/>", "  </resources>", "  <library>", f"    <event{attrs({'name': name})}>",
           f"      <project{attrs({'name': name})}>", f"        <sequence{attrs(sequence)}>", "          <spine>",
           f"            <gap{attrs(gap)}>"]
    for k, (c, (first, after)) in enumerate(zip(captions, spans), 1):
        head = {"name": _title(c), "lane": "1", "offset": t(first), "duration": t(after - first),
                "role": role}
        text = xml_text("\n".join(c.lines))
        out += [f"              <caption{attrs(head)}>",
                f'                <text placement="bottom"><text-style ref="ts{k}">{text}</text-style></text>',
                f'                <text-style-def id="ts{k}"><text-style{attrs(STYLE)}/></text-style-def>',
                "              </caption>"]
    out += ["            </gap>", "          </spine>", "        </sequence>", "      </project>", "    </event>",
            "  </library>", "</fcpxml>", ""]
    return "\n".join(out)


def _title(caption: Caption) -> str:
    """The caption's name in Final Cut's timeline index: its first words."""
    words = " ".join(caption.lines).split()
    title = " ".join(words[:6])
    return title + (" ..." if len(words) > 6 else "") or "Caption"
