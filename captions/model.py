"""Plain data passed between the pipeline's stages; immutable so no stage can change another's input.

Times are integer milliseconds everywhere inside the package.

The three records made once a word (``Word``, ``CleanWord``, ``TimedWord``) are named tuples: a
15-hour transcript makes half a million of them, and a named tuple is made three times faster
than a frozen dataclass (whose ``__init__`` sets each field through ``object.__setattr__``).
The rest are frozen dataclasses.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Word(NamedTuple):
    """One token of a transcript: a spoken word, or a placeholder for untranscribed speech.

    Placeholders (``[inaudible 00:07:06]``, a speaker turn with no text) are never caption text,
    but they take time in the recording, so the timing model counts them.
    """

    text: str
    turn: int
    paragraph: int
    line: int
    placeholder: bool = False


@dataclass(frozen=True, slots=True)
class Anchor:
    """A transcript stamp: the word at index ``word`` starts at ``time_ms`` (as written, floored
    to ``resolution_ms``: 1000 for whole seconds)."""

    word: int
    time_ms: int
    line: int
    trusted: bool = True
    resolution_ms: int = 1000


@dataclass(frozen=True, slots=True)
class Turn:
    """A speaker turn: its words are ``words[first:end]`` of the transcript."""

    speaker: str
    first: int
    end: int
    line: int


@dataclass(frozen=True, slots=True)
class Transcript:
    """A timestamped transcript: words in order, their turns, and the stamps that anchor them."""

    words: tuple[Word, ...]
    turns: tuple[Turn, ...]
    anchors: tuple[Anchor, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TextLine:
    """One non-blank line of the clean text, as the author broke it."""

    text: str
    number: int
    block: int
    speaker: str | None


@dataclass(frozen=True, slots=True)
class CleanText:
    """The clean text's spoken lines, with the furniture the reader set aside already reported."""

    lines: tuple[TextLine, ...]
    warnings: tuple[str, ...] = ()


class CleanWord(NamedTuple):
    """A word of the clean text, where it sits (line, block, speaker) and its comparison keys."""

    text: str
    line: int
    block: int
    speaker: str | None
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Alignment:
    """Which transcript words each clean word matched, and which clean lines were kept."""

    words: tuple[CleanWord, ...]
    matches: tuple[tuple[int, ...], ...]   # per clean word: indices of matched transcript words
    kept: tuple[bool, ...]                  # per clean word: False when its line was dropped
    dropped_lines: tuple[TextLine, ...]
    aligned_share: float                    # share of kept clean words with a match
    anchored_share: float = 0.0             # share of all clean words inside runs found in order


class TimedWord(NamedTuple):
    """A clean word with its time; ``matched`` says the time came from its own transcript words,
    ``timed_by`` whether those were heard in the recording ("audio") or placed by the text timing
    model between stamps ("text"). ``exact``: its start is a time the source gives for it (a
    word-timed source, a caption's first word, a recording); ``source_start``: the source starts
    a paragraph, cue or segment at it (a break the source's own author made); ``said_before_ms``:
    of the time since the clean word before, how much the speaker spent on words the editor
    dropped (a false start, a filler), which is speech, not a pause."""

    text: str
    start_ms: int
    end_ms: int
    speaker: str | None
    line: int
    block: int
    matched: bool
    timed_by: str = "text"
    exact: bool = False
    source_start: bool = False
    said_before_ms: int = 0


@dataclass(frozen=True, slots=True)
class Caption:
    """One caption: its time, its display lines, the voice (speaker) of each line if labelled, and
    the timed words it shows (empty for captions read from a file)."""

    start_ms: int
    end_ms: int
    lines: tuple[str, ...]
    voices: tuple[str | None, ...] = field(default=())
    words: tuple[TimedWord, ...] = field(default=(), compare=False)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def timed_by(self) -> str | None:
        """"audio" when all its words were heard in the recording, "text" when none were,
        "mixed" otherwise; None for captions read from a file."""
        sources = {w.timed_by for w in self.words}
        return None if not sources else sources.pop() if len(sources) == 1 else "mixed"
