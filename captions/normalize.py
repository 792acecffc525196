"""Comparison keys: what a word sounds like, so a clean word and a verbatim word compare equal.

A word becomes zero or more keys: lower case, curly quotes straightened, hyphens split
(``year-end`` -> year, end), contractions and informal forms expanded (``I'm`` -> i, am;
``gonna`` -> going, to), numbers spoken (``86%`` -> eighty, six, percent; ``2019`` -> twenty,
nineteen; ``$30`` before ``million`` -> thirty ... million, dollars). Both texts go through the same
functions, so a transcript that writes digits matches a text that spells them out.
"""
from __future__ import annotations

import re
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_SCALES = {"thousand", "million", "billion", "trillion"}
_INFORMAL = {
    "gonna": ("going", "to"), "wanna": ("want", "to"), "gotta": ("got", "to"), "kinda": ("kind", "of"),
    "sorta": ("sort", "of"), "lemme": ("let", "me"), "gimme": ("give", "me"), "dunno": ("do", "not", "know"),
    "y'all": ("you", "all"), "'cause": ("because",), "cause": ("because",), "cuz": ("because",),
    "ok": ("okay",), "alright": ("all", "right"), "til": ("until",), "till": ("until",),
    "can't": ("can", "not"), "won't": ("will", "not"), "shan't": ("shall", "not"), "ain't": ("is", "not"),
    "let's": ("let", "us"), "o'clock": ("oclock",), "&": ("and",), "+": ("plus",), "=": ("equals",),
}
_IS_CONTRACTED = {"it", "that", "there", "here", "what", "who", "where", "when", "how", "he", "she",
                  "this", "everything", "nothing", "something", "everybody", "somebody", "nobody", "why"}
_SUFFIXES = (("n't", "not"), ("'re", "are"), ("'ve", "have"), ("'ll", "will"), ("'d", "would"), ("'m", "am"))
_CURRENCY = {"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen"}
_UNIT_CENTS = {"dollars": "cents", "euros": "cents", "pounds": "pence"}
_NUMBER = re.compile(r"^(?P<cur>[$£€¥])?(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)(?P<suffix>%|st|nd|rd|th|s|k|m|bn)?$")
_ALNUM_SPLIT = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*")


def keys_of_words(words: list[str]) -> list[tuple[str, ...]]:
    """Keys of each word of a sequence, with the one look-ahead currency needs."""
    out = [word_keys(w) for w in words]
    for i, w in enumerate(words[:-1]):
        # "$30 million" / "$1.25 billion" are said "thirty million dollars" / "one point two five
        # billion dollars": the amount is a plain number and the currency follows the scale word.
        symbol = w.lstrip("([\"'“‘")[:1]
        if symbol in _CURRENCY and out[i + 1][:1] and out[i + 1][0] in _SCALES:
            out[i] = word_keys(w.replace(symbol, "", 1))
            out[i + 1] = out[i + 1] + (_CURRENCY[symbol],)
    return out


@lru_cache(maxsize=65536)
def word_keys(word: str) -> tuple[str, ...]:
    """The comparison keys of one written word."""
    w = word.translate(_APOSTROPHES).lower()
    w = w.strip(" \t.,;:!?\"“”()[]{}<>…*_~|")
    w = w.strip("'") if not w.startswith("'cause") else w
    if not w:
        return ()
    if w in _INFORMAL:
        return _INFORMAL[w]
    out: list[str] = []
    for part in re.split(r"[-–—/]+", w):
        out.extend(_part_keys(part))
    return tuple(out)


def _part_keys(part: str) -> list[str]:
    part = part.strip("'.,;:!?\"")
    if not part:
        return []
    if part in _INFORMAL:
        return list(_INFORMAL[part])
    m = _NUMBER.match(part)
    if m:
        return _number_keys(m)
    if "'" in part:
        for suffix, full in _SUFFIXES:
            if part.endswith(suffix) and len(part) > len(suffix):
                return _part_keys(part[: -len(suffix)]) + [full]
        if part.endswith("'s") and part[:-2] in _IS_CONTRACTED:
            return [part[:-2], "is"]
        part = part.replace("'", "")
    pieces = _ALNUM_SPLIT.findall(part)
    if len(pieces) == 1 and pieces[0] == part:
        return [part]
    out: list[str] = []
    for piece in pieces:  # "q1" -> q, one; "covid19" -> covid, nineteen
        out.extend(_number_keys(_NUMBER.match(piece)) if piece[0].isdigit() and _NUMBER.match(piece) else [piece])
    return out


def _number_keys(m: re.Match) -> list[str]:
    cur, num, suffix = m.group("cur"), m.group("num").replace(",", ""), m.group("suffix") or ""
    whole, _, fraction = num.partition(".")
    whole_n = int(whole) if whole else 0
    words: list[str]
    if suffix in ("st", "nd", "rd", "th") and not fraction:
        words = _spoken(_english().to_ordinal(whole_n))
    elif cur and fraction and len(fraction) == 2 and suffix == "":
        unit = _CURRENCY[cur]
        words = _spoken(_english().to_cardinal(whole_n)) + [_unit(unit, whole_n)]
        if int(fraction):
            words += (["and"] + _spoken(_english().to_cardinal(int(fraction)))
                      + [_unit(_UNIT_CENTS.get(unit, "cents"), int(fraction))])
        return words
    elif fraction:
        words = _spoken(_english().to_cardinal(whole_n)) + ["point"] + [_DIGITS[int(d)] for d in fraction]
    elif len(whole) == 4 and 1100 <= whole_n <= 2099 and whole_n % 1000 != 0 and not cur and suffix in ("", "s"):
        words = _spoken(_english().to_year(whole_n))      # 2019 -> twenty nineteen
    elif len(whole) > 1 and whole.startswith("0"):
        words = [_DIGITS[int(d)] for d in whole]           # 007 -> zero zero seven
    else:
        words = _spoken(_english().to_cardinal(whole_n))
    if suffix == "%":
        words.append("percent")
    elif suffix in ("k", "m", "bn"):
        words.append({"k": "thousand", "m": "million", "bn": "billion"}[suffix])
    elif suffix == "s" and words:                           # 1990s -> nineteen nineties
        words[-1] = words[-1][:-1] + "ies" if words[-1].endswith("y") else words[-1] + "s"
    if cur:
        words.append(_unit(_CURRENCY[cur], 0 if fraction or suffix else whole_n))
    return words


def _unit(plural: str, amount: int) -> str:
    """'one dollar', 'two dollars'; yen and pence stay as they are."""
    if amount != 1 or not plural.endswith("s"):
        return plural
    return {"cents": "cent"}.get(plural, plural[:-1])


_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _spoken(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,\-]+", text.lower()) if w]


_EN = None


def _english():
    """num2words' English converter, loaded on first use (it is not needed for `--help`)."""
    global _EN
    if _EN is None:
        from num2words.lang_EN import Num2Word_EN

        _EN = Num2Word_EN()
    return _EN


def join_spelled_letters(words: list[str]) -> list[tuple[str, ...]]:
    """Transcript keys where runs of spelled capitals ("S E C") become one key ("sec").

    The first letter carries the joined key and the others none, so word indices stay put.
    """
    keys = keys_of_words(words)
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and _spelled_letter(words[j]):
            j += 1
        if j - i >= 2:
            keys[i] = ("".join(words[k].strip(".,").lower() for k in range(i, j)),)
            for k in range(i + 1, j):
                keys[k] = ()
            i = j
        else:
            i += 1
    return keys


def _spelled_letter(word: str) -> bool:
    w = word.rstrip(".,")
    return len(w) == 1 and w.isupper() and w not in ("I", "A")


@lru_cache(maxsize=65536)
def syllables(word: str) -> float:
    """A rough syllable count: vowel groups, at least one; numbers by their spoken keys."""
    if any(ch.isdigit() for ch in word):
        # Numbers by their spoken keys; a key that still holds a digit ("m²", "23.008,0") is
        # counted a syllable a character rather than spoken again, which would never end.
        spoken = word_keys(word)
        return float(sum(syllables(k) if not any(ch.isdigit() for ch in k) else len(k) for k in spoken)) or 1.0
    w = word.lower()
    groups = len(re.findall(r"[aeiouy]+", w))
    if w.endswith("e") and not w.endswith(("le", "ee")) and groups > 1:
        groups -= 1
    return float(max(1, groups))
