"""Written tokens as words the aligner can say: its dictionary's words, or new ones with phones.

The recogniser's English dictionary (CMUdict) knows common words; a transcript also holds numbers
("25%", "2009"), acronyms ("DOJ's", "B-1"), names and coinages. A word the aligner cannot say
would stop the alignment of its whole window, and dropping it moves its neighbours, so each
token is spelled out:

1. the token itself, lower-cased (contractions and many possessives are in the dictionary);
2. numbers, money and percentages as the words said (`normalize.word_keys`);
3. hyphenated and letter+digit tokens part by part (``B-1`` -> ``b one``);
4. acronyms (all capitals, or no vowel) letter by letter, ``'s`` added to the last letter;
5. a known stem with an ending (``-s``, ``-ed``, ``-ing``, ``-ly``, ``-er``), or two known words;
6. anything else by a small set of English letter-to-sound rules: rough, but measured better
   than spelling it out or a garbage word (which pulls its neighbours off by 0.3 s).

New words are named after their phones, so every worker process names them alike.
"""
from __future__ import annotations

import re

from .normalize import word_keys

# Letter names in the dictionary's phone set (ARPAbet without stress).
LETTER_NAMES = {
    "a": "EY", "b": "B IY", "c": "S IY", "d": "D IY", "e": "IY", "f": "EH F", "g": "JH IY",
    "h": "EY CH", "i": "AY", "j": "JH EY", "k": "K EY", "l": "EH L", "m": "EH M", "n": "EH N",
    "o": "OW", "p": "P IY", "q": "K Y UW", "r": "AA R", "s": "EH S", "t": "T IY", "u": "Y UW",
    "v": "V IY", "w": "D AH B AH L Y UW", "x": "EH K S", "y": "W AY", "z": "Z IY",
}
# Letter groups first (longest), then single letters: enough to place a name's syllables in time.
LETTER_GROUPS = [
    ("tion", "SH AH N"), ("sion", "ZH AH N"), ("ough", "AO"), ("tch", "CH"), ("sch", "S K"), ("igh", "AY"),
    ("ch", "CH"), ("sh", "SH"), ("th", "TH"), ("ph", "F"), ("wh", "W"), ("ng", "NG"), ("ck", "K"),
    ("qu", "K W"), ("ee", "IY"), ("ea", "IY"), ("oo", "UW"), ("ou", "AW"), ("ow", "OW"), ("oi", "OY"),
    ("oy", "OY"), ("ai", "EY"), ("ay", "EY"), ("au", "AO"), ("aw", "AO"), ("ei", "EY"), ("ey", "IY"),
    ("ie", "IY"), ("ue", "UW"), ("ew", "UW"), ("er", "ER"), ("ir", "ER"), ("ur", "ER"), ("ar", "AA R"),
    ("or", "AO R"), ("kn", "N"), ("wr", "R"), ("gh", "G"), ("dg", "JH"),
]
SINGLE_LETTERS = {
    "a": "AE", "b": "B", "c": "K", "d": "D", "e": "EH", "f": "F", "g": "G", "h": "HH", "i": "IH",
    "j": "JH", "k": "K", "l": "L", "m": "M", "n": "N", "o": "AA", "p": "P", "q": "K", "r": "R",
    "s": "S", "t": "T", "u": "AH", "v": "V", "w": "W", "x": "K S", "y": "IY", "z": "Z",
}
ENDINGS = (("s", None), ("es", None), ("ed", "D"), ("ing", "IH NG"), ("ly", "L IY"), ("er", "ER"))
_VOICELESS = {"P", "T", "K", "F", "TH"}
_SIBILANT = {"S", "Z", "SH", "ZH", "CH", "JH"}
_EDGE_PUNCTUATION = " \t.,;:!?\"“”‘’()[]{}…*"


def letters_to_sounds(word: str) -> str:
    """Phones for a word no dictionary knows, by English spelling rules."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if len(w) > 2 and w.endswith("e") and w[-2] not in "aeiou":
        w = w[:-1]                                  # a silent final e
    phones: list[str] = []
    i = 0
    while i < len(w):
        group = next(((g, p) for g, p in LETTER_GROUPS if w.startswith(g, i)), None)
        if group:
            phones.append(group[1])
            i += len(group[0])
            continue
        ch, nxt = w[i], w[i + 1] if i + 1 < len(w) else ""
        if ch == nxt and ch not in "aeiou":
            i += 1                                  # a doubled consonant is said once
            continue
        if ch == "c" and nxt in ("e", "i", "y"):
            phones.append("S")
        elif ch == "g" and nxt in ("e", "i", "y"):
            phones.append("JH")
        elif ch == "y" and i == 0:
            phones.append("Y")
        else:
            phones.append(SINGLE_LETTERS[ch])
        i += 1
    return " ".join(phones)


def _plural(phones: str) -> str:
    last = phones.split()[-1]
    return "IH Z" if last in _SIBILANT else "S" if last in _VOICELESS else "Z"


class Speller:
    """Spells tokens for one recogniser dictionary, adding the words it lacks.

    ``lookup(word)`` gives a word's phones or None; ``add(word, phones)`` adds one.
    """

    def __init__(self, lookup, add):
        self._lookup = lookup
        self._add = add

    def phones(self, word: str) -> str | None:
        return self._lookup(word)

    def spoken(self, token: str) -> list[str]:
        """The dictionary words ``token`` is said as (empty for punctuation)."""
        raw = token.replace("’", "'").strip(_EDGE_PUNCTUATION)
        if not raw:
            return []
        low = raw.lower()
        if self._lookup(low) is not None:
            return [low]
        if any(ch.isdigit() for ch in raw) or raw[0] in "$£€":
            words = [w for key in word_keys(raw) for w in re.split(r"[\s\-]+", key) if w]
            if words and not any(ch.isdigit() for ch in " ".join(words)):
                return [s for w in words for s in self.spoken(w)]
        parts = [p for p in re.split(r"[-–—/]+", raw) if p]
        if len(parts) == 1:
            parts = re.findall(r"[^\W\d_]+(?:'[a-z]+)?|\d+", raw, flags=re.IGNORECASE)
        if len(parts) > 1:
            return [s for p in parts for s in self.spoken(p)]
        if not parts:
            return []
        return [self._new_word(raw)]

    def _new_word(self, raw: str) -> str:
        possessive = raw.lower().endswith("'s")
        base = raw[:-2] if possessive else raw
        letters = re.sub(r"[^a-z]", "", base.lower())
        if not letters:
            return self._named(letters_to_sounds(raw) or "+SPN+")
        if (base.isupper() and len(base) <= 6) or len(letters) == 1 or not re.search(r"[aeiouy]", letters):
            phones = " ".join(self._lookup(c + ".") or LETTER_NAMES[c] for c in letters)
        else:
            phones = self._known_parts(letters) or letters_to_sounds(letters)
        if possessive:
            phones += " " + _plural(phones)
        return self._named(phones)

    def _known_parts(self, letters: str) -> str | None:
        """A known stem with a common ending, or two known words run together."""
        for ending, sound in ENDINGS:
            stem = letters[:-len(ending)]
            if letters.endswith(ending) and len(stem) > 2:
                stem_phones = self._lookup(stem)
                if stem_phones:
                    return f"{stem_phones} {sound or _plural(stem_phones)}"
        for cut in range(3, len(letters) - 2):
            first, second = self._lookup(letters[:cut]), self._lookup(letters[cut:])
            if first and second:
                return f"{first} {second}"
        return None

    def _named(self, phones: str) -> str:
        name = "_" + phones.replace(" ", "_").replace("+", "").lower()
        if self._lookup(name) is None:
            self._add(name, phones)
        return name
