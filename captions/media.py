"""Reading a recording: any audio or video file as one channel of 16 kHz samples, in order.

PyAV carries FFmpeg's demuxers and decoders in its wheel, so mp3, m4a/aac, wav, flac, ogg/opus
and the audio of mp4, mkv and mov files decode in-process with no system program. The first
audio stream is down-mixed and resampled once, to what the recogniser listens to (16 kHz signed
16-bit mono). Samples arrive in blocks, so a 10-hour hearing (1.1 GB at this rate) never needs
to be held whole: the caller keeps what its current window needs.

PyAV and NumPy come with the ``audio`` extra; without it, a clear error says how to install it.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import CaptionsError, InputError

if TYPE_CHECKING:
    import numpy

SAMPLE_RATE = 16_000
MEDIA_SUFFIXES = (".mp3", ".m4a", ".aac", ".wav", ".flac", ".ogg", ".opus", ".mp4", ".mkv",
                  ".mov", ".webm", ".avi", ".mxf", ".wma")


def require_audio_extra() -> None:
    """Refuse with the install command when PyAV, NumPy or PocketSphinx is missing."""
    missing = []
    for module in ("av", "numpy", "pocketsphinx"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise CaptionsError(f"--audio needs {', '.join(missing)}: {audio_install_hint()}")


DISTRIBUTION = "captions-from-text"    # the name on the package index ("captions" there is another project)


def audio_install_hint() -> str:
    """How to add the audio extra to this install: from the checkout it runs from, if it runs
    from one (an editable install), else from the package index."""
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "captions" / "media.py").is_file():
        return f"pip install -e '{root}[audio]'" if root != Path.cwd().resolve() else "pip install -e '.[audio]'"
    return f"pip install '{DISTRIBUTION}[audio]'"


def media_duration_ms(path: str | Path) -> int | None:
    """The recording's length as its container states it, if it does (for progress bars)."""
    with open_media(path) as container:
        stream = _audio_stream(container, path)
        if stream.duration is not None and stream.time_base is not None:
            return int(stream.duration * stream.time_base * 1000)
        if container.duration is not None:
            return container.duration // 1000      # av.time_base is microseconds
    return None


def iter_samples(path: str | Path, rate: int = SAMPLE_RATE) -> Iterator[numpy.ndarray]:
    """The first audio stream of ``path`` as blocks of mono int16 samples at ``rate`` Hz."""
    import av

    name = str(path)
    with open_media(path) as container:
        stream = _audio_stream(container, path)
        resampler = av.AudioResampler(format="s16", layout="mono", rate=rate)
        try:
            for frame in container.decode(stream):
                for block in resampler.resample(frame):
                    yield block.to_ndarray().reshape(-1)
            for block in resampler.resample(None):
                yield block.to_ndarray().reshape(-1)
        except av.FFmpegError as exc:
            raise InputError(f"the audio cannot be decoded: {_reason(exc)}", name) from None
        except ValueError as exc:
            raise InputError(f"the audio cannot be decoded: {exc}", name) from None


def read_samples(path: str | Path, rate: int = SAMPLE_RATE) -> numpy.ndarray:
    """The whole recording at once (short files and tests; long ones go through `iter_samples`)."""
    import numpy

    blocks = list(iter_samples(path, rate))
    samples = numpy.concatenate(blocks) if blocks else numpy.empty(0, numpy.int16)
    if not len(samples):
        raise InputError("the recording has no audio samples", str(path))
    return samples


def open_media(path: str | Path, kind: str = "recording", decodable: str = "an audio or video file"):
    """The PyAV container of ``path``; a one-line `InputError` naming it when it is no ``kind``
    (a folder, missing, unreadable, not ``decodable``)."""
    import av

    name = str(path)
    p = Path(path)
    if p.is_dir():
        raise InputError(f"is a folder, not a {kind}", name)
    if not p.exists():
        raise InputError("no such file", name)
    try:
        return av.open(name, metadata_errors="ignore")
    except PermissionError:
        raise InputError("cannot read: permission denied", name) from None
    except av.FFmpegError as exc:
        raise InputError(f"not {decodable} that can be decoded ({_reason(exc)})", name) from None
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"not {decodable} that can be decoded ({exc})", name) from None


def _audio_stream(container, path: str | Path):
    stream = next((s for s in container.streams if s.type == "audio"), None)
    if stream is None:
        raise InputError("has no audio stream", str(path))
    return stream


def _reason(exc: Exception) -> str:
    """FFmpeg's own words without the file name PyAV appends."""
    text = getattr(exc, "strerror", None) or str(exc)
    return text.split(":")[0].strip() or type(exc).__name__
