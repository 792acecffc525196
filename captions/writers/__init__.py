"""Caption writers, one module a format, behind a registry from format name to writer.

A writer turns captions into text; `write_captions` puts it on disk atomically: a temporary file
beside the target, renamed over it only when complete, so a failed run leaves no partial file and
an existing file untouched.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import OutputError
from ..model import Caption
from .srt import format_srt
from .vtt import format_vtt

WRITERS: dict[str, Callable[[list[Caption]], str]] = {"srt": format_srt, "vtt": format_vtt}


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The format name for an output: ``fmt`` if given, else from the file's extension."""
    name = (fmt or Path(path).suffix.lstrip(".")).lower()
    if name == "webvtt":
        name = "vtt"
    if name not in WRITERS:
        known = ", ".join(sorted(WRITERS))
        raise OutputError(f"unknown caption format {name or '(no extension)'!r}; use one of: {known}", str(path))
    return name


def format_captions(captions: list[Caption], fmt: str) -> str:
    return WRITERS[format_for("", fmt)](captions)


def write_captions(captions: list[Caption], path: str | Path, fmt: str | None = None) -> None:
    """Write captions to ``path`` atomically, in ``fmt`` or the format its extension names."""
    text = format_captions(captions, format_for(path, fmt))
    write_atomically(path, text)


def _file_mode(target: Path) -> int:
    """The mode a plain new file gets (or the existing file's), not mkstemp's private 0600."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(path: str | Path, text: str) -> None:
    write_all_atomically([(path, text)])


def write_all_atomically(outputs: list[tuple[str | Path, str]]) -> None:
    """Write every output to a temporary file beside its target, then rename them all: when any
    cannot be written, none of the targets is touched."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in outputs:
            target = Path(path)
            if not target.parent.is_dir():
                raise OutputError("the folder does not exist", str(path))
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
            except OSError as exc:
                raise OutputError(f"cannot write here: {exc.strerror or exc}", str(path)) from None
            staged.append((tmp, target))
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                    out.write(text)
                os.chmod(tmp, _file_mode(target))
            except OSError as exc:
                raise OutputError(f"cannot write: {exc.strerror or exc}", str(path)) from None
        for tmp, target in staged:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise OutputError(f"cannot write: {exc.strerror or exc}", str(target)) from None
    finally:
        for tmp, _ in staged:
            try:
                os.unlink(tmp)
            except OSError:
                pass
