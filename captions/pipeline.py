"""The whole job in one call: read -> align -> time -> segment, with a report of what happened."""
from __future__ import annotations

import gc
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from .align import align
from .check import RULES, check_captions, summarize
from .edit import shift
from .errors import AlignmentError, CaptionsError
from .model import Alignment, Caption, CleanText, TimedWord, Transcript
from .readers import read_clean_text, read_transcript
from .readers.clean.text import dominant_script, parse_clean_text, preview
from .rules import CaptionRules
from .segment import segment
from .timecode import snap_captions
from .timing import time_words

MIN_ALIGNED = 0.25      # below this share of the text in anchored runs, the texts are not of one recording
SHORT_TEXT_WORDS = 20   # shorter texts cannot hold enough four-word runs to judge by
# Words between two stamps (three to four minutes of speech) past which text timing is not to be trusted:
# captions 30 s or more from a stamp start 1.3 s off on average, and a silence the text does not
# show can put them much further off (docs/confidence.md).
SPARSE_STAMP_WORDS = 500


@dataclass
class Report:
    """What a run did: the alignment figures and every warning, for stderr and `--report`."""

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
                  rules: CaptionRules | None = None, *, speaker_labels: bool = False,
                  min_aligned: float = MIN_ALIGNED, force: bool = False, offset_ms: int = 0,
                  snap_frames: bool = False, audio: str | Path | None = None, jobs: int | None = None,
                  progress: Callable[[int, int | None], None] | None = None,
                  shots: list[int] | None = None, shot_rules=None) -> Result:
    """Captions of the clean text timed from the transcript. Paths are read; parsed values used
    as given. ``offset_ms`` moves every caption (a timeline that starts at one hour);
    ``snap_frames`` puts every edge on a frame of ``rules.fps``. With ``audio`` (a recording of
    the transcript) word times are heard in it (`captions.listen`, ``jobs`` processes,
    ``progress(done_ms, total_ms)``). With ``shots`` (the picture's cuts, ms of the video) caption
    edges are timed to them by ``shot_rules`` (`captions.shots`). The result is checked against
    ``rules`` (`captions.check`), the breaches counted in the report."""
    rules = rules or CaptionRules()
    with _collector_paused():
        transcript_name = str(transcript) if not isinstance(transcript, Transcript) else "<transcript>"
        text_name = str(text) if not isinstance(text, CleanText) else "<text>"
        if not isinstance(transcript, Transcript):
            transcript = read_transcript(transcript)
        if not isinstance(text, CleanText):
            text = read_clean_text(text, _script_of(transcript), [turn.speaker for turn in transcript.turns])
        report = Report(transcript_name, text_name)
        report.warnings.extend(transcript.warnings)
        report.warnings.extend(text.warnings)
        report.untrusted_stamps = sum(1 for a in transcript.anchors if not a.trusted)
        report.text_speakers = list(dict.fromkeys(line.speaker for line in text.lines if line.speaker))
        hearing = None
        if audio is None and (sparse := _sparse_stamps(transcript)):
            report.warnings.append(f"{transcript_name}: {sparse}; text-only timing can be seconds off there: "
                                   "give the recording with --audio")
        if audio is not None:
            from .listen import hear

            hearing = hear(transcript, str(audio), jobs=jobs, progress=progress)
            transcript = hearing.transcript
            report.warnings.extend(hearing.warnings)

        alignment = align(transcript, text)
        # Runs of words found in order are the evidence that both texts are of one recording; a
        # text too short to hold such runs is judged by its matched words instead.
        n_words = len(alignment.words)
        anchored = (alignment.anchored_share if n_words >= SHORT_TEXT_WORDS
                    else sum(1 for m in alignment.matches if m) / max(1, n_words))
        report.clean_words = n_words
        report.anchored_share = round(anchored, 4)
        report.aligned_share = round(alignment.aligned_share, 4)
        if anchored < min_aligned and not force:
            raise AlignmentError(f"only {anchored:.0%} of the text matches the transcript {transcript_name} "
                                 f"(at least {min_aligned:.0%} needed); are they of the same recording? "
                                 "(--force makes captions anyway)", text_name)
        for line in alignment.dropped_lines:
            report.dropped_lines.append({"line": line.number, "text": line.text})
            report.warnings.append(f"{text_name}:{line.number}: dropped, no counterpart in the transcript: "
                                   f"{preview(line.text)}")
        end_ms = hearing.duration_ms if hearing is not None and hearing.duration_ms else None
        words = time_words(transcript, alignment, end_ms)
        if hearing is not None:
            words = _mark_heard(words, alignment, hearing.heard_words)
        report.interpolated_words = sum(1 for w in words if not w.matched)
        captions = segment(words, rules, speaker_labels)
        if end_ms is not None:
            captions = _before_the_end(captions, end_ms, report)
        if shots is not None:
            captions = _time_to_shots(captions, shots, rules, shot_rules, report)
        if offset_ms:
            try:
                captions = shift(captions, offset_ms)
            except ValueError as exc:
                raise CaptionsError(f"bad offset: {exc}") from None
        if snap_frames:
            captions = snap_captions(captions, rules)
        report.captions = len(captions)
        if hearing is not None:
            report.audio = _audio_figures(str(audio), hearing, captions)
        report.rule_breaches = summarize(check_captions(captions, rules, tolerance_ms=1 if snap_frames else 0),
                                         len(captions))
        for rule in RULES:
            if report.rule_breaches[rule]:
                report.warnings.append(f"{report.rule_breaches[rule]} caption(s) break the "
                                       f"{rule.replace('_', ' ')} rule")
        return Result(captions, report, transcript)


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


def _before_the_end(captions: list[Caption], end_ms: int, report: Report) -> list[Caption]:
    """No caption past the recording's end: one that runs over it ends there, and text the
    recording has no time left for (it is longer than the recording holds) is left out, with
    a warning that quotes where it starts."""
    kept = [c if c.end_ms <= end_ms else replace(c, end_ms=end_ms) for c in captions if c.start_ms < end_ms]
    if len(kept) < len(captions):
        first = captions[len(kept)]
        report.warnings.append(f"{len(captions) - len(kept)} caption(s) of text come after the recording ends "
                               f"({end_ms // 60000:02d}:{end_ms // 1000 % 60:02d}) and are left out, from "
                               f"{preview(' '.join(first.lines))}: is the transcript of a longer cut?")
    return kept


def _time_to_shots(captions: list[Caption], cuts: list[int], rules: CaptionRules, shot_rules,
                   report: Report) -> list[Caption]:
    """Caption edges moved to the picture's cuts where the rules allow; what moved, and what still
    breaks the shot rules, in the report (cuts are video time: this comes before any offset)."""
    from .shots import check_shots, snap_to_shots

    captions, moves = snap_to_shots(captions, cuts, rules, shot_rules)
    left = check_shots(captions, cuts, rules, shot_rules)
    report.shots = {"cuts": len(cuts), "moved_edges": len(moves), "breaking_edges": len(left),
                    "moves": [m.as_dict() for m in moves]}
    if left:
        report.warnings.append(f"{len(left)} caption edge(s) break the shot-change rules "
                               "(moving them would break another rule)")
    return captions


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
