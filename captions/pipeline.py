"""The whole job in one call: read -> (hear) -> align -> time -> segment -> check.

`run_stages` runs the stages, each on the outputs before it, and returns them all (`Stages`);
`report_of` builds the `Report` from those outputs; `make_captions` does both. How a run goes
is one `MakeOptions` value.
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .align import align
from .check import RULES, Breach, check_captions, summarize
from .edit import shift
from .errors import AlignmentError, CaptionsError
from .model import Alignment, Caption, CleanText, TimedWord, Transcript
from .readers import read_clean_text, read_transcript
from .readers.clean.text import dominant_script, parse_clean_text, preview
from .rules import CaptionRules
from .segment import segment
from .timecode import hms_time, snap_captions
from .timing import time_words

if TYPE_CHECKING:       # listening and shots are loaded only when a run uses them
    from .listen import Hearing
    from .shots import ShotMove, ShotRules

MIN_ALIGNED = 0.25      # below this share of the text in anchored runs, the texts are not of one recording
SHORT_TEXT_WORDS = 20   # shorter texts cannot hold enough four-word runs to judge by
# Words between two stamps (three to four minutes of speech) past which text timing is not to be trusted:
# captions 30 s or more from a stamp start 1.3 s off on average, and a silence the text does not
# show can put them much further off (docs/confidence.md).
SPARSE_STAMP_WORDS = 500


@dataclass(frozen=True)
class MakeOptions:
    """How `make_captions` runs, beside the caption rules: every choice the caller makes."""

    speaker_labels: bool = False     # show the speaker's name at each change
    min_aligned: float = MIN_ALIGNED  # below this anchored share the texts are refused ...
    force: bool = False              # ... unless forced
    offset_ms: int = 0               # every caption moved by this (a timeline that starts at one hour)
    snap_frames: bool = False        # every edge on a frame of the rules' fps
    audio: str | Path | None = None  # the recording: word times heard in it (`captions.listen`)
    jobs: int | None = None          # processes that listen to it
    progress: Callable[[int, int | None], None] | None = None   # progress(done_ms, total_ms) while listening
    shots: Sequence[int] | None = None   # the picture's cuts, ms of the video: edges timed to them
    shot_rules: ShotRules | None = None  # how edges meet the cuts (`captions.shots`)


@dataclass(frozen=True)
class Stages:
    """Each stage's output, in the order they run: what the captions and the report are made of."""

    options: MakeOptions
    transcript_name: str
    text_name: str
    transcript: Transcript           # as read
    text: CleanText
    hearing: Hearing | None          # with a recording: the transcript retimed from it
    alignment: Alignment
    anchored_share: float            # the evidence of one recording, judged against min_aligned
    words: list[TimedWord]
    segmented: list[Caption]         # as segment cut them
    in_recording: list[Caption]      # those the recording has time for (all of them without one)
    shot_moves: tuple[ShotMove, ...] | None   # with shots: the edges moved to a cut ...
    shot_breaks: tuple[Breach, ...] | None    # ... and those that still break the shot rules
    captions: list[Caption]          # the result: after shots, offset and frames
    breaches: list[Breach]           # its check against the rules

    @property
    def timed_from(self) -> Transcript:
        """The transcript the words were timed from: the heard one with a recording."""
        return self.hearing.transcript if self.hearing is not None else self.transcript


@dataclass(frozen=True)
class Report:
    """What a run did: the alignment figures and every warning, for stderr and `--report`
    (`report_of` builds it from a run's stages)."""

    transcript: str
    text: str
    captions: int = 0
    clean_words: int = 0
    aligned_share: float = 0.0       # kept clean words with a transcript match
    anchored_share: float = 0.0      # all clean words (dropped lines included) inside runs found in order
    interpolated_words: int = 0
    dropped_lines: list[dict] = field(default_factory=list)
    untrusted_stamps: int = 0
    text_speakers: list[str] = field(default_factory=list)   # the names the clean text gave as speaker labels
    rule_breaches: dict = field(default_factory=dict)   # captions.check.summarize of the result
    audio: dict | None = None        # with a recording: its windows and the share of captions timed from it
    shots: dict | None = None        # with shot changes: the cuts, the edges moved to them, what still breaks
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Result:
    captions: list[Caption]
    report: Report
    # The transcript the words were timed from (the heard one with audio): its stamps give each
    # caption's confidence (captions.confidence).
    transcript: Transcript | None = None


def format_result(result: Result, fmt: str, rules: CaptionRules, snap_frames: bool = False,
                  offset_ms: int = 0) -> str | bytes:
    """The result's captions as ``fmt``; JSON in its review form, each caption with its
    confidence (`captions.review`), so a page can be made from it later. ``offset_ms`` (the
    timeline's start the captions were moved to) is recorded where the format names it."""
    if fmt == "json":
        from .review import review_json

        return review_json(result.captions, rules, result.transcript.anchors, result.report.as_dict(),
                           tolerance_ms=1 if snap_frames else 0)
    from .writers import format_captions

    return format_captions(result.captions, fmt, fps=rules.fps, start_ms=offset_ms)


def make_captions(transcript: str | Path | Transcript, text: str | Path | CleanText,
                  rules: CaptionRules | None = None, *, options: MakeOptions | None = None,
                  **keywords) -> Result:
    """Captions of the clean text timed from the transcript, checked against ``rules``
    (`captions.check`), with the report of the run. Paths are read; parsed values used as given.
    How it runs is ``options``, or `MakeOptions`' fields given as keywords
    (``make_captions(rev, text, speaker_labels=True, audio="talk.mp4")``)."""
    options = replace(options or MakeOptions(), **keywords)
    stages = run_stages(transcript, text, rules or CaptionRules(), options)
    return Result(stages.captions, report_of(stages), stages.timed_from)


def run_stages(transcript: str | Path | Transcript, text: str | Path | CleanText, rules: CaptionRules,
               options: MakeOptions) -> Stages:
    """Every stage in turn, each on the outputs before it: read, hear (with a recording), align
    (refused below ``min_aligned`` unless forced), time, segment, cut at the recording's end,
    time to shots, offset, snap to frames, check."""
    with _collector_paused():
        transcript_name = str(transcript) if not isinstance(transcript, Transcript) else "<transcript>"
        text_name = str(text) if not isinstance(text, CleanText) else "<text>"
        if not isinstance(transcript, Transcript):
            transcript = read_transcript(transcript)
        if not isinstance(text, CleanText):
            text = read_clean_text(text, _script_of(transcript), [turn.speaker for turn in transcript.turns])
        hearing = None
        if options.audio is not None:
            from .listen import hear

            hearing = hear(transcript, str(options.audio), jobs=options.jobs, progress=options.progress)
        timed_from = hearing.transcript if hearing is not None else transcript

        alignment = align(timed_from, text)
        anchored = _anchored_share(alignment)
        if anchored < options.min_aligned and not options.force:
            raise AlignmentError(f"only {anchored:.0%} of the text matches the transcript {transcript_name} "
                                 f"(at least {options.min_aligned:.0%} needed); are they of the same recording? "
                                 "(--force makes captions anyway)", text_name)
        end_ms = hearing.duration_ms if hearing is not None and hearing.duration_ms else None
        words = time_words(timed_from, alignment, end_ms)
        if hearing is not None:
            words = _mark_heard(words, alignment, hearing.heard_words)
        segmented = segment(words, rules, options.speaker_labels)
        captions = in_recording = _before_the_end(segmented, end_ms)
        shot_moves = shot_breaks = None
        if options.shots is not None:
            captions, shot_moves, shot_breaks = _time_to_shots(captions, options.shots, rules, options.shot_rules)
        if options.offset_ms:
            try:
                captions = shift(captions, options.offset_ms)
            except ValueError as exc:
                raise CaptionsError(f"bad offset: {exc}") from None
        if options.snap_frames:
            captions = snap_captions(captions, rules)
        breaches = check_captions(captions, rules, tolerance_ms=1 if options.snap_frames else 0)
        return Stages(options, transcript_name, text_name, transcript, text, hearing, alignment, anchored, words,
                      segmented, in_recording, shot_moves, shot_breaks, captions, breaches)


def report_of(stages: Stages) -> Report:
    """The report of a run, from its stages' outputs: their figures, and their warnings in the
    order the stages ran."""
    transcript, text, alignment, hearing = stages.transcript, stages.text, stages.alignment, stages.hearing
    captions = stages.captions
    dropped = alignment.dropped_lines
    rule_breaches = summarize(stages.breaches, len(captions))
    shots = None
    if stages.shot_moves is not None:
        # The cuts on the captions' timeline (after --offset), for the review page to draw.
        shots = {"cuts": len(stages.options.shots), "moved_edges": len(stages.shot_moves),
                 "breaking_edges": len(stages.shot_breaks), "moves": [m.as_dict() for m in stages.shot_moves],
                 "cut_times_ms": sorted(c + stages.options.offset_ms for c in stages.options.shots)}
    return Report(
        stages.transcript_name, stages.text_name, captions=len(captions), clean_words=len(alignment.words),
        aligned_share=round(alignment.aligned_share, 4), anchored_share=round(stages.anchored_share, 4),
        interpolated_words=sum(1 for w in stages.words if not w.matched),
        dropped_lines=[{"line": line.number, "text": line.text} for line in dropped],
        untrusted_stamps=sum(1 for a in transcript.anchors if not a.trusted),
        text_speakers=list(dict.fromkeys(line.speaker for line in text.lines if line.speaker)),
        rule_breaches=rule_breaches,
        audio=_audio_figures(str(stages.options.audio), hearing, captions) if hearing is not None else None,
        shots=shots,
        warnings=[*transcript.warnings, *text.warnings, *_sparse_warning(stages),
                  *(hearing.warnings if hearing is not None else ()),
                  *(f"{stages.text_name}:{line.number}: dropped, no counterpart in the transcript: "
                    f"{preview(line.text)}" for line in dropped),
                  *_left_out_warning(stages), *_shots_warning(stages), *_breach_warnings(rule_breaches)])


def _anchored_share(alignment: Alignment) -> float:
    """Runs of words found in order are the evidence that both texts are of one recording; a
    text too short to hold such runs is judged by its matched words instead."""
    n_words = len(alignment.words)
    if n_words >= SHORT_TEXT_WORDS:
        return alignment.anchored_share
    return sum(1 for m in alignment.matches if m) / max(1, n_words)


def _sparse_warning(stages: Stages) -> list[str]:
    """Text-only timing far from any stamp: the recording would fix it."""
    sparse = _sparse_stamps(stages.transcript) if stages.hearing is None else None
    if not sparse:
        return []
    return [f"{stages.transcript_name}: {sparse}; text-only timing can be seconds off there: "
            "give the recording with --audio"]


def _left_out_warning(stages: Stages) -> list[str]:
    """Text the recording has no time left for (it is longer than the recording holds), quoted
    from where it starts."""
    left_out = len(stages.segmented) - len(stages.in_recording)
    if not left_out:
        return []
    end_ms = stages.hearing.duration_ms
    first = stages.segmented[len(stages.in_recording)]
    return [f"{left_out} caption(s) of text come after the recording ends "
            f"({hms_time(end_ms)}) and are left out, from "
            f"{preview(' '.join(first.lines))}: is the transcript of a longer cut?"]


def _shots_warning(stages: Stages) -> list[str]:
    if not stages.shot_breaks:
        return []
    return [f"{len(stages.shot_breaks)} caption edge(s) break the shot-change rules "
            "(moving them would break another rule)"]


def _breach_warnings(rule_breaches: dict) -> list[str]:
    return [f"{rule_breaches[rule]} caption(s) break the {rule.replace('_', ' ')} rule"
            for rule in RULES if rule_breaches[rule]]


@contextmanager
def _collector_paused():
    """The cyclic garbage collector off for a run: the pipeline's data holds no reference cycles
    and collecting cost 10-15% of a run; what a reader library leaves behind is collected once the
    collector is back on."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _mark_heard(words: list[TimedWord], alignment: Alignment, heard: frozenset[int]) -> list[TimedWord]:
    """Each kept clean word marked "audio" when its transcript words were heard; a word with no
    match of its own when the matched words on both sides of it were."""
    kept = [i for i, k in enumerate(alignment.kept) if k]
    flags: list[bool | None] = [any(j in heard for j in alignment.matches[i]) if alignment.matches[i] else None
                                for i in kept]
    before: list[bool] = []
    last = False
    for f in flags:
        last = last if f is None else f
        before.append(last)
    nxt = False
    for k in range(len(flags) - 1, -1, -1):
        if flags[k] is None:
            flags[k] = before[k] and nxt
        else:
            nxt = flags[k]
    return [w._replace(timed_by="audio" if f else "text") for w, f in zip(words, flags)]


def _audio_figures(media: str, hearing, captions: list[Caption]) -> dict:
    counts = {"audio": 0, "text": 0, "mixed": 0}
    for caption in captions:
        counts[caption.timed_by or "text"] += 1
    total = max(1, len(captions))
    return {"media": media, "duration_ms": hearing.duration_ms, "windows": len(hearing.windows),
            "windows_heard": sum(1 for h in hearing.windows if h.heard),
            "windows_with_problems": sum(1 for h in hearing.windows if h.problem),
            "captions_timed_by": {k: round(v / total, 4) for k, v in counts.items()}}


def parse_texts(transcript_text: str, clean_text: str) -> tuple[Transcript, CleanText]:
    """Parse both inputs from strings (for library users who hold text, not files)."""
    from .readers import parse_transcript_text

    transcript = parse_transcript_text(transcript_text)
    return transcript, parse_clean_text(clean_text, script=_script_of(transcript),
                                        speakers=[turn.speaker for turn in transcript.turns])


def _before_the_end(captions: list[Caption], end_ms: int | None) -> list[Caption]:
    """No caption past the recording's end: one that runs over it ends there, and those that
    start after it are left out."""
    if end_ms is None:
        return captions
    return [c if c.end_ms <= end_ms else replace(c, end_ms=end_ms) for c in captions if c.start_ms < end_ms]


def _time_to_shots(captions: list[Caption], cuts: Sequence[int], rules: CaptionRules, shot_rules: ShotRules | None
                   ) -> tuple[list[Caption], tuple[ShotMove, ...], tuple[Breach, ...]]:
    """Caption edges moved to the picture's cuts where the rules allow, the moves, and the edges
    that still break the shot rules (cuts are video time: this comes before any offset)."""
    from .shots import check_shots, snap_to_shots

    captions, moves = snap_to_shots(captions, cuts, rules, shot_rules)
    return captions, tuple(moves), tuple(check_shots(captions, cuts, rules, shot_rules))


def _sparse_stamps(transcript: Transcript) -> str | None:
    """What makes the transcript's stamps too sparse for text timing, or None: stretches of more
    than SPARSE_STAMP_WORDS words between trusted stamps (or after the last)."""
    starts = sorted({a.word for a in transcript.anchors if a.trusted})
    edges = list(zip(starts, [*starts[1:], len(transcript.words)]))
    long = [(a, b) for a, b in edges if b - a > SPARSE_STAMP_WORDS]
    if not long:
        return None
    a, b = max(long, key=lambda edge: edge[1] - edge[0])
    line = transcript.words[a].line
    return (f"{len(long)} stretch(es) of more than {SPARSE_STAMP_WORDS} words between stamps "
            f"(the longest, {b - a} words, from line {line})")


def _script_of(transcript: Transcript) -> str:
    """The writing system of the transcript: clean-text lines in another one are page furniture."""
    return dominant_script(" ".join(w.text for w in transcript.words[:5000]))
