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
import socket
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from .errors import CaptionsError, ClusterError, InputError
from .outputs import beside, stem_of
from .readers.decoding import ShippedFile
from .rules import CaptionRules
from .writers import write_all_atomically

TRANSCRIPT_SUFFIXES = (".rev.txt",)
TRANSCRIPT_MARK = ".transcript."
TEXT_MARKS = (".clean.", ".blog.")
# A recording of NAME, for ``--audio``: NAME.mp3, NAME.mp4 ...
MEDIA_SUFFIXES = (".mp3", ".m4a", ".aac", ".wav", ".flac", ".ogg", ".opus", ".mp4", ".m4v", ".mkv", ".mov",
                  ".webm", ".mxf")


@dataclass(frozen=True)
class Pair:
    """One job: a transcript, its clean text, and the files to write."""

    name: str
    transcript: Path
    text: Path
    outputs: tuple[Path, ...]
    audio: Path | None = None       # the recording, with ``--audio``: NAME.mp3, NAME.mp4 ...


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
    worker: str = ""               # host:pid of the process that made it


@dataclass
class Plan:
    pairs: list[Pair]
    unpaired: list[str]            # "path: reason"


def classify(path: Path) -> tuple[str, str] | None:
    """('transcript' | 'text' | 'audio', NAME) for a file that fits a pairing pattern, else None."""
    name = path.name
    lower = name.lower()
    if path.suffix.lower() in MEDIA_SUFFIXES and len(path.stem) > 0:
        return "audio", path.stem
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


def find_pairs(inputs: Iterable[Path], outdir: Path, formats: list[str], audio: bool = False) -> Plan:
    """Pair the files named (folders: the files directly in them) by NAME; with ``audio``, each
    pair's recording too (a pair without one is timed from its text, with a warning)."""
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
        recordings = kinds.get("audio", []) if audio else []
        if len(recordings) > 1:
            unpaired.extend(f"{p}: {len(recordings)} recordings share the name {name!r}; not guessing"
                            for p in transcripts + texts + recordings)
            continue
        pairs.append(Pair(name, transcripts[0], texts[0], outputs, recordings[0] if recordings else None))
    return Plan(pairs, unpaired)


def read_manifest(path: Path, outdir: Path, formats: list[str]) -> Plan:
    """Pairs from a CSV manifest: transcript,text[,output[,audio]]; paths relative to the
    manifest (the recording is used with ``--audio``)."""
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
        if number == 1 and [c.lower() for c in cells[:2]] == ["transcript", "text"]:   # a header row
            continue
        if len(cells) not in (2, 3, 4) or not cells[0] or not cells[1]:
            raise InputError("expected transcript,text[,output[,audio]]", str(path), number)
        transcript, text = base / cells[0], base / cells[1]
        if len(cells) >= 3 and cells[2]:
            target = base / cells[2]
            outputs = tuple(beside(target, formats))
            name = stem_of(target).name
        else:
            name = classify(transcript)[1] if classify(transcript) else transcript.stem
            outputs = tuple(outdir / f"{name}.{fmt}" for fmt in formats)
        if name in names:
            raise InputError(f"two rows write {name!r}; give one an output", str(path), number)
        names.add(name)
        recording = base / cells[3] if len(cells) == 4 and cells[3] else None
        pairs.append(Pair(name, transcript, text, outputs, recording))
    if not pairs:
        raise InputError("the manifest lists no pairs", str(path))
    return Plan(pairs, [])


@dataclass(frozen=True)
class PairJob:
    """What a worker needs for one pair. Inputs are paths (a local batch, or a cluster whose
    machines all see the same files) or `ShippedFile`s: the client's bytes under the user's
    file names, so a worker elsewhere needs no access to them and messages still name them."""

    pair: Pair
    rules: CaptionRules
    speaker_labels: bool = False
    jobs: int | None = 1            # processes inside the pair (listening to a recording)
    transcript: Path | ShippedFile | None = None
    text: Path | ShippedFile | None = None
    audio: Path | ShippedFile | None = None


@dataclass
class PairOutcome:
    """A worker's answer: the result, and the files to write (path, content); the client writes
    them, so a pair retried on another worker can never write twice or leave half a file."""

    result: PairResult
    files: list[tuple[str, str]]


def make_pair(job: PairJob) -> PairOutcome:
    """Make one pair's captions in memory; every failure becomes a result, never an exception."""
    from .pipeline import format_result, make_captions
    from .writers import format_for

    pair, started = job.pair, time.perf_counter()
    worker = f"{socket.gethostname()}:{os.getpid()}"
    try:
        with _recording(job.audio if job.audio is not None else pair.audio) as audio:
            result = make_captions(job.transcript or pair.transcript, job.text or pair.text, job.rules,
                                   speaker_labels=job.speaker_labels, audio=audio, jobs=job.jobs)
        files = [(str(out), format_result(result, format_for(out), job.rules)) for out in pair.outputs]
        report = result.report
        return PairOutcome(PairResult(pair.name, "ok", [str(o) for o in pair.outputs], report.captions,
                                      report.aligned_share, list(report.warnings),
                                      seconds=time.perf_counter() - started, worker=worker), files)
    except CaptionsError as exc:
        error = str(exc)
    except Exception as exc:  # a bug must not take the other pairs down; it is reported as one
        error = f"internal error: {type(exc).__name__}: {exc}"
    return PairOutcome(PairResult(pair.name, "failed", error=error, seconds=time.perf_counter() - started,
                                  worker=worker), [])


@contextmanager
def _recording(audio: Path | ShippedFile | None):
    """The recording as a path the decoder can open: a shipped one in a private temporary file."""
    if not isinstance(audio, ShippedFile):
        yield audio
        return
    with tempfile.TemporaryDirectory(prefix="captions-") as folder:
        local = Path(folder) / Path(audio).name
        local.write_bytes(audio.data)
        yield local


def ship(pair: Pair, rules: CaptionRules, speaker_labels: bool, shared_fs: bool, jobs: int | None) -> PairJob:
    """The job for a pair: its paths, or (not ``shared_fs``) its files' bytes read here."""
    if shared_fs:
        return PairJob(pair, rules, speaker_labels, jobs)
    return PairJob(pair, rules, speaker_labels, jobs, ShippedFile.read(pair.transcript),
                   ShippedFile.read(pair.text), ShippedFile.read(pair.audio) if pair.audio else None)


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C and SIGTERM to the parent, which stops the batch between pairs; a
    worker's own pair always finishes and is written whole."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _outcome(future: Future, pair: Pair) -> PairOutcome:
    """The pair's outcome; a cluster whose scheduler went away ends the batch (`ClusterError`)."""
    try:
        return future.result()
    except ClusterError:
        raise
    except Exception as exc:  # the worker process died (killed, out of memory), or every worker it met
        reason = str(exc).splitlines()[0] if str(exc) else ""
        return PairOutcome(PairResult(pair.name, "failed",
                                      error=f"worker process failed: {type(exc).__name__}: {reason}"), [])


def run_batch(pairs: list[Pair], rules: CaptionRules, jobs: int | None = None, *, skip_existing: bool = False,
              speaker_labels: bool = False, cluster: str | None = None, shared_fs: bool = False,
              on_result: Callable[[PairResult], None] = lambda r: None,
              work: Callable[[PairJob], PairOutcome] = make_pair) -> tuple[list[PairResult], bool]:
    """Run the pairs: in ``jobs`` local processes, or as tasks on a Dask cluster (``cluster``:
    a scheduler address or ``local:N``; `captions.cluster`). Either way workers return contents
    and this process writes each pair's files atomically as its result arrives. Returns the
    results in input order and whether the batch was interrupted (SIGINT or SIGTERM), in which
    case pairs not started are absent. Losing the cluster's scheduler raises `ClusterError`
    after the pairs already done are written."""
    results: dict[str, PairResult] = {}
    todo = []
    for pair in pairs:
        if skip_existing and all(o.exists() for o in pair.outputs):
            results[pair.name] = PairResult(pair.name, "skipped", [str(o) for o in pair.outputs])
            on_result(results[pair.name])
        else:
            todo.append(pair)

    def finish(pair: Pair, outcome: PairOutcome) -> None:
        if pair.name in results:
            return                       # a task answered twice (retried after a lost worker)
        result = outcome.result
        if result.status == "ok":
            try:
                write_all_atomically(outcome.files)
            except CaptionsError as exc:
                result = replace(result, status="failed", error=str(exc), outputs=[])
        results[pair.name] = result
        on_result(result)

    interrupted = False
    previous_term = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        if cluster is not None:
            from .cluster import connect

            with connect(cluster) as executor:
                interrupted = _run_on(executor, todo, rules, speaker_labels, shared_fs, 1, executor.window(),
                                      work, finish)
        else:
            asked = jobs
            jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
            if jobs == 1:        # one pair at a time: each may use the cores, unless one job was asked for
                for pair in todo:
                    finish(pair, work(ship(pair, rules, speaker_labels, True, 1 if asked == 1 else None)))
            else:
                with ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts) as pool:
                    interrupted = _run_on(pool, todo, rules, speaker_labels, True, 1, jobs * 2, work, finish)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        signal.signal(signal.SIGTERM, previous_term)
    return [results[p.name] for p in pairs if p.name in results], interrupted


def _run_on(executor, todo: list[Pair], rules, speaker_labels, shared_fs, jobs, window: int, work, finish) -> bool:
    """Submit the pairs to ``executor`` (a few ahead of the results, so a huge batch never holds
    every pair's bytes at once) and finish each as it completes. On an interrupt, pairs not yet
    started are cancelled and running ones finish whole. Returns whether it was interrupted."""
    pending: dict[Future, Pair] = {}
    queue = list(todo)
    try:
        while queue or pending:
            while queue and len(pending) < max(window, 1):
                pair = queue.pop(0)
                try:
                    job = ship(pair, rules, speaker_labels, shared_fs, jobs)
                except CaptionsError as exc:     # an input this client cannot read
                    finish(pair, PairOutcome(PairResult(pair.name, "failed", error=str(exc)), []))
                    continue
                pending[executor.submit(work, job)] = pair
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                pair = pending.pop(future)
                finish(pair, _outcome(future, pair))
    except KeyboardInterrupt:
        for future in pending:
            future.cancel()
        for future, pair in pending.items():   # running pairs finish and are written whole
            if not future.cancelled():
                try:
                    finish(pair, _outcome(future, pair))
                except (KeyboardInterrupt, ClusterError):
                    break
        return True
    return False


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


def per_worker(results: list[PairResult]) -> list[tuple[str, int, float]]:
    """(worker, pairs made, seconds busy) for each worker, busiest first."""
    rows: dict[str, list] = {}
    for r in results:
        if r.worker:
            row = rows.setdefault(r.worker, [0, 0.0])
            row[0] += 1
            row[1] += r.seconds
    return sorted(((w, n, busy) for w, (n, busy) in rows.items()), key=lambda row: -row[1])


def format_workers(results: list[PairResult]) -> str:
    """Each worker's share of the batch: where a cluster's time went."""
    rows = per_worker(results)
    lines = [f"{w}: {n} pairs, {busy:.1f} s busy, {n / max(busy, 1e-3) * 60:.1f} pairs a minute"
             for w, n, busy in rows]
    return "\n".join(["workers:", *("  " + line for line in lines)]) if lines else "workers: none answered"
