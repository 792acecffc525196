"""EBU-STL (`.stl`): EBU Tech 3264 subtitle files, the binary exchange format of European
broadcasters (subtitling systems, playout, Avid, Premiere, DaVinci Resolve and Subtitle Edit
read it).

A file is a 1024-byte General Subtitle Information (GSI) block and then a 128-byte Text and
Timing Information (TTI) block a subtitle (more when its text needs extension blocks):

- GSI: code page 850 for the GSI's own text, ``STL25.01`` or ``STL30.01`` (the frame rate),
  display standard ``1`` (teletext level 1, as broadcasters deliver it), character table
  ``00`` (Latin, ISO/IEC 6937), language ``09`` (English) unless given, 40 characters a row and
  23 rows at most, timecode status 1 (intended for use), start of programme 00:00:00:00, the
  first in-cue, the counts of blocks and subtitles, today's date; the rest spaces.
- TTI: subtitle group 0, the subtitle's number, extension 0xFF (the last block of it), in and
  out times as bytes hours, minutes, seconds, frames; the vertical position (the row of the
  first line: the last line sits on row 22, a line two rows below the one before, as with
  teletext double height) and centred justification; the text field: 112 bytes of ISO/IEC
  6937 text, lines split by 0x8A (CR/LF), the rest filled with 0x8F.

Times are frames, each edge on its nearest frame, as timecode bytes: ``STL25.01`` at 25 fps;
``STL30.01`` (the format names no other rates) at 30, and at 29.97 in drop-frame timecode
(which stays on the clock; ttconv reads STL30.01 so). Readers differ on STL30.01: ttconv takes
it for 29.97 drop-frame, others for 30, which differ by at most 2 frames (on the clock at
every tenth minute). At any other rate (the rules' 24, say) the file is written at 25, the
rate EBU-STL is for, each edge on its nearest 25 fps frame. Past 99 hours is refused. ISO/IEC 6937 writes an accented letter as
its accent (0xC1-0xCF) and then the letter; letters and signs it has no form of are refused
with their caption, not replaced.
"""
from __future__ import annotations

import datetime
import unicodedata
from fractions import Fraction

from ..errors import OutputError
from ..model import Caption
from ..timecode import can_drop, smpte_fields
from .frames import caption_frames, delivery_rate

GSI_SIZE, TTI_SIZE, TEXT_SIZE = 1024, 128, 112
NEWLINE, UNUSED = 0x8A, 0x8F
RATES = {Fraction(25): "STL25.01", Fraction(30000, 1001): "STL30.01", Fraction(30): "STL30.01"}
# EBU language codes (Tech 3264 appendix 3) for the languages people caption most.
LANGUAGES = {"en": "09", "fr": "0F", "de": "08", "es": "0A", "it": "15", "nl": "1D", "pt": "21",
             "sv": "28", "da": "07", "no": "1E", "fi": "27", "pl": "20"}
# ISO/IEC 6937 non-spacing accents, written before the letter they sit on.
ACCENTS = {"\u0300": 0xC1, "\u0301": 0xC2, "\u0302": 0xC3, "\u0303": 0xC4, "\u0304": 0xC5, "\u0306": 0xC6,
           "\u0307": 0xC7, "\u0308": 0xC8, "\u030a": 0xCA, "\u0327": 0xCB, "\u030b": 0xCD, "\u0328": 0xCE,
           "\u030c": 0xCF}
# ISO/IEC 6937 characters outside ASCII that are not an accent and a letter.
SIGNS = {"¡": 0xA1, "¢": 0xA2, "£": 0xA3, "¥": 0xA5, "§": 0xA7, "¤": 0xA8, "‘": 0xA9, "“": 0xAA, "«": 0xAB,
         "°": 0xB0, "±": 0xB1, "²": 0xB2, "³": 0xB3, "×": 0xB4, "µ": 0xB5, "¶": 0xB6, "·": 0xB7, "÷": 0xB8,
         "’": 0xB9, "”": 0xBA, "»": 0xBB, "¼": 0xBC, "½": 0xBD, "¾": 0xBE, "¿": 0xBF, "―": 0xD0, "¹": 0xD1,
         "®": 0xD2, "©": 0xD3, "™": 0xD4, "♪": 0xD5, "Ω": 0xE0, "Æ": 0xE1, "Đ": 0xE2, "ª": 0xE3, "Ħ": 0xE4,
         "Ĳ": 0xE6, "Ŀ": 0xE7, "Ł": 0xE8, "Ø": 0xE9, "Œ": 0xEA, "º": 0xEB, "Þ": 0xEC, "Ŧ": 0xED, "Ŋ": 0xEE,
         "ŉ": 0xEF, "ĸ": 0xF0, "æ": 0xF1, "đ": 0xF2, "ð": 0xF3, "ħ": 0xF4, "ı": 0xF5, "ĳ": 0xF6, "ŀ": 0xF7,
         "ł": 0xF8, "ø": 0xF9, "œ": 0xFA, "ß": 0xFB, "þ": 0xFC, "ŧ": 0xFD, "ŋ": 0xFE, "\u00a0": 0xA0}
# Typography with a plain form in ISO/IEC 6937.
PLAIN = {"—": "―", "–": "-", "‑": "-", "…": "...", "\t": " "}


def encode_text(text: str, cue: int) -> bytes:
    """``text`` in ISO/IEC 6937; OutputError naming the caption for a character it lacks."""
    out = bytearray()
    for ch in "".join(PLAIN.get(c, c) for c in text):
        if " " <= ch <= "~":
            out.append(ord(ch))
        elif ch in SIGNS:
            out.append(SIGNS[ch])
        else:
            parts = unicodedata.normalize("NFD", ch)
            if len(parts) == 2 and " " <= parts[0] <= "~" and parts[1] in ACCENTS:
                out += bytes((ACCENTS[parts[1]], ord(parts[0])))
            else:
                raise OutputError(f"caption {cue}: EBU-STL (ISO/IEC 6937) has no character {ch!r} (U+{ord(ch):04X})")
    return bytes(out)


def _pieces(text: bytes) -> list[bytes]:
    """The text in text fields of 112 bytes, never parting an accent from its letter."""
    pieces = []
    while len(text) > TEXT_SIZE:
        cut = TEXT_SIZE - 1 if 0xC1 <= text[TEXT_SIZE - 1] <= 0xCF else TEXT_SIZE
        pieces.append(text[:cut])
        text = text[cut:]
    return pieces + [text]


def _field(value: str, size: int) -> bytes:
    """A GSI field: code page 850, left-aligned, padded with spaces."""
    data = value.encode("cp850", "replace")[:size]
    return data + b" " * (size - len(data))


def _time(frame: int, rate: Fraction, cue: int) -> tuple[int, int, int, int]:
    fields = smpte_fields(frame, rate, drop=can_drop(rate))
    if fields[0] > 99:
        raise OutputError(f"caption {cue}: EBU-STL times end at 99:59:59")
    return fields


def format_stl(captions: list[Caption], fps: float = 25.0, *, language: str = "en", title: str = "",
               today: datetime.date | None = None) -> bytes:
    rate = delivery_rate(fps, "EBU-STL")
    if rate not in RATES:
        rate = Fraction(25)             # the format's own rate; a caption edge moves 20 ms at most
    if language not in LANGUAGES:
        raise OutputError(f"EBU-STL language is one of {', '.join(LANGUAGES)}, not {language!r}")
    blocks: list[bytes] = []
    first_in = (0, 0, 0, 0)
    for n, (c, (start, end)) in enumerate(zip(captions, caption_frames(captions, rate)), 1):
        if n > 0xFFFF:
            raise OutputError("EBU-STL numbers at most 65535 subtitles")
        text = bytes([NEWLINE, NEWLINE]).join(encode_text(line, n) for line in c.lines)
        pieces = _pieces(text)
        time_in, time_out = _time(start, rate, n), _time(end, rate, n)
        if n == 1:
            first_in = time_in
        row = 22 - 2 * (max(1, len(c.lines)) - 1)
        for k, piece in enumerate(pieces):
            extension = 0xFF if k == len(pieces) - 1 else k
            blocks.append(bytes([0, n & 0xFF, n >> 8, extension, 0, *time_in, *time_out, max(1, row), 2, 0])
                          + piece + bytes([UNUSED]) * (TEXT_SIZE - len(piece)))
    date = (today or datetime.date.today()).strftime("%y%m%d")
    gsi = b"".join([
        _field("850", 3), _field(RATES[rate], 8), _field("1", 1), _field("00", 2), _field(LANGUAGES[language], 2),
        _field(title, 32), _field("", 32), _field("", 32), _field("", 32), _field("", 32), _field("", 32),
        _field("", 16), _field(date, 6), _field(date, 6), _field("00", 2), _field(f"{len(blocks):05d}", 5),
        _field(f"{len(captions):05d}", 5), _field("001", 3), _field("40", 2), _field("23", 2), _field("1", 1),
        _field("00000000", 8), _field("".join(f"{v:02d}" for v in first_in), 8), _field("1", 1), _field("1", 1),
        _field("", 3), _field("", 32), _field("", 32), _field("", 32), _field("", 75), _field("", 576)])
    assert len(gsi) == GSI_SIZE
    return gsi + b"".join(blocks)
