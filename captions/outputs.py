"""Where a run's captions go: each output file and its format, decided before any work is done.

``captions make`` names its outputs with ``-o`` (repeatable; ``-`` is stdout) and ``--format``
(one format, ``all`` or a comma list); with neither, ``TEXT.srt``. A list of formats writes one
file each beside the first output, named by its stem. Every mistake is an error before the
captions are made, and no output may be an input.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import CaptionsError, OutputError
from .formats import help_text
from .writers import format_for, formats_for

STDOUT = "-"


def plan_outputs(outputs: list[str] | None, fmt: str | None, text_path: str | Path) -> list[tuple[str, str]]:
    """(path or ``-``, format) for each output to write."""
    outputs = list(outputs) if outputs else [str(Path(text_path).with_suffix(".srt"))]
    if fmt and ("," in fmt or fmt.strip().lower() == "all"):
        if STDOUT in outputs:
            raise CaptionsError("'-o -' takes one format, not a list")
        formats = formats_for(fmt)
        return [(str(path), name) for path, name in zip(beside(Path(outputs[0]), formats), formats)]
    if STDOUT in outputs and not fmt:
        raise CaptionsError(f"'-o -' needs --format ({help_text('names')})")
    return [(o, format_for(o if o != STDOUT else f"stdout.{fmt}", fmt)) for o in outputs]


def beside(path: Path, formats: Iterable[str]) -> list[Path]:
    """One file a format beside ``path``, named by its stem: ``talk.srt`` -> ``talk.vtt``, ``talk.ass``."""
    stem = stem_of(path)
    return [stem.with_name(f"{stem.name}.{fmt}") for fmt in formats]


def stem_of(path: Path) -> Path:
    """``path`` without its extension, if it has one."""
    return path.with_suffix("") if path.suffix else path


def refuse_inputs(targets: Iterable[str | Path], inputs: Iterable[str | Path | None]) -> None:
    """An `OutputError` for the first target that is one of the inputs (stdout is none)."""
    read = [Path(p).resolve() for p in inputs if p is not None]
    for target in targets:
        if str(target) != STDOUT and Path(target).resolve() in read:
            raise OutputError("is an input; refusing to overwrite it", str(target))
