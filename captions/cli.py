"""The `captions` command: turns options into values, calls the library, sets exit codes.

Exit codes: 0 done, 2 bad input or usage (one line on stderr naming the file and the problem).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import CaptionsError, OutputError
from .rules import CaptionRules

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Subtitles from a timestamped transcript and a clean edited text of the same recording.")

DEFAULTS = CaptionRules()


@app.callback()
def _group() -> None:
    """Subtitles from a timestamped transcript and a clean edited text of the same recording."""


@app.command()
def make(
    transcript: Annotated[Path, typer.Argument(help="Timestamped transcript (Rev web copy or TXT export).")],
    text: Annotated[Path, typer.Argument(help="Clean edited text of the same recording (blog post, article).")],
    output: Annotated[Optional[list[str]], typer.Option(
        "-o", "--output", help="Output file; .srt or .vtt. Repeat for several. '-' writes to stdout.")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help="srt or vtt, for '-o -' or to override the extension.")] = None,
    fps: Annotated[float, typer.Option(help="Frame rate the gaps are counted in (23.976, 24, 25, 29.97, 30...).")] = DEFAULTS.fps,
    max_chars: Annotated[int, typer.Option(help="Characters a line.")] = DEFAULTS.max_chars_per_line,
    max_lines: Annotated[int, typer.Option(help="Lines a caption.")] = DEFAULTS.max_lines,
    max_cps: Annotated[float, typer.Option(help="Reading speed limit, characters a second.")] = DEFAULTS.max_chars_per_second,
    min_duration: Annotated[float, typer.Option(help="Seconds a caption stays up at least.")] = DEFAULTS.min_duration_ms / 1000,
    max_duration: Annotated[float, typer.Option(help="Seconds a caption stays up at most.")] = DEFAULTS.max_duration_ms / 1000,
    min_gap_frames: Annotated[int, typer.Option(help="Frames between captions at least.")] = DEFAULTS.min_gap_frames,
    chain_gap: Annotated[float, typer.Option(help="Gaps of this many seconds or less close to the minimum gap.")] = DEFAULTS.chain_gap_ms / 1000,
    linger: Annotated[float, typer.Option(help="Seconds a caption stays after its last word ends.")] = DEFAULTS.linger_ms / 1000,
    speaker_labels: Annotated[bool, typer.Option("--speaker-labels", help="Show the speaker's name at each change.")] = False,
    report: Annotated[Optional[Path], typer.Option(help="Write warnings and alignment figures to this JSON file.")] = None,
    min_aligned: Annotated[float, typer.Option(help="Refuse when less of the text than this share matches.")] = 0.25,
    force: Annotated[bool, typer.Option("--force", help="Make captions even when the texts hardly match.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")] = False,
) -> None:
    """Make captions: align TEXT to TRANSCRIPT, time every word, cut by caption rules, write SRT/VTT."""
    from .pipeline import make_captions
    from .writers import format_captions, format_for, write_all_atomically

    try:
        try:
            rules = CaptionRules(
                max_chars_per_line=max_chars, max_lines=max_lines, max_chars_per_second=max_cps,
                min_duration_ms=round(min_duration * 1000), max_duration_ms=round(max_duration * 1000),
                min_gap_frames=min_gap_frames, fps=fps, chain_gap_ms=round(chain_gap * 1000),
                linger_ms=round(linger * 1000))
        except ValueError as exc:
            raise CaptionsError(f"bad caption rule: {exc}") from None
        outputs = output or [str(text.with_suffix(".srt"))]
        if outputs.count("-") and not fmt:
            raise CaptionsError("'-o -' needs --format srt or --format vtt")
        formats = [format_for(o if o != "-" else f"stdout.{fmt}", fmt) for o in outputs]
        for o in outputs:
            if o != "-" and Path(o).resolve() in (transcript.resolve(), text.resolve()):
                raise OutputError("is an input; refusing to overwrite it", o)
        result = make_captions(transcript, text, rules, speaker_labels=speaker_labels,
                               min_aligned=min_aligned, force=force)
        files = [(o, format_captions(result.captions, f)) for o, f in zip(outputs, formats)]
        if report:
            files.append((str(report), json.dumps(result.report.as_dict(), indent=2, ensure_ascii=False) + "\n"))
        write_all_atomically([(o, content) for o, content in files if o != "-"])
        for o, content in files:
            if o == "-":
                sys.stdout.write(content)
                sys.stdout.flush()
    except CaptionsError as exc:
        _fail(exc)
    if not quiet:
        _summarize(result.report, [o for o in outputs if o != "-"])


@app.command()
def batch(
    inputs: Annotated[Optional[list[Path]], typer.Argument(help="Folders or files to pair by name.")] = None,
    output_dir: Annotated[Path, typer.Option("-o", "--output-dir", help="Folder for the captions.")] = Path("."),
    formats: Annotated[str, typer.Option("--format", "-f", help="Formats to write, comma-separated.")] = "srt",
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Pairs at once (default: all cores).")] = None,
    manifest: Annotated[Optional[Path], typer.Option(help="CSV of transcript,text[,output] rows.")] = None,
    skip_existing: Annotated[bool, typer.Option("--skip-existing", help="Skip pairs whose outputs all exist.")] = False,
    speaker_labels: Annotated[bool, typer.Option("--speaker-labels", help="Show the speaker's name at each change.")] = False,
    report: Annotated[Optional[Path], typer.Option(help="Write the summary and every pair's result as JSON.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary and errors.")] = False,
) -> None:
    """Make captions for many pairs: NAME.rev.txt / NAME.transcript.* with NAME.txt / NAME.clean.* /
    NAME.blog.*, or the rows of --manifest. Exit 0 all ok, 1 some pairs failed, 2 usage error."""
    from .batch import find_pairs, format_table, read_manifest, run_batch, summary
    from .writers import WRITERS, write_atomically

    try:
        wanted = [f.strip().lower().lstrip(".") for f in formats.split(",") if f.strip()]
        unknown = [f for f in wanted if f not in WRITERS]
        if unknown or not wanted:
            raise CaptionsError(f"unknown format {', '.join(unknown) or formats!r}; use {', '.join(sorted(WRITERS))}")
        if jobs is not None and jobs < 1:
            raise CaptionsError("--jobs must be at least 1")
        if not inputs and not manifest:
            raise CaptionsError("give folders or files to pair, or --manifest")
        if output_dir.exists() and not output_dir.is_dir():
            raise CaptionsError("is not a folder", str(output_dir))
        output_dir.mkdir(parents=True, exist_ok=True)
        plan = read_manifest(manifest, output_dir, wanted) if manifest else find_pairs(inputs or [], output_dir, wanted)
        if manifest and inputs:
            extra = find_pairs(inputs, output_dir, wanted)
            plan.pairs.extend(extra.pairs)
            plan.unpaired.extend(extra.unpaired)
        for line in plan.unpaired:
            typer.echo(f"unpaired: {line}", err=True)
        if not plan.pairs:
            raise CaptionsError("no pairs found (NAME.rev.txt with NAME.txt, NAME.clean.* or NAME.blog.*)")
        results, interrupted = _run_with_progress(plan.pairs, run_batch, jobs, skip_existing, speaker_labels, quiet)
        figures = summary(results, plan.unpaired, interrupted, len(plan.pairs))
        if report:
            write_atomically(report, json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    except CaptionsError as exc:
        _fail(exc)
    typer.echo(format_table(results), err=True)
    typer.echo(f"{figures['ok']} ok, {figures['failed']} failed, {figures['skipped']} skipped"
               + (f", {figures['not_run']} not run (interrupted)" if interrupted else "")
               + f"; {figures['captions']} captions written", err=True)
    if interrupted:
        raise typer.Exit(130)
    if figures["failed"]:
        raise typer.Exit(1)


def _run_with_progress(pairs, run_batch, jobs, skip_existing, speaker_labels, quiet):
    """A progress bar on a terminal; a plain line per pair otherwise (CI, logs)."""
    rules = CaptionRules()
    if sys.stderr.isatty() and not quiet:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      transient=True) as bar:
            task = bar.add_task("pairs", total=len(pairs))
            return run_batch(pairs, rules, jobs, skip_existing=skip_existing, speaker_labels=speaker_labels,
                             on_result=lambda r: bar.advance(task))
    done = 0

    def line(result) -> None:
        nonlocal done
        done += 1
        if not quiet or result.status == "failed":
            detail = result.error if result.status == "failed" else f"{result.captions} captions"
            typer.echo(f"[{done}/{len(pairs)}] {result.name}: {result.status} ({detail})", err=True)

    return run_batch(pairs, rules, jobs, skip_existing=skip_existing, speaker_labels=speaker_labels, on_result=line)


def _summarize(report, written: list[str]) -> None:
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    where = ", ".join(written) if written else "stdout"
    typer.echo(f"captions: {report.captions} captions to {where}; {report.aligned_share:.1%} of the kept text "
               f"matched the transcript, {len(report.dropped_lines)} line(s) dropped", err=True)


def _fail(exc: CaptionsError) -> None:
    typer.echo(f"captions: error: {exc}", err=True)
    raise typer.Exit(2)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv`` and return the exit code (tests call this in-process)."""
    try:
        app(args=argv, prog_name="captions")
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except KeyboardInterrupt:
        typer.echo("captions: interrupted", err=True)
        return 130
    return 0
