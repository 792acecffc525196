"""SCC (`.scc`): Scenarist Closed Captions, the CEA-608 (line 21) caption stream of US broadcast,
as broadcasters, Avid, Premiere, Final Cut, DaVinci Resolve and YouTube take it.

The file is ``Scenarist_SCC V1.0`` and then lines of a timecode and the byte pairs ("words", 4
hex digits, odd parity) sent from that frame on, one word a frame at 29.97 fps::

    Scenarist_SCC V1.0

    00:00:00;22	94ae 94ae 9420 9420 9470 9470 c16c ef6e 6520 ef6e 20f4 68e5 2068 e96c ec2e 942f 942f

    00:00:04;01	942c 942c

Captions are pop-on, as style guides ask of pre-recorded programmes: each is loaded into the
decoder's hidden memory (ENM erases it, RCL selects pop-on, a PAC places each row, the text
follows) and shown whole by EOC on the caption's first frame; EDM clears it on its end frame.
Control codes are sent twice, as CEA-608 asks (a decoder ignores the repeat). Rows: a caption's
lines end on row 15 (the bottom of the safe area), centred by PAC indents (steps of 4 columns)
and tab offsets (1-3 more). A row holds 32 characters and a caption 4 rows: lines longer than
32 are broken again at spaces (``--preset cea608`` makes captions whose own breaks fit), and a
caption that needs more than 4 rows is refused, not cut.

Timing: line 21 carries 2 characters a frame, so a caption's load takes frames (a full 2 x 32
caption about 42). Each load is sent as soon as the previous caption's EOC has gone (its text
is in hidden memory until then), while that caption is on screen, and its EOC on the caption's
first frame; an EDM that falls inside a load is sent between its words. When a load cannot be
done by then, the caption appears late by the frames missing (and is kept at least 2 frames):
``--preset cea608`` keeps captions long enough for the next to load. A caption that ends less than 2 frames before the next one starts is
not cleared: the next one's EOC replaces it.

Times are frames of 29.97 fps (30000/1001), each edge on its nearest frame; drop-frame
timecode (``hh:mm:ss;ff``, the default, which stays on the clock over hours) or non-drop
(``hh:mm:ss:ff``). Characters: CEA-608's basic set (ASCII, but for ``* \\ ^ _ ` { | } ~``,
which are accented letters there), its special characters (``® ° ½ ¿ ™ ¢ £ ♪ à è â ê î ô û``)
and its extended Western European set (sent after a basic stand-in, as decoders without it
show); curly quotes and dashes as 608 has them; other accented letters without their accent;
a character CEA-608 has no form of is refused with its caption.
"""
from __future__ import annotations

import unicodedata
from fractions import Fraction

from ..errors import OutputError
from ..model import Caption
from ..timecode import smpte_time
from .frames import caption_frames

RATE = Fraction(30000, 1001)
MAX_COLUMNS = 32
MAX_ROWS = 4
HEADER = "Scenarist_SCC V1.0"

# Channel 1 control codes (first byte, second byte).
ENM, RCL, EOC, EDM = (0x14, 0x2E), (0x14, 0x20), (0x14, 0x2F), (0x14, 0x2C)
TAB_OFFSETS = {1: (0x17, 0x21), 2: (0x17, 0x22), 3: (0x17, 0x23)}
# The first byte of a row's preamble address code, and whether its second byte is 0x40 or 0x60.
PAC_ROWS = {1: (0x11, 0x40), 2: (0x11, 0x60), 3: (0x12, 0x40), 4: (0x12, 0x60), 5: (0x15, 0x40),
            6: (0x15, 0x60), 7: (0x16, 0x40), 8: (0x16, 0x60), 9: (0x17, 0x40), 10: (0x17, 0x60),
            11: (0x10, 0x40), 12: (0x13, 0x40), 13: (0x13, 0x60), 14: (0x14, 0x40), 15: (0x14, 0x60)}

# The basic set is ASCII from 0x20 to 0x7F but for these code points.
BASIC_DIFFERENT = {0x2A: "á", 0x5C: "é", 0x5E: "í", 0x5F: "ó", 0x60: "ú", 0x7B: "ç", 0x7C: "÷",
                   0x7D: "Ñ", 0x7E: "ñ", 0x7F: "█"}
BASIC = {chr(b): b for b in range(0x20, 0x80) if b not in BASIC_DIFFERENT}
BASIC.update({ch: b for b, ch in BASIC_DIFFERENT.items()})
SPECIAL = dict(zip("®°½¿™¢£♪à\u00a0èâêîôû", range(0x30, 0x40)))      # 0x11 xx; 0x39 is a fixed space
EXTENDED = {**{ch: (0x12, b) for ch, b in zip("ÁÉÓÚÜü‘¡*'—©℠•“”ÀÂÇÈÊËëÎÏïÔÙùÛ«»", range(0x20, 0x40))},
            **{ch: (0x13, b) for ch, b in zip("ÃãÍÌìÒòÕõ{}\\^_|~ÄäÖöß¥¤│ÅåØø┌┐└┘", range(0x20, 0x40))}}
# Stand-ins a decoder without the extended set shows (the extended code replaces the one before).
STAND_IN = {"‘": "'", "“": '"', "”": '"', "—": "-", "«": '"', "»": '"', "©": "c", "℠": "s", "•": ".",
            "¡": "!", "{": "(", "}": ")", "\\": "/", "^": "'", "_": "-", "|": "!", "~": "-", "¥": "Y",
            "¤": "o", "│": "!", "┌": "+", "┐": "+", "└": "+", "┘": "+", "ß": "s", "*": "."}
# Typography with a plain form in the sets above.
PLAIN = {"’": "'", "–": "-", "‑": "-", "…": "...", "„": "“", "‚": "'", "′": "'", "″": '"', "\t": " "}


def _odd(byte: int) -> int:
    """The byte with bit 7 set when needed for odd parity, as line 21 sends it."""
    return byte | (0x80 if bin(byte).count("1") % 2 == 0 else 0)


def _word(first: int, second: int) -> str:
    return f"{_odd(first):02x}{_odd(second):02x}"


def _control(code: tuple[int, int]) -> list[str]:
    return [_word(*code)] * 2


def encode_line(line: str, cue: int) -> list[str]:
    """The words that draw ``line``: basic characters two a word, the others as (doubled) codes."""
    words: list[str] = []
    pending: list[int] = []

    def flush() -> None:
        if pending:
            words.append(_word(pending[0], pending[1] if len(pending) > 1 else 0))
            pending.clear()

    def basic(byte: int) -> None:
        pending.append(byte)
        if len(pending) == 2:
            flush()

    for ch in _plain(line, cue):
        if ch in BASIC:
            basic(BASIC[ch])
        elif ch in SPECIAL:
            flush()
            words += [_word(0x11, SPECIAL[ch])] * 2
        else:
            basic(BASIC[STAND_IN.get(ch) or _unaccented(ch) or "?"])
            flush()
            words += [_word(*EXTENDED[ch])] * 2
    flush()
    return words


def _plain(line: str, cue: int) -> str:
    """``line`` in characters CEA-608 has; OutputError naming the cue for one it has no form of."""
    out = []
    for ch in line:
        ch = PLAIN.get(ch, ch)
        for c in ch:
            if c in BASIC or c in SPECIAL or c in EXTENDED:
                out.append(c)
            elif _unaccented(c):
                out.append(_unaccented(c))
            else:
                raise OutputError(f"caption {cue}: SCC (CEA-608) has no character {c!r} (U+{ord(c):04X})")
    return "".join(out)


def _unaccented(ch: str) -> str:
    """A letter without its accent, if that is a basic character: ``ő`` -> ``o``."""
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if base and all(c in BASIC for c in base) and len(base) == 1 else ""


def rows(lines: tuple[str, ...], cue: int) -> tuple[str, ...]:
    """The caption's lines as CEA-608 rows: as they are when they fit (32 columns, 4 rows), else
    each line broken at spaces to 32 columns, else the whole text so; OutputError if even that
    takes more than 4 rows."""
    if len(lines) <= MAX_ROWS and all(len(line) <= MAX_COLUMNS for line in lines):
        return lines
    broken = tuple(row for line in lines for row in _wrap(line))
    if len(broken) > MAX_ROWS:
        broken = _wrap(" ".join(lines))
    if len(broken) > MAX_ROWS:
        raise OutputError(f"caption {cue}: SCC (CEA-608) shows {MAX_ROWS} rows of {MAX_COLUMNS} characters; "
                          f"this caption needs {len(broken)} (--preset cea608 makes captions that fit)")
    return broken


def _wrap(text: str) -> tuple[str, ...]:
    """``text`` in rows of at most 32 characters, broken at spaces (a longer word is cut)."""
    out: list[str] = []
    row = ""
    for word in text.split():
        while len(word) > MAX_COLUMNS:
            if row:
                out.append(row)
                row = ""
            out.append(word[:MAX_COLUMNS])
            word = word[MAX_COLUMNS:]
        if row and len(row) + 1 + len(word) > MAX_COLUMNS:
            out.append(row)
            row = word
        else:
            row = f"{row} {word}" if row else word
    return tuple(out + [row] if row else out)


def load_words(caption: Caption, cue: int) -> list[str]:
    """ENM, RCL, each row's PAC (and tab offset) and text, then EOC: one pop-on caption."""
    lines = rows(tuple(_plain(line, cue) for line in caption.lines), cue)
    words = _control(ENM) + _control(RCL)
    for row, line in enumerate(lines, 16 - len(lines)):
        column = (MAX_COLUMNS - len(line)) // 2     # an extended character takes its stand-in's column
        first, base = PAC_ROWS[row]
        words += _control((first, base + 0x10 + (column // 4) * 2))      # white, indented
        if column % 4:
            words += _control(TAB_OFFSETS[column % 4])
        words += encode_line(line, cue)
    return words + _control(EOC)


LOAD_LEAD_FRAMES = 30     # a load starts at most a second (and its length) before its caption's EOC


def format_scc(captions: list[Caption], *, drop_frame: bool = True) -> str:
    spans = caption_frames(captions, RATE)
    sent: dict[int, str] = {}             # frame -> the word sent on it
    cues: set[int] = set()                # frames of an EOC or EDM
    free = 0                              # the first frame a load may use (after the last EOC)
    for k, (c, (start, end)) in enumerate(zip(captions, spans)):
        words = load_words(c, k + 1)
        # The load goes into the first free frames after the last EOC (the caption before is on
        # screen meanwhile); its EOC on the caption's first frame, or as soon after as it fits.
        body, taken = words[:-2], []
        # ... but not far ahead of it: a file whose timeline starts at an hour loads its first
        # caption just before the hour, not at 00:00:00.
        frame = max(free, start - len(body) - LOAD_LEAD_FRAMES)
        while len(taken) < len(body):
            if frame not in sent:
                taken.append(frame)
            frame += 1
        start = max(start, frame)
        while start in sent or start + 1 in sent:
            start += 1
        for f, word in zip(taken + [start, start + 1], words):
            sent[f] = word
        cues.add(start)
        free = start + 2
        end = max(end, start + 2)
        following = spans[k + 1][0] if k + 1 < len(spans) else None
        if following is None or following - end >= 2:
            sent[end], sent[end + 1] = _control(EDM)
            cues.add(end)
    # A line a run of frames; EOC and EDM each open a line, so that readers which act on a line
    # at its timecode (ffmpeg, pycaption) show and clear each caption on its frame.
    lines = [HEADER]
    run_start, run = 0, []
    for frame in sorted(sent):
        if run and (frame != run_start + len(run) or frame in cues):
            lines += ["", f"{smpte_time(run_start, RATE, drop_frame)}\t{' '.join(run)}"]
            run = []
        if not run:
            run_start = frame
        run.append(sent[frame])
    if run:
        lines += ["", f"{smpte_time(run_start, RATE, drop_frame)}\t{' '.join(run)}"]
    return "\n".join(lines) + "\n"
