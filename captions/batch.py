"""Many pairs at once: find the pairs, run each in its own process, report what happened.

Pairing is by name and never guessed: ``NAME.rev.txt`` or ``NAME.transcript.*`` is a transcript;
``NAME.clean.*``, ``NAME.blog.*`` or plain ``NAME.txt`` is its clean text. A file that fits a
pattern but has no partner, or whose NAME has two candidates, is listed and left alone. A manifest
(CSV: transcript,text[,output]) pairs anything else.

Each pair runs in a worker process; its failure is caught there and reported as one line, so one
bad pair never stops the batch. Outputs are written atomically per pair, and an interrupt stops
new pairs from starting while the running ones finish, so no partial file is ever left.
"""
from __future__ import annotations

import csv
import os
import signal
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import CaptionsError, InputError
from .rules import CaptionRules

TRANSCRIPT_SUFFIXES = (".rev.txt",)
TRANSCRIPT_MARK = ".transcript."
TEXT_MARKS = (".clean.", ".blog.")


@dataclass(frozen=True)
class Pair:
    """One job: a transcript, its clean text, and the files to write."""

    name: str
    transcript: Path
    text: Path
    outputs: tuple[Path, ...]


@dataclass
class PairResult:
    name: str
    status: str                    # "ok", "failed" or "skipped"
    outputs: list[str] = field(default_factory=list)
    captions: int = 0
    aligned_share: float = 0.0
    warnings: list[str] = field(default_factory=list)   # their text: a report must say what, not how many
    error: str = ""
    seconds: float = 0.0


@dataclass
class Plan:
    pairs: list[Pair]
    unpaired: list[str]            # "path: reason"


def classify(path: Path) -> tuple[str, str] | None:
    """('transcript' | 'text', NAME) for a file that fits a pairing pattern, else None."""
    name = path.name
    lower = name.lower()
    for suffix in TRANSCRIPT_SUFFIXES:
        if lower.endswith(suffix) and len(name) > len(suffix):
            return "transcript", name[: -len(suffix)]
    if TRANSCRIPT_MARK in lower:
        return "transcript", name[: lower.index(TRANSCRIPT_MARK)]
    for mark in TEXT_MARKS:
        if mark in lower:
            return "text", name[: lower.index(mark)]
    if lower.endswith(".txt") and "." not in name[:-4]:
        return "text", name[:-4]
    return None


def find_pairs(inputs: Iterable[Path], outdir: Path, formats: list[str]) -> Plan:
    """Pair the files named (folders: the files directly in them) by NAME."""
    files: list[Path] = []
    for item in inputs:
        if item.is_dir():
            files.extend(sorted(p for p in item.iterdir() if p.is_file()))
        elif item.is_file():
            files.append(item)
        else:
            raise InputError("no such file or folder", str(item))
    found: dict[str, dict[str, list[Path]]] = {}
    for path in files:
        kind = classify(path)
        if kind:
            found.setdefault(kind[1], {}).setdefault(kind[0], []).append(path)
    pairs, unpaired = [], []
    for name, kinds in sorted(found.items()):
        transcripts, texts = kinds.get("transcript", []), kinds.get("text", [])
        problem = None
        if len(transcripts) > 1 or len(texts) > 1:
            problem = f"{len(transcripts)} transcripts and {len(texts)} texts share the name {name!r}; not guessing"
        elif not transcripts:
            problem = "no transcript with this name (NAME.rev.txt or NAME.transcript.*)"
        elif not texts:
            problem = "no clean text with this name (NAME.txt, NAME.clean.* or NAME.blog.*)"
        if problem:
            unpaired.extend(f"{p}: {problem}" for p in transcripts + texts)
            continue
        outputs = tuple(outdir / f"{name}.{fmt}" for fmt in formats)
        pairs.append(Pair(name, transcripts[0], texts[0], outputs))
    return Plan(pairs, unpaired)


def read_manifest(path: Path, outdir: Path, formats: list[str]) -> Plan:
    """Pairs from a CSV manifest: transcript,text[,output]; paths relative to the manifest."""
    try:
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the manifest: {exc}", str(path)) from None
    base = path.parent
    pairs, names = [], set()
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if number == 1 and [c.lower() for c in cells[:2]] == ["transcript", "text"]:
            continue
        if len(cells) not in (2, 3) or not cells[0] or not cells[1]:
            raise InputError("expected transcript,text[,output]", str(path), number)
        transcript, text = base / cells[0], base / cells[1]
        if len(cells) == 3 and cells[2]:
            target = base / cells[2]
            stem = target.with_suffix("") if target.suffix else target
            outputs = tuple(stem.with_name(f"{stem.name}.{fmt}") for fmt in formats)
            name = stem.name
        else:
            name = classify(transcript)[1] if classify(transcript) else transcript.stem
            outputs = tuple(outdir / f"{name}.{fmt}" for fmt in formats)
        if name in names:
            raise InputError(f"two rows write {name!r}; give one an output", str(path), number)
        names.add(name)
        pairs.append(Pair(name, transcript, text, outputs))
    if not pairs:
        raise InputError("the manifest lists no pairs", str(path))
    return Plan(pairs, [])


def run_pair(pair: Pair, rules: CaptionRules, speaker_labels: bool = False, jobs: int | None = None) -> PairResult:
    """Make one pair's captions (in ``jobs`` processes; 1 when other pairs run beside it); every
    failure becomes a result, never an exception."""
    from .pipeline import make_captions
    from .writers import format_captions, format_for, write_all_atomically

    started = time.perf_counter()
    try:
        result = make_captions(pair.transcript, pair.text, rules, speaker_labels=speaker_labels, jobs=jobs)
        write_all_atomically([(out, format_captions(result.captions, format_for(out), fps=rules.fps))
                              for out in pair.outputs])
        report = result.report
        return PairResult(pair.name, "ok", [str(o) for o in pair.outputs], report.captions,
                          report.aligned_share, list(report.warnings), seconds=time.perf_counter() - started)
    except CaptionsError as exc:
        return PairResult(pair.name, "failed", error=str(exc), seconds=time.perf_counter() - started)
    except Exception as exc:  # a bug must not take the other pairs down; it is reported as one
        return PairResult(pair.name, "failed", error=f"internal error: {type(exc).__name__}: {exc}",
                          seconds=time.perf_counter() - started)


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C and SIGTERM to the parent, which stops the batch between pairs; a
    worker's own pair always finishes and is written whole."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _outcome(future: Future, pair: Pair) -> PairResult:
    try:
        return future.result()
    except Exception as exc:  # the worker process died (killed, out of memory)
        return PairResult(pair.name, "failed", error=f"worker process failed: {type(exc).__name__}: {exc}")


def run_batch(pairs: list[Pair], rules: CaptionRules, jobs: int | None = None, *, skip_existing: bool = False,
              speaker_labels: bool = False,
              on_result: Callable[[PairResult], None] = lambda r: None) -> tuple[list[PairResult], bool]:
    """Run the pairs in ``jobs`` processes. Returns the results in input order and whether the
    batch was interrupted (SIGINT or SIGTERM), in which case pairs not started are absent."""
    results: dict[str, PairResult] = {}
    todo = []
    for pair in pairs:
        if skip_existing and all(o.exists() for o in pair.outputs):
            results[pair.name] = PairResult(pair.name, "skipped", [str(o) for o in pair.outputs])
            on_result(results[pair.name])
        else:
            todo.append(pair)
    interrupted = False
    previous_term = signal.signal(signal.SIGTERM, _raise_interrupt)
    asked = jobs
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    try:
        if jobs == 1:           # one pair at a time: each may use the cores, unless one job was asked for
            for pair in todo:
                results[pair.name] = run_pair(pair, rules, speaker_labels, 1 if asked == 1 else None)
                on_result(results[pair.name])
        else:
            with ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts) as pool:
                pending: dict[Future, Pair] = {}
                queue = list(todo)
                try:
                    while queue or pending:
                        while queue and len(pending) < jobs * 2:
                            pair = queue.pop(0)
                            pending[pool.submit(run_pair, pair, rules, speaker_labels, 1)] = pair
                        done, _ = wait(pending, return_when=FIRST_COMPLETED)
                        for future in done:
                            pair = pending.pop(future)
                            results[pair.name] = _outcome(future, pair)
                            on_result(results[pair.name])
                except KeyboardInterrupt:
                    interrupted = True
                    for future in pending:
                        future.cancel()
                    for future, pair in pending.items():   # running pairs finish and are written whole
                        if not future.cancelled():
                            results[pair.name] = _outcome(future, pair)
                            on_result(results[pair.name])
    except KeyboardInterrupt:
        interrupted = True
    finally:
        signal.signal(signal.SIGTERM, previous_term)
    return [results[p.name] for p in pairs if p.name in results], interrupted


def _raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def summary(results: list[PairResult], unpaired: list[str], interrupted: bool, total: int) -> dict:
    counts = {status: sum(1 for r in results if r.status == status) for status in ("ok", "failed", "skipped")}
    return {
        "pairs": total,
        **counts,
        "not_run": total - len(results),
        "interrupted": interrupted,
        "captions": sum(r.captions for r in results),
        "unpaired": unpaired,
        "results": [asdict(r) for r in results],
    }


def format_table(results: list[PairResult]) -> str:
    """A plain table, one row a pair: readable in a terminal and in a CI log alike."""
    header = ("pair", "status", "captions", "aligned", "warnings", "seconds")
    rows = [(r.name, r.status, str(r.captions) if r.status == "ok" else "-",
             f"{r.aligned_share:.1%}" if r.status == "ok" else "-", str(len(r.warnings)) if r.status == "ok" else "-",
             f"{r.seconds:.2f}") for r in results]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    lines = ["  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip() for row in [header, *rows]]
    return "\n".join(lines)
