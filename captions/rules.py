"""Caption rules as one frozen value, and the built-in presets. Defaults follow Netflix's English
timed-text style guide.

Sources for the defaults (Netflix Partner Help Center, "English (USA) Timed Text Style Guide" and
"Timed Text Style Guide: General Requirements"):
- 42 characters a line, at most 2 lines;
- reading speed up to 20 characters a second for adult programmes;
- a caption stays up at least 5/6 of a second and at most 7 seconds;
- at least 2 frames between captions; gaps of half a second or less (12 frames at 24 fps) are
  closed to that minimum ("chaining", Netflix "Subtitle Timing Guidelines"), so captions do not
  flicker off and on.
The linger (how long a caption stays after its last word ends) is a house choice: long enough to
finish reading a short last word, short enough not to run into the next speaker.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace

@dataclass(frozen=True, slots=True)
class CaptionRules:
    max_chars_per_line: int = 42
    max_lines: int = 2
    max_chars_per_second: float = 20.0
    min_duration_ms: int = 834          # 5/6 s, rounded up to a whole millisecond
    max_duration_ms: int = 7000
    min_gap_frames: int = 2
    fps: float = 24.0
    chain_gap_ms: int = 500
    linger_ms: int = 300
    dialogue_dash: str = "-"            # Netflix: a hyphen, no space, before each speaker's line
    sound_captions: bool = True         # sound descriptions in the text ("(Applause)", "♫ ... ♫")
                                        # as captions of their own (SDH); False drops them

    def __post_init__(self) -> None:
        problems = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "dialogue_dash":
                if not isinstance(value, str) or len(value) > 3 or "\n" in value:
                    problems.append(f"dialogue_dash must be a short string, not {value!r}")
                continue
            if f.name == "sound_captions":
                if not isinstance(value, bool):
                    problems.append(f"sound_captions must be True or False, not {value!r}")
                continue
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                problems.append(f"{f.name} must be a number >= 0, not {value!r}")
        if not problems:
            if self.max_chars_per_line < 8:
                problems.append("max_chars_per_line must be at least 8")
            if self.max_lines < 1:
                problems.append("max_lines must be at least 1")
            if self.max_chars_per_second <= 0:
                problems.append("max_chars_per_second must be above 0")
            if self.fps <= 0 or self.fps > 240:
                problems.append(f"fps must be between 0 and 240, not {self.fps}")
            if self.max_duration_ms < self.min_duration_ms:
                problems.append("max_duration_ms must not be below min_duration_ms")
        if problems:
            raise ValueError("; ".join(problems))

    @property
    def min_gap_ms(self) -> int:
        """The minimum gap in whole milliseconds, rounded up so it is never under the frames."""
        return math.ceil(self.min_gap_frames * 1000 / self.fps - 1e-9)

    @property
    def max_chars(self) -> int:
        return self.max_chars_per_line * self.max_lines


NETFLIX = CaptionRules()

# Built-in presets: each a house style's published numbers; what a source leaves open stays at the
# Netflix value. Sources and conversions in docs/presets.md.
PRESETS: dict[str, CaptionRules] = {
    # Netflix Partner Help Center, English (USA) Timed Text Style Guide and General Requirements.
    "netflix": NETFLIX,
    # Same guide: children's programmes up to 17 characters a second; all else as for adults.
    "netflix-kids": replace(NETFLIX, max_chars_per_second=17.0),
    # BBC Subtitle Guidelines: 37 characters a line (s. 3.1, the Teletext limit), 2 lines (s. 3.3),
    # 160-180 words a minute (s. 4) -> 180 wpm x 5.5 characters a word (spaces counted, as the
    # reading-speed rule counts them; 5.45 measured on the BBC sample text, 5.56-5.76 on the bench
    # texts) / 60 = 16.5 characters a second; a gap "must be a minimum of one second" (s. 4.5), so
    # shorter gaps are chained. The BBC names no frame gap for chained subtitles: 2 frames as
    # Netflix. 25 fps: UK broadcast.
    "bbc": replace(NETFLIX, max_chars_per_line=37, max_chars_per_second=16.5, fps=25.0,
                   chain_gap_ms=1000),
    # YouTube Help lists caption file formats but sets no line length, line count or reading
    # speed; its player shows what the file says. So the streaming norm (Netflix English), at
    # 30 fps, the usual rate of phone and screen recordings.
    "youtube": replace(NETFLIX, fps=30.0),
    # CEA-608 line-21 captions (CTA-608-E; FCC decoder rules, 47 CFR 15.119): 32 character cells
    # a row; up to 4 rows a caption are allowed, 2 are used (DCMP Captioning Key: no more than two
    # lines preferred; more rows hide the picture). Line 21 carries 2 characters a frame at
    # 29.97 fps, so loading ("build-up time", DCMP) a full 2 x 32 caption with its doubled control
    # codes takes about 40 frames (1.335 s): a shorter caption cannot be followed by a full one in
    # time, hence the longer minimum. DCMP's near-verbatim limit, 225 words a minute, is about 20
    # characters a second (x 5.5 characters a word, as for bbc).
    "cea608": replace(NETFLIX, max_chars_per_line=32, min_duration_ms=1335, fps=29.97),
    # 9:16 video: BBC Subtitle Guidelines s. 3.1 (25 characters in a 90%-wide region of a vertical
    # video equal 37 in landscape) and s. 3.3 (3 lines for vertical video); 30 fps, the phone rate.
    "vertical": replace(NETFLIX, max_chars_per_line=25, max_lines=3, fps=30.0),
}


def preset(name: str) -> CaptionRules:
    """The built-in rules called ``name`` (case and surrounding spaces ignored)."""
    try:
        return PRESETS[name.strip().lower()]
    except KeyError:
        raise ValueError(f"unknown preset {name!r}; known presets: {', '.join(PRESETS)}") from None
