"""The `captions` command: turns options into values, calls the library, sets exit codes.

Exit codes: 0 done; 1 some batch pairs failed, or `check` found a hard breach; 2 bad input or
usage (one line on stderr naming the file and the problem); 130 interrupted.
"""
from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperCommand

from .errors import CaptionsError, InputError, OutputError
from .formats import help_text

# Plain help (click's): paragraphs rewrapped to the terminal rather than broken where the source
# breaks them, and no boxes; usage errors are one line (see `main`).
app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  rich_markup_mode=None,
                  help="Subtitles from a timestamped transcript and a clean edited text of the same recording.")

PRESET_NAMES = "netflix, netflix-kids, bbc, youtube, cea608, vertical"

# Caption-rule options, shared by the commands that apply rules. None means "not set", so that
# captions.toml and --preset decide; a flag the user sets beats both.
PresetOption = Annotated[Optional[str], typer.Option("--preset", help=f"Rule preset: {PRESET_NAMES} (default netflix).")]
ConfigOption = Annotated[Optional[Path], typer.Option("--config", help="Rules file (default: ./captions.toml if present).")]
MaxChars = Annotated[Optional[int], typer.Option("--max-chars", help="Characters a line.")]
MaxLines = Annotated[Optional[int], typer.Option("--max-lines", help="Lines a caption.")]
MaxCps = Annotated[Optional[float], typer.Option("--max-cps", help="Reading speed limit, characters a second.")]
MinDuration = Annotated[Optional[float], typer.Option("--min-duration", help="Seconds a caption stays up at least.")]
MaxDuration = Annotated[Optional[float], typer.Option("--max-duration", help="Seconds a caption stays up at most.")]
MinGapFrames = Annotated[Optional[int], typer.Option("--min-gap-frames", help="Frames between captions at least (0: back to back allowed).")]
Fps = Annotated[Optional[float], typer.Option("--fps", help="Frame rate (23.976, 24, 25, 29.97, 30 ...).")]
ChainGap = Annotated[Optional[float], typer.Option("--chain-gap", help="Gaps of this many seconds or less close to the minimum gap.")]
Linger = Annotated[Optional[float], typer.Option("--linger", help="Seconds a caption stays after its last word.")]
SpeakerLabels = Annotated[bool, typer.Option("--speaker-labels", help="Show the speaker's name at each change.")]
VideoOption = Annotated[Optional[Path], typer.Option("--video", help=(
    "The video, to find its shot changes (--shots auto); default: --audio when it is a video."))]
ShotsOption = Annotated[Optional[str], typer.Option("--shots", help=(
    "Shot changes: a file (seconds or timecodes a line, Subtitle Edit .shotchanges, an EDL, an FFmpeg "
    "scene list) or 'auto' to find them in the video."))]
NoSounds = Annotated[bool, typer.Option("--no-sounds", help=(
    "Leave out sound captions ((Applause), [laughs], music): a delivery that is not SDH."))]


class _Command(TyperCommand):
    """Usage lines as click writes them (``SOURCE TARGET``), without typer's ``{SOURCE}``."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in super().collect_usage_pieces(ctx)]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import packages_distributions, version

        from .media import DISTRIBUTION

        # The distribution that installed this package (a checkout installed before the rename
        # is still called captions).
        names = packages_distributions().get(__package__, [])
        name = DISTRIBUTION if DISTRIBUTION in names or not names else names[0]
        try:
            number = version(name)
        except Exception:
            number = "(not installed)"
        typer.echo(f"captions {number}")
        raise typer.Exit(0)


@app.callback()
def _group(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Subtitles from a timestamped transcript and a clean edited text of the same recording."""


def _settings(config: Path | None) -> tuple[Path | None, dict | None]:
    """The settings file (``--config``, else ./captions.toml if there is one) and its checked keys."""
    from .config import find_config, load_config

    if config is not None and not config.is_file():
        raise InputError("no such file", str(config))
    path = config or find_config(Path.cwd())
    return path, (load_config(path) if path else None)


def _rule_flags(parameters: dict) -> dict:
    """The caption-rule flags among a command's parameters (its ``locals()``), by their names in
    the settings file (`captions.config.RULE_KEYS`): the one list make, batch and check share
    (check takes the flags it checks by, not chain_gap or linger)."""
    from .config import RULE_KEYS

    return {key: parameters[key] for key in RULE_KEYS if key in parameters}


def _rules(preset: str | None, settings: tuple[Path | None, dict | None], flags: dict, ignore: str | None = None):
    """Flags over the settings file over the preset over the defaults; with ``ignore`` (check),
    also the rules to leave out: the flag's, else the file's."""
    from .config import ignored_rules, resolve_rules

    path, data = settings
    try:
        rules = resolve_rules(preset, data, flags)
    except ValueError as exc:
        message = str(exc)
        for key, value in flags.items():
            if value is not None and message.startswith(key):    # a flag's own value: name the flag
                raise CaptionsError(f"--{key.replace('_', '-')}{message[len(key):]}") from None
        raise CaptionsError(f"bad caption rule: {exc}") from None
    if ignore is None and data is None:
        return rules, frozenset()
    try:
        return rules, ignored_rules(ignore if ignore is not None else data.get("ignore", []))
    except ValueError as exc:
        raise CaptionsError(f"--{exc}" if ignore is not None else str(exc), None if ignore is not None else str(path)) from None


def _number(option: str, value: float | None, low: float, high: float, low_allowed: bool = True) -> None:
    """Refuse nan, infinities and values out of [low, high] with one line naming the option."""
    if value is None:
        return
    if not math.isfinite(value) or value < low or value > high or (value == low and not low_allowed):
        raise CaptionsError(f"{option} must be {'at least' if low_allowed else 'above'} {low:g} "
                            f"and at most {high:g}, not {value}")


@app.command(cls=_Command)
def make(
    transcript: Annotated[Path, typer.Argument(metavar="TRANSCRIPT", help=(
        "When the words were spoken: a Rev transcript (text, DOCX or API JSON), Whisper or word-list "
        "JSON, or captions (SRT, WebVTT, SBV) to retime."))],
    text: Annotated[Path, typer.Argument(metavar="TEXT", help="Clean edited text of the same recording: .txt, .md, .docx or a saved .html page.")],
    output: Annotated[Optional[list[str]], typer.Option(
        "-o", "--output", help=f"Output file, format from its extension ({help_text('write')}). "
                               "Repeat for several. '-' writes to stdout.")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help=(
        "Format for '-o -' or to override the extension; 'all' or a list (srt,vtt,ass) writes each "
        "beside the first output."))] = None,
    preset: PresetOption = None, config: ConfigOption = None,
    max_chars: MaxChars = None, max_lines: MaxLines = None, max_cps: MaxCps = None,
    min_duration: MinDuration = None, max_duration: MaxDuration = None, min_gap_frames: MinGapFrames = None,
    fps: Fps = None, chain_gap: ChainGap = None, linger: Linger = None,
    offset: Annotated[Optional[str], typer.Option(help="Shift every time: seconds (3600), hh:mm:ss.mmm or timecode 01:00:00:00.")] = None,
    snap_frames: Annotated[bool, typer.Option("--snap-frames", help="Put every start and end on a frame of --fps.")] = False,
    speaker_labels: SpeakerLabels = False,
    report: Annotated[Optional[Path], typer.Option(help="Write warnings, alignment figures and the check as JSON.")] = None,
    min_aligned: Annotated[float, typer.Option(help="Refuse when less of the text than this share matches.")] = 0.25,
    force: Annotated[bool, typer.Option("--force", help="Make captions even when the texts hardly match.")] = False,
    audio: Annotated[Optional[Path], typer.Option("--audio", help=(
        "The recording (mp3, m4a, wav, flac, ogg/opus, mp4, mkv, mov): hear when each word is said "
        "(needs the audio extra; the error says how to install it)."))] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help=(
        "Processes that listen to --audio (default: all cores)."))] = None,
    no_sounds: NoSounds = False,
    video: VideoOption = None, shots: ShotsOption = None,
    shot_snap: Annotated[Optional[int], typer.Option("--shot-snap-frames", help=(
        "Caption edges this close to a cut move onto it (Netflix: 7 frames at 24 fps)."))] = None,
    shot_cross: Annotated[Optional[int], typer.Option("--shot-cross-frames", help=(
        "A caption crossing a cut stays this long on each side of it (12 frames at 24 fps)."))] = None,
    shot_gap: Annotated[Optional[int], typer.Option("--shot-gap-frames", help=(
        "Frames an out-time keeps before a cut (2)."))] = None,
    review: Annotated[Optional[Path], typer.Option("--review", help=(
        "Also write the review page (HTML) of these captions; with --audio it plays the recording."))] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")] = False,
) -> None:
    """Make captions of TEXT timed by TRANSCRIPT.

    Aligns TEXT to TRANSCRIPT, times every word, cuts captions by caption rules and writes them:
    SRT, WebVTT, TTML, iTT, SBV, ASS, JSON, FCPXML, SCC, EBU-STL."""
    from .outputs import STDOUT, plan_outputs, refuse_inputs
    from .pipeline import format_result, make_captions
    from .timecode import parse_offset
    from .writers import write_all_atomically

    try:
        rules, _ = _rules(preset, _settings(config), _rule_flags(locals()))
        _number("--min-aligned", min_aligned, 0, 1)
        _number("--jobs", jobs, 1, MAX_JOBS)
        rules = _sounds(rules, no_sounds)
        offset_ms = _offset(offset, rules.fps, parse_offset)
        cuts = _cuts(shots, video, audio, rules.fps)
        shot_rules = _shot_rules(cuts, rules.fps, shot_snap, shot_cross, shot_gap)
        planned = plan_outputs(output, fmt, text)
        refuse_inputs([o for o, _ in planned] + ([review] if review else []), [transcript, text, audio])
        if audio is not None:
            from .media import require_audio_extra

            require_audio_extra()
        with _audio_progress(audio is not None and not quiet) as progress:
            result = make_captions(transcript, text, rules, speaker_labels=speaker_labels, min_aligned=min_aligned,
                                   force=force, offset_ms=offset_ms, snap_frames=snap_frames, audio=audio,
                                   jobs=jobs, progress=progress, shots=cuts, shot_rules=shot_rules)
        files = [(o, format_result(result, f, rules, snap_frames, offset_ms)) for o, f in planned]
        if review:
            from .review import review_page

            page = json.loads(format_result(result, "json", rules, snap_frames))
            files.append((str(review), review_page(page, audio, review, rules=rules, name=text.stem)))
        if report:
            files.append((str(report), json.dumps(result.report.as_dict(), indent=2, ensure_ascii=False) + "\n"))
        write_all_atomically([(o, content) for o, content in files if o != STDOUT])
        for o, content in files:
            if o == STDOUT:
                _write(o, content)
    except CaptionsError as exc:
        _fail(exc)
    if not quiet:
        _summarize(result.report, [o for o, _ in planned if o != STDOUT])


_VIDEO_SUFFIXES = (".mp4", ".m4v", ".mkv", ".mov", ".webm", ".avi", ".mxf")


def _cuts(shots: str | None, video: Path | None, audio: Path | None, fps: float) -> list[int] | None:
    """The picture's cuts (ms) for ``--shots FILE|auto``: read from the list, or found in the video
    (``--video``, else ``--audio`` when it is a video)."""
    if shots is None:
        return None
    from .shots import find_shots

    media = video or (audio if audio is not None and audio.suffix.lower() in _VIDEO_SUFFIXES else None)
    return find_shots(shots, media, fps)


def _shot_rules(cuts, fps: float, snap: int | None, cross: int | None, gap: int | None):
    """Netflix's shot-change rules at ``fps``, with the frames the user set."""
    if cuts is None:
        return None
    from .shots import ShotRules

    frames = {k: v for k, v in dict(snap_frames=snap, min_cross_frames=cross, gap_frames=gap).items() if v is not None}
    try:
        return ShotRules.for_fps(fps, **frames)
    except ValueError as exc:
        raise CaptionsError(f"bad shot rule: {exc}") from None


def _sounds(rules, no_sounds: bool):
    """Rules without sound captions (``--no-sounds``: a non-SDH delivery)."""
    from dataclasses import replace

    return replace(rules, sound_captions=False) if no_sounds else rules


class _audio_progress:
    """A progress bar over the recording's length while it is heard, on a terminal only."""

    def __init__(self, wanted: bool):
        self.bar = None
        if wanted and sys.stderr.isatty():
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("listening"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                                TimeRemainingColumn(), transient=True)

    def __enter__(self):
        if self.bar is None:
            return None
        self.bar.start()
        task = self.bar.add_task("listening", total=None)

        def update(done_ms: int, total_ms: int | None) -> None:
            self.bar.update(task, completed=done_ms, total=total_ms)

        return update

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def _offset(text: str | None, fps: float, parse, option: str = "--offset") -> int:
    if not text:
        return 0
    try:
        return parse(text, fps)
    except ValueError as exc:
        raise CaptionsError(f"{option}: {exc}") from None


@app.command(cls=_Command)
def batch(
    inputs: Annotated[Optional[list[Path]], typer.Argument(metavar="[INPUTS]...", help="Folders or files to pair by name.")] = None,
    output_dir: Annotated[Path, typer.Option("-o", "--output-dir", help="Folder for the captions.")] = Path("."),
    formats: Annotated[str, typer.Option("--format", "-f", help="Formats to write: a comma list (srt,vtt) or 'all'.")] = "srt",
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Pairs at once (default: all cores).")] = None,
    manifest: Annotated[Optional[Path], typer.Option(help="CSV of transcript,text[,output] rows.")] = None,
    skip_existing: Annotated[bool, typer.Option("--skip-existing", help="Skip pairs whose outputs all exist.")] = False,
    preset: PresetOption = None, config: ConfigOption = None,
    max_chars: MaxChars = None, max_lines: MaxLines = None, max_cps: MaxCps = None,
    min_duration: MinDuration = None, max_duration: MaxDuration = None, min_gap_frames: MinGapFrames = None,
    fps: Fps = None, chain_gap: ChainGap = None, linger: Linger = None,
    speaker_labels: SpeakerLabels = False,
    report: Annotated[Optional[Path], typer.Option(help="Write the summary and every pair's result as JSON.")] = None,
    audio: Annotated[bool, typer.Option("--audio", help=(
        "Time each pair from its recording: NAME.mp3, NAME.mp4 ... beside it (or the manifest's 4th column)."))] = False,
    cluster: Annotated[Optional[str], typer.Option("--cluster", envvar="CAPTIONS_CLUSTER", help=(
        "Run the pairs on a Dask cluster: its scheduler (tcp://host:8786), or local:N worker processes."))] = None,
    shared_fs: Annotated[bool, typer.Option("--shared-fs", help=(
        "With --cluster: every machine sees the inputs at the same paths, so send paths, not the files."))] = False,
    no_sounds: NoSounds = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary and errors.")] = False,
) -> None:
    """Make captions for many pairs of transcript and text.

    Pairs: NAME.rev.txt or NAME.transcript.* with NAME.txt, NAME.clean.* or NAME.blog.*. Exit 0
    all ok, 1 some pairs failed, 2 usage error."""
    from dataclasses import replace

    from .batch import find_pairs, format_table, format_workers, read_manifest, run_batch, summary
    from .writers import formats_for, write_atomically

    try:
        settings = _settings(config)
        cluster = cluster or (settings[1] or {}).get("cluster")
        rules, _ = _rules(preset, settings, _rule_flags(locals()))
        rules = _sounds(rules, no_sounds)
        wanted = formats_for(formats)
        _number("--jobs", jobs, 1, MAX_JOBS)
        if not inputs and not manifest:
            raise CaptionsError("give folders or files to pair, or --manifest")
        if output_dir.exists() and not output_dir.is_dir():
            raise CaptionsError("is not a folder", str(output_dir))
        if shared_fs and not cluster:
            raise CaptionsError("--shared-fs goes with --cluster")
        plan = (read_manifest(manifest, output_dir, wanted) if manifest
                else find_pairs(inputs or [], output_dir, wanted, audio=audio))
        if manifest and inputs:
            extra = find_pairs(inputs, output_dir, wanted, audio=audio)
            plan.pairs.extend(extra.pairs)
            plan.unpaired.extend(extra.unpaired)
        for line in plan.unpaired:
            typer.echo(f"unpaired: {line}", err=True)
        if not plan.pairs:
            raise CaptionsError("no pairs found (NAME.rev.txt with NAME.txt, NAME.clean.* or NAME.blog.*)")
        if audio:
            from .media import require_audio_extra

            require_audio_extra()
            for pair in plan.pairs:
                if pair.audio is None and not quiet:
                    typer.echo(f"warning: {pair.name}: no recording (NAME.mp3, NAME.mp4 ...); timed from the text",
                               err=True)
        else:
            plan.pairs[:] = [replace(pair, audio=None) for pair in plan.pairs]
        output_dir.mkdir(parents=True, exist_ok=True)
        results, interrupted = _run_with_progress(plan.pairs, rules, run_batch, jobs, skip_existing, speaker_labels,
                                                  quiet, cluster, shared_fs)
        figures = summary(results, plan.unpaired, interrupted, len(plan.pairs))
        if report:
            write_atomically(report, json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    except CaptionsError as exc:
        _fail(exc)
    typer.echo(format_table(results), err=True)
    if cluster:
        typer.echo(format_workers(results), err=True)
    typer.echo(f"{figures['ok']} ok, {figures['failed']} failed, {figures['skipped']} skipped"
               + (f", {figures['not_run']} not run (interrupted)" if interrupted else "")
               + f"; {figures['captions']} captions written", err=True)
    if interrupted:
        raise typer.Exit(130)
    if figures["failed"]:
        raise typer.Exit(1)


def _run_with_progress(pairs, rules, run_batch, jobs, skip_existing, speaker_labels, quiet, cluster, shared_fs):
    """A progress bar on a terminal; a plain line per pair otherwise (CI, logs). A lost cluster
    still leaves the pairs done written, and says how many were."""
    from .errors import ClusterError

    done: list = []
    options = dict(skip_existing=skip_existing, speaker_labels=speaker_labels, cluster=cluster, shared_fs=shared_fs)
    try:
        if sys.stderr.isatty() and not quiet:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                          TextColumn("{task.fields[rate]}"), transient=True) as bar:
                task = bar.add_task("pairs", total=len(pairs), rate="")

                def advance(result) -> None:
                    done.append(result)
                    bar.update(task, advance=1, rate=_worker_rate(done))

                return run_batch(pairs, rules, jobs, on_result=advance, **options)

        def line(result) -> None:
            done.append(result)
            if not quiet or result.status == "failed":
                detail = result.error if result.status == "failed" else f"{result.captions} captions"
                typer.echo(f"[{len(done)}/{len(pairs)}] {result.name}: {result.status} ({detail})", err=True)

        return run_batch(pairs, rules, jobs, on_result=line, **options)
    except ClusterError as exc:
        written = sum(1 for r in done if r.status == "ok")
        raise ClusterError(f"{exc.message} ({written} of {len(pairs)} pairs written)") from None


def _worker_rate(results) -> str:
    """Pairs a minute for each worker so far, for the progress bar."""
    from .batch import per_worker

    rows = per_worker(results)
    return ", ".join(f"{w}: {n / max(busy, 1e-3) * 60:.1f}/min" for w, n, busy in rows[:4])


@app.command(cls=_Command)
def review(
    captions_json: Annotated[Path, typer.Argument(metavar="CAPTIONS.json", help=(
        "The JSON output of captions make (or a review page's JSON export)."))],
    media: Annotated[Optional[Path], typer.Option("--media", help=(
        "The recording: played from the page by its path relative to it, its waveform drawn."))] = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help=(
        "The page (default: NAME.review.html beside the JSON)."))] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")] = False,
) -> None:
    """Write one HTML page to review the captions before delivery.

    Watch them over the recording, see which to doubt, fix them and export SRT, WebVTT and JSON:
    no server, no network, opened from the file system."""
    from .outputs import refuse_inputs
    from .review import write_review

    target = output or captions_json.with_suffix(".review.html")
    try:
        refuse_inputs([target], [captions_json, media])
        write_review(captions_json, media, target)
    except CaptionsError as exc:
        _fail(exc)
    if not quiet:
        typer.echo(f"captions: wrote {target}", err=True)


@app.command(cls=_Command)
def check(
    files: Annotated[list[Path], typer.Argument(metavar="FILES...", help="SRT or WebVTT files to check.")],
    preset: PresetOption = None, config: ConfigOption = None,
    max_chars: MaxChars = None, max_lines: MaxLines = None, max_cps: MaxCps = None,
    min_duration: MinDuration = None, max_duration: MaxDuration = None, min_gap_frames: MinGapFrames = None,
    fps: Fps = None,
    ignore: Annotated[Optional[str], typer.Option("--ignore", help=(
        "Rules not to check, a comma list: chars_per_line, lines, too_long, gap, order, empty, "
        "reading_speed, too_short, bad_break (default: captions.toml's ignore)."))] = None,
    shots: ShotsOption = None, video: VideoOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the breaches and summaries as JSON.")] = False,
) -> None:
    """Check caption files against caption rules.

    Every breach with its cue, time, value and limit. Exit 1 when a hard rule is broken (line length, lines, maximum duration, gap, order, empty);
    reading speed, short captions and line breaks are reported only, and so are edges that break
    the shot-change rules (--shots). A rule is relaxed by its option (--min-gap-frames 0) and
    turned off by --ignore."""
    from .check import check_captions, summarize
    from .readers.caption_files import read_captions
    from .timecode import vtt_time

    try:
        rules, ignored = _rules(preset, _settings(config), _rule_flags(locals()), ignore)
        cuts = _cuts(shots, video, None, rules.fps)
        checked = []
        for path in files:
            captions = read_captions(path)
            # 1 ms of slack: times snapped to frames round to whole ms (2 frames at 24 fps are 83 or 84 ms).
            breaches = check_captions(captions, rules, tolerance_ms=1, ignore=ignored)
            if cuts is not None:
                from .shots import check_shots

                breaches = sorted(breaches + check_shots(captions, cuts, rules), key=lambda b: b.cue)
            figures = summarize(breaches, len(captions))
            if cuts is not None:
                figures["shot_change"] = sum(b.rule == "shot_change" for b in breaches)
            checked.append((path, breaches, figures))
    except CaptionsError as exc:
        _fail(exc)
    if as_json:
        typer.echo(json.dumps([{"file": str(path), "summary": figures,
                                "breaches": [_breach_dict(b) for b in breaches]}
                               for path, breaches, figures in checked], indent=2, ensure_ascii=False))
    else:
        for path, breaches, figures in checked:
            for b in breaches:
                typer.echo(f"{path}: cue {b.cue} at {vtt_time(b.start_ms)}: {b.rule}: {b.message}")
            counts = ", ".join(f"{rule} {n}" for rule, n in figures.items()
                               if rule not in ("captions", "ok", "hard") and n)
            typer.echo(f"{path}: {figures['captions']} captions, {figures['ok']:.1%} with no breach"
                       + (f"; {counts}" if counts else "") + ("; FAILS a hard rule" if figures["hard"] else ""))
    if any(figures["hard"] for _, _, figures in checked):
        raise typer.Exit(1)


def _breach_dict(b) -> dict:
    return {"cue": b.cue, "start_ms": b.start_ms, "rule": b.rule, "value": b.value, "limit": b.limit,
            "message": b.message, "hard": b.hard}


InPlace = Annotated[bool, typer.Option("--in-place", help="Allow writing over the file read (replaced whole, atomically).")]


@app.command(cls=_Command)
def convert(
    source: Annotated[Path, typer.Argument(metavar="SOURCE", help="SRT or WebVTT file to read.")],
    target: Annotated[str, typer.Argument(metavar="TARGET", help=(
        "File to write, format from its extension; '-' writes to stdout in SOURCE's format."))],
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="Output format, to override the extension or for '-'.")] = None,
    in_place: InPlace = False,
) -> None:
    """Convert a caption file to another format.

    Cues, times, lines and markup are kept: italics, bold, underline, colours, voices and WebVTT classes are kept where the target format
    has them, and a warning names what it cannot carry; voices become 'NAME:' where the target
    has none. YouTube's roll-up auto-captions show each line once."""
    from .edit import drop_roll_up, read_caption_file

    try:
        doc = read_caption_file(source)
        target_fmt = _target_format(source, target, fmt, doc.fmt, in_place)
        cues, warnings = drop_roll_up(doc)
        _write_converted(doc, cues, target, target_fmt, warnings)
    except CaptionsError as exc:
        _fail(exc)


@app.command(cls=_Command)
def shift(
    source: Annotated[Path, typer.Argument(metavar="SOURCE", help="SRT or WebVTT file to read.")],
    by: Annotated[str, typer.Option("--by", help="How far: seconds (-2.5), hh:mm:ss.mmm or timecode hh:mm:ss:ff.")],
    output: Annotated[Optional[str], typer.Option("-o", "--output", help=(
        "File to write ('-' for stdout, in SOURCE's format); with --in-place, SOURCE by default."))] = None,
    start: Annotated[Optional[str], typer.Option("--from", help="Move only cues starting at or after this time.")] = None,
    fps: Annotated[float, typer.Option(help="Frame rate for timecodes with frames.")] = 24.0,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="Output format (default: the output's extension).")] = None,
    in_place: InPlace = False,
) -> None:
    """Move every cue (or every cue from --from on) by --by.

    The file's markup, cue settings and encoding are kept."""
    from .edit import read_caption_file
    from .edit import shift as shift_cues
    from .timecode import MAX_FPS, parse_offset

    try:
        if output is None:
            if not in_place:
                raise CaptionsError("give -o FILE (or -o - for stdout), or --in-place to rewrite SOURCE")
            output = str(source)
        _number("--fps", fps, 0, MAX_FPS, low_allowed=False)
        by_ms = _offset(by, fps, parse_offset, "--by")
        from_ms = _offset(start, fps, parse_offset, "--from") if start else None
        doc = read_caption_file(source)
        target_fmt = _target_format(source, output, fmt, doc.fmt, in_place)
        try:
            moved = shift_cues(list(doc.cues), by_ms, from_ms)
        except ValueError as exc:
            raise CaptionsError(str(exc), str(source)) from None
        _write_converted(doc, moved, output, target_fmt, [])
    except CaptionsError as exc:
        _fail(exc)


def _target_format(source: Path, target: str, fmt: str | None, source_fmt: str, in_place: bool) -> str:
    """The format to write, refusing to write over SOURCE unless --in-place: the same path, or
    the same file by another name (a link), as `make` refuses to overwrite its inputs."""
    from .writers import format_for

    if target == "-":
        return format_for("-", fmt or source_fmt)
    if not in_place and _same_file(source, Path(target)):
        raise OutputError("is the file being read; refusing to overwrite it (--in-place allows it)", target)
    return format_for(target, fmt)


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return b.exists() and a.samefile(b)
    except OSError:
        return False


def _write_converted(doc, cues, target: str, target_fmt: str, warnings: list[str]) -> None:
    from .edit import write_caption_file

    content, more = write_caption_file(doc, cues, target_fmt, where=target if target != "-" else "stdout")
    for warning in [*warnings, *more]:
        typer.echo(f"warning: {warning}", err=True)
    _write(target, content)


def _write(target: str, content: str | bytes) -> None:
    from .writers import write_atomically

    if target == "-":
        if isinstance(content, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(content)
            sys.stdout.flush()
    else:
        write_atomically(target, content)


MAX_JOBS = 1024
_DROPPED_LINE = re.compile(r".*:\d+: dropped, ")
MAX_WARNINGS_SHOWN = 30   # past this a terminal is flooded; --report keeps every one


def _summarize(report, written: list[str]) -> None:
    for warning in report.warnings[:MAX_WARNINGS_SHOWN]:
        typer.echo(f"warning: {warning}", err=True)
    if len(report.warnings) > MAX_WARNINGS_SHOWN:
        typer.echo(f"warning: ... and {len(report.warnings) - MAX_WARNINGS_SHOWN} more (--report FILE.json "
                   "lists them all)", err=True)
    where = ", ".join(written) if written else "stdout"
    check = report.rule_breaches
    # Every line left out is warned as "PATH:LINE: dropped, ...", whichever stage left it out (the
    # text reader: not in the transcript's script; the aligner: no counterpart): count those.
    dropped = sum(1 for w in report.warnings if _DROPPED_LINE.match(w))
    typer.echo(f"captions: {report.captions} captions to {where}; {report.aligned_share:.1%} of the kept text "
               f"matched the transcript, {dropped} line(s) dropped; "
               f"{check['ok']:.1%} of captions break no caption rule", err=True)
    if report.text_speakers:
        typer.echo(f"captions: speaker labels in the text: {', '.join(report.text_speakers)}", err=True)
    if report.audio:
        shares = report.audio["captions_timed_by"]
        typer.echo(f"captions: timed from the recording: {shares['audio']:.1%} of captions, "
                   f"{shares['mixed']:.1%} partly, {shares['text']:.1%} from the text only", err=True)


def _fail(exc: CaptionsError) -> None:
    typer.echo(f"captions: error: {exc}", err=True)
    raise typer.Exit(2)


def _interrupted(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv`` and return the exit code (tests call this in-process).

    SIGTERM is turned into the same interrupt as Ctrl-C, so staged output files are removed and
    no partial file is left either way."""
    import signal

    try:
        from typer import _click as click      # typer 0.2x carries its own click
    except ImportError:
        import click
    errors = click.exceptions
    no_args = getattr(errors, "NoArgsIsHelpError", ())   # click 8.2 on

    previous = signal.signal(signal.SIGTERM, _interrupted)
    try:
        code = app(args=argv, prog_name="captions", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except no_args as exc:
        typer.echo(exc.ctx.get_help(), err=True)
        return 2
    except errors.UsageError as exc:
        # One line, as for bad input, and where to look: not click's block of usage and error.
        typer.echo(f"captions: error: {' '.join(exc.format_message().split())}", err=True)
        args = sys.argv[1:] if argv is None else argv
        commands = {c.name or c.callback.__name__ for c in app.registered_commands}
        where = exc.ctx.command_path if exc.ctx is not None else \
            "captions" + (f" {args[0]}" if args and args[0] in commands else "")
        typer.echo(f"Try '{where} --help'.", err=True)
        return exc.exit_code
    except errors.ClickException as exc:
        typer.echo(f"captions: error: {' '.join(exc.format_message().split())}", err=True)
        return exc.exit_code
    except errors.Abort:
        typer.echo("captions: interrupted", err=True)
        return 130
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except KeyboardInterrupt:
        typer.echo("captions: interrupted", err=True)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0
