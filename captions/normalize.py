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

from .lexicon import SCALES

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
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
_OPENING = "([\"'“‘"
_MONEY_LEADS = set(_CURRENCY) | set(_OPENING)
_UNIT_CENTS = {"dollars": "cents", "euros": "cents", "pounds": "pence"}
_NUMBER = re.compile(r"^(?P<cur>[$£€¥])?(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)(?P<suffix>%|st|nd|rd|th|s|k|m|bn)?$")
_ALNUM_SPLIT = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# A letter or digit: exactly the characters str.isalnum accepts (search a token for one).
LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_PART_SPLIT = re.compile(r"[-–—/]+")


def keys_of_words(words: list[str]) -> list[tuple[str, ...]]:
    """Keys of each word of a sequence, with the one look-ahead currency needs."""
    out = [word_keys(w) for w in words]
    # Only a word that starts with a currency symbol or an opening bracket or quote can be an amount.
    for i in [i for i, w in enumerate(words[:-1]) if w[:1] in _MONEY_LEADS]:
        w = words[i]
        # "$30 million" / "$1.25 billion" are said "thirty million dollars" / "one point two five
        # billion dollars": the amount is a plain number and the currency follows the scale word.
        symbol = w.lstrip(_OPENING)[:1]
        if symbol in _CURRENCY and out[i + 1][:1] and out[i + 1][0] in SCALES:
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
    if w.isalpha():
        return (w,)             # most words: letters only, nothing to split or speak
    out: list[str] = []
    for part in _PART_SPLIT.split(w):
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
    if len(whole) > MAX_NAMED_DIGITS:
        return [_DIGITS[int(d)] for d in num if d.isdigit()]     # too long to name: said digit by digit
    whole_n = int(whole) if whole else 0
    words: list[str]
    if suffix in ("st", "nd", "rd", "th") and not fraction:
        words = ordinal_words(whole_n)
    elif cur and fraction and len(fraction) == 2 and suffix == "":
        unit = _CURRENCY[cur]
        words = cardinal_words(whole_n) + [_unit(unit, whole_n)]
        if int(fraction):
            words += (["and"] + cardinal_words(int(fraction))
                      + [_unit(_UNIT_CENTS.get(unit, "cents"), int(fraction))])
        return words
    elif fraction:
        words = cardinal_words(whole_n) + ["point"] + [_DIGITS[int(d)] for d in fraction]
    elif len(whole) == 4 and 1100 <= whole_n <= 2099 and whole_n % 1000 != 0 and not cur and suffix in ("", "s"):
        words = year_words(whole_n)                        # 2019 -> twenty nineteen
    elif len(whole) > 1 and whole.startswith("0"):
        words = [_DIGITS[int(d)] for d in whole]           # 007 -> zero zero seven
    else:
        words = cardinal_words(whole_n)
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

# Numbers in words, as num2words' English says them ("one hundred and five", "twenty nineteen"),
# written out here: importing num2words cost every run with a number in it some 20 ms.
_UNDER_TWENTY = _DIGITS + ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                           "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# 10**6, 10**9, ... 10**303: million, billion, ... decillion, undecillion, ... centillion.
_LATIN_UNITS = ("", "un", "duo", "tre", "quattuor", "quin", "sex", "sept", "octo", "novem")
_LATIN_TENS = ("dec", "vigint", "trigint", "quadragint", "quinquagint", "sexagint", "septuagint", "octogint",
               "nonagint")
_ILLIONS = tuple(f"{stem}illion" for stem in (
    "m", "b", "tr", "quadr", "quint", "sext", "sept", "oct", "non",
    *(unit + ten for ten in _LATIN_TENS for unit in _LATIN_UNITS), "cent"))
_TOO_BIG = 1000 * 10 ** (3 * len(_ILLIONS) + 3)     # no name for a thousand centillion
MAX_NAMED_DIGITS = len(str(_TOO_BIG)) - 1            # longer numbers are read out digit by digit
_IRREGULAR_ORDINALS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                       "nine": "ninth", "twelve": "twelfth"}


def cardinal_words(n: int) -> list[str]:
    """A whole number >= 0 in words: 105 -> one hundred and five, 2500 -> two thousand five hundred.
    "and" joins a scale word to a remainder under a hundred (British usage, as num2words)."""
    if n < 20:
        return [_UNDER_TWENTY[n]]
    if n < 100:
        tens, ones = divmod(n, 10)
        return [_TENS[tens], _UNDER_TWENTY[ones]] if ones else [_TENS[tens]]
    if n < 1000:
        scale, name = 100, "hundred"
    elif n < 1_000_000:
        scale, name = 1000, "thousand"
    else:
        if n >= _TOO_BIG:
            raise OverflowError(f"abs({n}) must be less than {_TOO_BIG}.")
        groups = (len(str(n)) - 1) // 3          # 10**(3 * groups) <= n
        scale, name = 10 ** (3 * groups), _ILLIONS[groups - 2]
    count, rest = divmod(n, scale)
    words = cardinal_words(count) + [name]
    if rest:
        if rest < 100:
            words.append("and")
        words += cardinal_words(rest)
    return words


def ordinal_words(n: int) -> list[str]:
    """21 -> twenty first, 100 -> one hundredth, 30 -> thirtieth."""
    words = cardinal_words(n)
    last = words[-1]
    words[-1] = _IRREGULAR_ORDINALS.get(last) or (last[:-1] + "ieth" if last.endswith("y") else last + "th")
    return words


def year_words(n: int) -> list[str]:
    """A year in two halves: 2019 -> twenty nineteen, 1905 -> nineteen oh five, 1900 -> nineteen
    hundred; 2005 and years past 9999 as plain numbers (two thousand and five)."""
    century, rest = divmod(n, 100)
    if century == 0 or (century % 10 == 0 and rest < 10) or century >= 100:
        return cardinal_words(n)
    if rest == 0:
        return cardinal_words(century) + ["hundred"]
    return cardinal_words(century) + (["oh"] if rest < 10 else []) + cardinal_words(rest)


def join_spelled_letters(words: list[str]) -> list[tuple[str, ...]]:
    """Transcript keys where runs of spelled capitals ("S E C") become one key ("sec").

    The first letter carries the joined key and the others none, so word indices stay put.
    """
    keys = keys_of_words(words)
    spelled = [w[:1].isupper() and _spelled_letter(w) for w in words]    # a capital first: cheap to rule out
    n = len(words)
    i = 0
    while True:
        try:
            i = spelled.index(True, i)
        except ValueError:
            return keys
        j = i + 1
        while j < n and spelled[j]:
            j += 1
        if j - i >= 2:
            keys[i] = ("".join(words[k].strip(".,").lower() for k in range(i, j)),)
            for k in range(i + 1, j):
                keys[k] = ()
        i = j


def _spelled_letter(word: str) -> bool:
    w = word.rstrip(".,")
    return len(w) == 1 and w.isupper() and w not in ("I", "A")


@lru_cache(maxsize=65536)
def syllables(word: str) -> float:
    """A rough syllable count: vowel groups, at least one; numbers by their spoken keys."""
    if not word.isalpha() and any(ch.isdigit() for ch in word):
        # Numbers by their spoken keys; a key that still holds a digit ("m²", "23.008,0") is
        # counted a syllable a character rather than spoken again, which would never end.
        spoken = word_keys(word)
        return float(sum(syllables(k) if not any(ch.isdigit() for ch in k) else len(k) for k in spoken)) or 1.0
    w = word.lower()
    groups = len(_VOWEL_GROUPS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee")) and groups > 1:
        groups -= 1
    return float(max(1, groups))
