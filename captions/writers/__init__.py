"""Caption writers, one module a format, found through the registry of formats (`captions.formats`).

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
from pathlib import Path

from ..errors import OutputError
from ..formats import BY_NAME, FORMATS, find, load
from ..model import Caption

# Each writable format's writer, or until first used the "module:function" it is in: a run
# imports only the writers (and their libraries: pysubs2 for ASS alone costs 17 ms) it writes with.
WRITERS: dict[str, Callable[..., str] | str] = {f.name: f.write for f in FORMATS if f.write}


def writer_for(name: str) -> Callable[..., str]:
    """The registry format's writer, imported on first use."""
    writer = WRITERS[name]
    if isinstance(writer, str):
        writer = WRITERS[name] = load(writer, __name__)
    return writer


def _writable(name: str) -> str | None:
    fmt = find(name) if name else None
    return fmt.name if fmt and fmt.name in WRITERS else None


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The format name for an output: ``fmt`` if given, else from the file's extension."""
    name = (fmt or Path(path).suffix.lstrip(".")).lower()
    found = _writable(name)
    if found is None:
        known = ", ".join(sorted(WRITERS))
        raise OutputError(f"unknown caption format {name or '(no extension)'!r}; use one of: {known}", str(path))
    return found


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
    unknown = [part for part in wanted if _writable(part) is None]
    if unknown:
        raise OutputError(f"unknown caption format{'s' if len(unknown) > 1 else ''} "
                          f"{', '.join(repr(u) for u in unknown)}; use all or a comma list of: {known}")
    names: list[str] = []
    for part in wanted:
        name = _writable(part)
        if name not in names:
            names.append(name)
    return names


def format_captions(captions: list[Caption], fmt: str, *, fps: float | None = None,
                    start_ms: int = 0) -> str | bytes:
    """Captions as the text of format ``fmt`` (bytes for a binary format). ``fps`` is the frame
    rate for a format that counts in frames (iTT, FCPXML, EBU-STL; pass the rules' ``fps``);
    formats timed in milliseconds ignore it. ``start_ms`` is the timeline's start for a format
    that records it (FCPXML)."""
    name = format_for("", fmt)
    writer = writer_for(name)
    kwargs = {}
    if fps is not None and BY_NAME[name].takes_fps:
        kwargs["fps"] = fps
    if start_ms and BY_NAME[name].timeline_start:
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
