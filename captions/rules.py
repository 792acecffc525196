"""Caption rules as one frozen value. Defaults follow Netflix's English timed-text style guide.

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
from dataclasses import dataclass, fields

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

    def __post_init__(self) -> None:
        problems = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "dialogue_dash":
                if not isinstance(value, str) or len(value) > 3 or "\n" in value:
                    problems.append(f"dialogue_dash must be a short string, not {value!r}")
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
