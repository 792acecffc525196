"""Bytes to text: the encodings users' files come in, and clear errors for what is not text."""
from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

from ..errors import InputError

MiB = 1024 * 1024
# The most bytes a file of each kind may hold, each far past the longest real input, so that a
# mistaken file is refused before it is read and memory stays in hand: a run holds every word as
# objects, some 200-400 bytes a word, so the worst case (a word every 5 bytes) costs 20-65 times
# the file (benchmarks/memory.py); a real file of the same size has fewer words and costs less.
# Measured on the seed, 92 minutes of speech: its Rev text is 98 KB, its clean text 51 KB, its
# SRT 74 KB; YouTube's word-timed WebVTT takes 51 bytes a word, AWS Transcribe's JSON ~150
# (~250 pretty-printed), at 150 words a minute.
TEXT_LIMIT = 4 * MiB           # over 60 hours of Rev text, 100 hours of clean text
CAPTION_LIMIT = 8 * MiB        # over 18 hours of word-timed WebVTT, 150 hours of SRT
LIMITS = {
    "text": TEXT_LIMIT, "markdown": TEXT_LIMIT, "rev": TEXT_LIMIT,
    "srt": CAPTION_LIMIT, "vtt": CAPTION_LIMIT, "sbv": CAPTION_LIMIT,
    "html": 16 * MiB,          # a saved page: the article plus its scripts and styles
    "json": 32 * MiB,          # over 14 hours of pretty-printed AWS JSON, 40 of Whisper's
    "docx": 64 * MiB,          # the file, its pictures included
}
MAX_BYTES = max(LIMITS.values())   # checked on a file's size before it is read
ZIP_LIMIT = 256 * MiB          # a .docx unpacked, all its parts (python-docx loads them all)
ZIP_PART_LIMIT = 32 * MiB      # its word/document.xml: a Rev DOCX of 60 hours is under 16 MiB
# A Word document (.docx), as its readers (clean text and Rev export) bound it.
# The document part, unpacked, may be at most this big (a ZIP bomb is refused, not unpacked):
# some ten thousand pages. The XML parser reads the part in one call that Ctrl-C cannot cut
# short, so the bound is also the wait for an interrupt (half a second for 64 MiB here).
MAX_XML_BYTES = 64 * 1024 * 1024
# The whole package, which python-docx reads into memory part by part (images included).
MAX_PACKAGE_BYTES = 1024 * 1024 * 1024
# A caption line holds under 100 characters, and a line of YouTube's word-timed WebVTT (a tag and
# a time around every word) under 1,000: a longer line is not a caption, and refusing it bounds
# the work and the length of a "word" for every step after reading.
CAPTION_LINE_LIMIT = 20_000
_WHAT = {"text": "a text", "markdown": "a Markdown text", "rev": "a Rev transcript", "srt": "an SRT file",
         "vtt": "a WebVTT file", "sbv": "an SBV file", "html": "a web page", "json": "a JSON transcript",
         "docx": "a Word document"}


def _mib(size: int) -> str:
    return f"{size / MiB:.1f} MiB"


def check_size(size: int, kind: str, path: str) -> None:
    """Refuse ``size`` bytes past the limit for ``kind`` (a key of `LIMITS`), saying why."""
    limit = LIMITS[kind]
    if size > limit:
        raise InputError(f"{_mib(size)} is too large for {_WHAT[kind]}: the limit is {limit // MiB} MiB, "
                         "far past the longest recording (see LIMITS in captions/readers/decoding.py)", path)


def check_line_lengths(lines: list[str], path: str) -> None:
    """Refuse a caption file with a line past `CAPTION_LINE_LIMIT` characters, naming the first."""
    if max(map(len, lines), default=0) > CAPTION_LINE_LIMIT:
        number = next(n for n, line in enumerate(lines, 1) if len(line) > CAPTION_LINE_LIMIT)
        raise InputError(f"a line of {len(lines[number - 1]):,} characters: not a caption file (the limit "
                         f"is {CAPTION_LINE_LIMIT:,})", path, number)


def check_zip(data: bytes, path: str, part: str = "word/document.xml") -> None:
    """Refuse a ZIP (a .docx) whose parts unpack past `ZIP_LIMIT`, or whose ``part`` does past
    `ZIP_PART_LIMIT`, from the sizes its directory gives (reading never unpacks more than
    that); a damaged archive is left to the reader to name."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return
    total = sum(info.file_size for info in infos)
    if total > ZIP_LIMIT:
        raise InputError(f"unpacks to {_mib(total)}, too large for a Word document: the limit is "
                         f"{ZIP_LIMIT // MiB} MiB", path)
    size = sum(info.file_size for info in infos if info.filename == part)
    if size > ZIP_PART_LIMIT:
        raise InputError(f"its text ({part}) unpacks to {_mib(size)}: the limit is {ZIP_PART_LIMIT // MiB} MiB, "
                         "far past the longest recording", path)

def one_line(exc: BaseException) -> str:
    """A library's exception as one short line for a message."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:119] + "…"


def why_unreadable(exc: BaseException) -> str:
    """Why python-docx could not read a document, in one line; the XML parser's depth limit in
    words a user can act on."""
    if "Excessive depth" in str(exc):
        return "its XML is nested deeper than 256 elements, the XML parser's limit (Word nests a few dozen)"
    return one_line(exc)


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
    """A file's bytes, refusing with one line naming the file: missing, a folder, past
    `MAX_BYTES` (before reading it; each kind's own limit is checked once the kind is known),
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
            raise InputError(f"{_mib(size)} is too large for any input: the limit is {MAX_BYTES // MiB} MiB, "
                             "far past the longest recording", name)
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


def read_text_file(path: str | Path, kind: str = "text") -> tuple[str, list[str]]:
    """Read and decode a text file of ``kind`` (a key of `LIMITS`); errors name the file."""
    data = read_file_bytes(path)
    check_size(len(data), kind, str(path))
    return decode(data, str(path))
