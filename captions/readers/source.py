"""Bytes to text: the encodings users' files come in, and clear errors for what is not text."""
from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import InputError

# A file larger than this is not a transcript or an article; refuse it before reading it whole.
MAX_BYTES = 512 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of formats people pass by mistake; named so the error says what the file is.
_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or similar)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"ID3", "an MP3 recording"),
    (b"RIFF", "a RIFF (WAV/AVI) media file"),
    (b"\x1a\x45\xdf\xa3", "a Matroska/WebM media file"),
    (b"OggS", "an Ogg media file"),
    (b"fLaC", "a FLAC recording"),
    (b"\x7fELF", "a program"),
)


def decode(data: bytes, path: str = "<text>") -> tuple[str, list[str]]:
    """Decode a text file's bytes: UTF-8 (BOM or not; damaged bytes replaced and warned once),
    UTF-16 (BOM or not), UTF-32 with a BOM, else Windows-1252. Returns the text with CRLF/CR
    turned into LF, and warnings."""
    warnings: list[str] = []
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                if encoding != "utf-8":
                    raise InputError(f"not valid {encoding.upper()} at byte {exc.start + len(bom)}", path) from None
                warnings.append(f"{path}: invalid UTF-8 at byte {exc.start + len(bom)}; "
                                "replaced the bad bytes with U+FFFD")
                text = data[len(bom):].decode(encoding, errors="replace")
            break
    if text is None:
        for signature, what in _SIGNATURES:
            if data.startswith(signature):
                raise InputError(f"this is {what}, not a text file", path)
        text = _decode_unmarked(data, path, warnings)
    if "\x00" in text:
        raise InputError("binary data (NUL bytes), not a text file", path)
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text[:4096]) // 50):
        raise InputError("binary data (control bytes), not a text file", path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, warnings


def _decode_unmarked(data: bytes, path: str, warnings: list[str]) -> str:
    sample = data[:4096]
    # UTF-16 without a BOM: every other byte of ASCII text is NUL.
    if len(sample) >= 4 and sample.count(0) > len(sample) // 3:
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        encoding = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            raise InputError("binary data, not a text file", path) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    # Valid multi-byte UTF-8 sequences before the bad byte mean the file is UTF-8 with damage;
    # otherwise it is a single-byte Windows encoding.
    if _looks_like_damaged_utf8(data):
        warnings.append(f"{path}: invalid UTF-8 at byte {first_bad}; replaced the bad bytes with U+FFFD")
        return data.decode("utf-8", errors="replace")
    return data.decode("cp1252", errors="replace").replace("\ufffd", "")


def _looks_like_damaged_utf8(data: bytes) -> bool:
    good = data.decode("utf-8", errors="ignore")
    multibyte = sum(1 for ch in good if ord(ch) > 127)
    bad = len(data) - len(good.encode("utf-8"))
    return multibyte > 0 and bad <= multibyte


class ShippedFile(str):
    """A file's bytes under its user's name: a batch client reads the inputs and ships them to a
    worker on another machine, whose readers then name the user's file in every message."""

    data: bytes

    def __new__(cls, name: str, data: bytes) -> "ShippedFile":
        shipped = super().__new__(cls, name)
        shipped.data = data
        return shipped

    def __reduce__(self):
        return ShippedFile, (str(self), self.data)

    @classmethod
    def read(cls, path: str | Path) -> "ShippedFile":
        """The file at ``path``, read here (errors as `read_file_bytes`)."""
        return cls(str(path), read_file_bytes(path))


def read_file_bytes(path: str | Path) -> bytes:
    """A file's bytes, refusing with one line naming the file: missing, a folder, too large,
    unreadable, empty."""
    if isinstance(path, ShippedFile):
        if not path.data.strip():
            raise InputError("the file is empty", str(path))
        return path.data
    p = Path(path)
    name = str(path)
    try:
        if p.is_dir():
            raise InputError("is a folder, not a file", name)
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"is {size // (1024 * 1024)} MiB; the limit is {MAX_BYTES // (1024 * 1024)} MiB", name)
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except PermissionError:
        raise InputError("cannot read: permission denied", name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", name) from None
    if not data.strip():
        raise InputError("the file is empty", name)
    return data


def read_text_file(path: str | Path) -> tuple[str, list[str]]:
    """Read and decode a text file; errors name the file."""
    return decode(read_file_bytes(path), str(path))
