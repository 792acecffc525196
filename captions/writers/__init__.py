"""Caption writers, one module a format, behind a registry from format name to writer.

| name | extensions | module | what reads it |
| --- | --- | --- | --- |
| ``srt`` | .srt | srt | everything: players, editors, YouTube, ffmpeg |
| ``vtt`` | .vtt (``webvtt``) | vtt | browsers, HLS, ffmpeg; voices as ``<v Name>`` |
| ``ttml`` | .ttml, .dfxp, .xml | ttml | TTML 1.0 / DFXP: Avid, Premiere, broadcast, IMSC 1 players |
| ``itt`` | .itt | itt | iTunes Timed Text: Final Cut Pro, Apple's stores |
| ``sbv`` | .sbv | sbv | YouTube |
| ``ass`` | .ass | ass | Aegisub, libass: ffmpeg burn-in, mpv |
| ``json`` | .json | jsonfmt | scripts and the review page: captions with their timed words |
| ``fcpxml`` | .fcpxml | fcpxml | Final Cut Pro, DaVinci Resolve: captions in a caption role |
| ``scc`` | .scc | scc | CEA-608 broadcast captions (29.97 drop-frame, pop-on) |
| ``stl`` | .stl | stl | EBU-STL (Tech 3264): European broadcast; bytes, not text |

A writer turns captions into text; `write_captions` puts it on disk atomically: a temporary file
beside the target, renamed over it only when complete, so a failed run leaves no partial file and
an existing file untouched. A registry name is also the extension a batch gives its outputs.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from ..errors import OutputError
from ..model import Caption

# Each format's writer, or until first used the module and function it is in: a run imports
# only the writers (and their libraries: pysubs2 for ASS alone costs 17 ms) it writes with.
WRITERS: dict[str, Callable[..., str] | str] = {
    "srt": "srt:format_srt", "vtt": "vtt:format_vtt", "ttml": "ttml:format_ttml", "itt": "itt:format_itt",
    "sbv": "sbv:format_sbv", "ass": "ass:format_ass", "json": "jsonfmt:format_json",
    "fcpxml": "fcpxml:format_fcpxml", "scc": "scc:format_scc", "stl": "stl:format_stl",
}
# The writers that count in frames and take the frame rate.
TAKES_FPS = {"itt", "fcpxml", "stl"}
# The writers whose file names the timeline's start (FCPXML's tcStart): with --offset, the captions'
# times are timeline times.
TAKES_START = {"fcpxml"}
# The writers that give bytes, not text (EBU-STL is a binary format).
BINARY = {"stl"}

# Other names and extensions for a registry format.
ALIASES = {"webvtt": "vtt", "dfxp": "ttml", "xml": "ttml"}


def writer_for(name: str) -> Callable[..., str]:
    """The registry format's writer, imported on first use."""
    writer = WRITERS[name]
    if isinstance(writer, str):
        module, function = writer.split(":")
        writer = WRITERS[name] = getattr(import_module(f"{__name__}.{module}"), function)
    return writer


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The format name for an output: ``fmt`` if given, else from the file's extension."""
    name = (fmt or Path(path).suffix.lstrip(".")).lower()
    name = ALIASES.get(name, name)
    if name not in WRITERS:
        known = ", ".join(sorted(WRITERS))
        raise OutputError(f"unknown caption format {name or '(no extension)'!r}; use one of: {known}", str(path))
    return name


def formats_for(spec: str) -> list[str]:
    """Registry names from ``--format``: ``all`` (every format, in registry order) or a comma
    list (``srt,vtt,ass``; case, spaces, a leading dot and aliases such as ``dfxp`` allowed),
    without repeats, in the order given. OutputError names any unknown format."""
    wanted = [part.strip().lower().lstrip(".") for part in spec.split(",")]
    wanted = [part for part in wanted if part]
    known = ", ".join(WRITERS)
    if not wanted:
        raise OutputError(f"no caption format given; use all or a comma list of: {known}")
    if "all" in wanted:
        return list(WRITERS)
    unknown = [part for part in wanted if ALIASES.get(part, part) not in WRITERS]
    if unknown:
        raise OutputError(f"unknown caption format{'s' if len(unknown) > 1 else ''} "
                          f"{', '.join(repr(u) for u in unknown)}; use all or a comma list of: {known}")
    names: list[str] = []
    for part in wanted:
        name = ALIASES.get(part, part)
        if name not in names:
            names.append(name)
    return names


def format_captions(captions: list[Caption], fmt: str, *, fps: float | None = None,
                    start_ms: int = 0) -> str | bytes:
    """Captions as the text of format ``fmt`` (bytes for a binary format, `BINARY`). ``fps`` is the
    frame rate for a format that counts in frames (iTT, FCPXML, EBU-STL; pass the rules' ``fps``);
    formats timed in milliseconds ignore it. ``start_ms`` is the timeline's start for a format that
    records it (FCPXML)."""
    name = format_for("", fmt)
    writer = writer_for(name)
    kwargs = {}
    if fps is not None and name in TAKES_FPS:
        kwargs["fps"] = fps
    if start_ms and name in TAKES_START:
        kwargs["start"] = start_ms
    return writer(captions, **kwargs)


def write_captions(captions: list[Caption], path: str | Path, fmt: str | None = None, *,
                   fps: float | None = None) -> None:
    """Write captions to ``path`` atomically, in ``fmt`` or the format its extension names."""
    text = format_captions(captions, format_for(path, fmt), fps=fps)
    write_atomically(path, text)


def _file_mode(target: Path) -> int:
    """The mode a plain new file gets (or the existing file's), not mkstemp's private 0600."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(path: str | Path, text: str | bytes) -> None:
    write_all_atomically([(path, text)])


def write_all_atomically(outputs: list[tuple[str | Path, str | bytes]]) -> None:
    """Write every output to a temporary file beside its target, then rename them all: when any
    cannot be written, none of the targets is touched. Text is written as UTF-8; bytes (a file
    kept in its own encoding) as they are."""
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
                with os.fdopen(fd, "wb") as out:
                    out.write(text if isinstance(text, bytes) else text.encode("utf-8"))
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
