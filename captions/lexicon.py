"""The word lists and punctuation classes of the package, in one place: caption cutting
(`segment`), checking (`check`), timing and listening read the same ones, so they judge a word,
a break or a sentence end alike.

- Punctuation classes: `SENTENCE_MARKS` and `CLAUSE_MARKS` (tested after `CLOSERS` by
  `ends_in_stop` and `ends_in_clause`), `DASHES`, and `bare` (a word without its punctuation).
- `binding_word`: a line or caption should not end on an article, preposition, conjunction or
  auxiliary (`BINDING`); `BREAK_BEFORE` are the words a line may well start with.
- `name_pair`: two capitalised words that may be a first and last name (``Elon Musk``).
- `breaks_unit`: the whole test of a bad break, the one `segment` avoids and `check` reports.

- `is_sentence_end`: a full stop, question or exclamation mark ends a sentence, unless the word
  is an abbreviation that does not end one here (``Dr.``, ``Mr.``, an initial ``E.``, ``e.g.``;
  ``U.S.`` ends a sentence only when the next word opens one).
- `binds_to_next`: a break after the word separates what a reader takes as one unit: a title or
  initial from the name (``Dr. | Martin``, ``J. | K. Rowling``), a number from its unit or scale
  (``25 | percent``, ``$3 | billion``, ``three | billion``), a word from its hyphenated part
  (``well- | known``), a phrasal verb's particle from its pronoun object (``pick it | up``).

Lists, not a sentence-splitting library: pysbd, the usual choice, has had no release since 2021,
and the cases that matter in captions are these few closed classes.
"""
from __future__ import annotations

import re
from functools import lru_cache

# --- punctuation ---------------------------------------------------------------------------
SENTENCE_MARKS = (".", "?", "!", "…")
DASHES = ("-", "–", "—")
CLAUSE_MARKS = (",", ";", ":", *DASHES)
# What may follow a word's last mark: closing quotes and brackets ("done.”", "(really?)").
CLOSERS = "\"'”’)]»"
# Punctuation around a word that is not part of it, for `bare`.
WORD_EDGES = ".,;:!?\"'“”‘’()[]…-–—"
# Punctuation a transcript token may be on its own that belongs to the word before it ("word ,").
CLOSING_PUNCTUATION = frozenset(".,;:!?…)]}\"'”’")
# Punctuation a clean line may begin with on its own that belongs to the word after it ("( laughs").
OPENING_PUNCTUATION = frozenset("([{\"'“‘«¿¡")
# Straight quotes as quotes, to count which are open: not an apostrophe inside a word ("it's").
QUOTE_MARKS = {mark: re.compile(rf"(?<![^\W_]){mark}|{mark}(?![^\W_])") for mark in "\"'"}

# --- words ---------------------------------------------------------------------------------
# What a sound description's first word names ("(Laughter)", "[laughs]", "[door slams]" is told
# by its place instead): a bracket inside a sentence that starts otherwise is the speaker's aside
# or the editor's insertion ("Otto [G.] Lindberg"), text to show with the sentence.
SOUND_WORDS = frozenset("""applause audio beep beeps bell bells booing breathing buzzing cheering
cheers chuckle chuckles chuckling clapping claps clears click clicks cough coughing coughs
crosstalk crying cries gasp gasps giggles groans hums humming inaudible indistinct knock knocking
laugh laughing laughs laughter murmuring music noise pause phone ringing rings screaming screams
sigh sighs silence singing sings sirens sniffles snoring sobbing sound sounds speaking static
unintelligible video whispering whispers whistle whistles whistling""".split())
# Words that bind to the word after them: never end a line or caption on one.
BINDING = frozenset("""a an the this that these those my your his her its our their whose i
and or but nor so if because while when which who whom although though unless until whether
of to in on at by for with from into onto upon about as than via per
after before since during over under between through without within against across around behind
beyond among toward towards
is are was were be been being am has have had do does did will would can could shall should may might must
not very mr mrs ms dr st""".split())
# Words a line or caption may well start with: a break before one is acceptable.
BREAK_BEFORE = frozenset("""and but or nor so yet because although though while whereas if unless until
when whenever where which who whom whose that after before since as than to
in on at by for with from into about over under between through during without within against""".split())
# Hesitations: said drawn out, they take longer than their syllables.
FILLERS = frozenset({"uh", "um", "er", "ah", "erm", "hmm", "mm", "uh-huh", "mhm", "eh", "oh"})
SCALES = frozenset({"thousand", "million", "billion", "trillion"})

# Titles written before a name; with or without the full stop they bind to the name.
TITLES = frozenset("""mr mrs ms mx dr prof st sr jr sen rep gov gen col capt lt sgt cpl adm
rev fr hon pres supt insp det mt ft""".split())
# Abbreviations that, followed by a full stop, seldom end a sentence ("e.g. the", "vs. them").
NON_FINAL = frozenset("""e.g. i.e. etc. vs. vs cf. approx. no. nos. vol. fig. figs. dept. est. inc
co. corp. ltd. jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. ave. blvd.""".split())
# Scales and units: a number before one is read with it ("25 percent", "3 billion", "10 km").
UNITS = SCALES | frozenset("""percent per cent % hundred thousands millions
billions dozen dollars dollar cents cent euros euro pounds pound yen yuan rupees pesos
bucks grand degrees degree km kilometers kilometres kilometer kilometre miles mile meters metres
meter metre feet foot inches inch cm mm kg kilograms kilogram grams gram tons tonnes ton lbs pounds
ounces liters litres gallons hours hour minutes minute seconds second days day weeks week months
month years year decades centuries mph kph gb mb tb kb ghz mhz kw mw gw kwh watts volts
a.m. p.m. am pm o'clock bc ad bce ce""".split())
NUMBER_WORDS = frozenset("""zero one two three four five six seven eight nine ten eleven twelve thirteen
fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
eighty ninety hundred half quarter several few many""".split()) | SCALES
# Words that open a sentence: after an abbreviation that can end one ("U.S."), one of these
# capitalised says a new sentence starts; a capitalised name ("U.S. Senate") does not.
OPENERS = frozenset("""a an the this that these those there here it its i we you he she they my our your
his her their and but or so yet because if when while although though after before since
what who why how where which now then today in on at for with as to of by from not no
yes well oh okay ok also however still just one some many most all every each""".split())

# A verb's particle after its pronoun object ("pick it up", "turn them off"): the pronoun shows
# the verb is phrasal, so the particle stays with it.
OBJECT_PRONOUNS = frozenset("it them him her me us you this that".split())
PARTICLES = frozenset("up down out off in on away back over around through apart together".split())

_STRIP = "\"'“”‘’()[]«»"


def _unquoted(text: str) -> str:
    return text.strip(_STRIP).lower()


def bare(text: str) -> str:
    """The word in lower case without the punctuation around it (`WORD_EDGES`)."""
    return text.lower().strip(WORD_EDGES)


def ends_in_stop(text: str) -> bool:
    """Ends in . ? ! or … (closing quotes and brackets after it aside): a sentence end unless
    the word is an abbreviation (`is_sentence_end`)."""
    return text.rstrip(CLOSERS).endswith(SENTENCE_MARKS)


def ends_in_clause(text: str) -> bool:
    """Ends in clause punctuation: , ; : or a dash (closing quotes and brackets after it aside)."""
    return text.rstrip(CLOSERS).endswith(CLAUSE_MARKS)


def ends_in_alnum(text: str) -> bool:
    """Ends in a letter or digit, closing quotes and brackets aside ("4/20", not "4/" or "the,")."""
    return text.rstrip(CLOSERS)[-1:].isalnum()


@lru_cache(maxsize=65536)
def binding_word(text: str) -> bool:
    """A word a line or caption should not end on (`BINDING`), unless punctuation follows it."""
    return ends_in_alnum(text) and bare(text) in BINDING


def first_name(text: str) -> bool:
    """Could be a first name: capitalised, all letters, not "I" or "A"."""
    name = text.strip("\"'“‘(")
    return name[:1].isupper() and name.isalpha() and name not in ("I", "A") and len(name) > 1


def last_name(text: str) -> bool:
    """Could be a last name: capitalised letters, a possessive or punctuation after them."""
    name = text.strip("\"'“‘(")
    return name[:1].isupper() and name.rstrip(".,;:!?'’s").isalpha()


@lru_cache(maxsize=65536)
def name_pair(text: str, next_text: str) -> bool:
    """Two capitalised words with nothing between them: maybe one name (``Elon Musk``)."""
    return ends_in_alnum(text) and first_name(text) and last_name(next_text)


def breaks_unit(text: str, next_text: str, then: str | None, sentence_end: bool, same_line: bool = True) -> bool:
    """A break between ``text`` and ``next_text`` (``then``: the word after that) splits what a
    reader takes together: it ends on a `binding_word` (even at the author's line end), or, inside
    a sentence and an author's line (``same_line``), splits a `name_pair` or what `binds_to_next`."""
    if binding_word(text):
        return True
    return not sentence_end and same_line and (name_pair(text, next_text) or binds_to_next(text, next_text, then))


@lru_cache(maxsize=65536)
def abbreviation(text: str) -> bool:
    """A word that ends in a full stop because it is shortened: a title (``Dr.``), an initial
    (``E.``), an abbreviation with inner stops (``U.S.``, ``Ph.D.``, ``a.m.``) or one of
    `NON_FINAL`."""
    bare = _unquoted(text)
    if not bare.endswith("."):
        return False
    core = bare[:-1]
    if core in TITLES or bare in NON_FINAL:
        return True
    if len(core) == 1 and core.isalpha():
        return True                              # an initial, or "a." in a list
    return "." in core and all(part.isalpha() and len(part) <= 3 for part in core.split("."))


def is_sentence_end(text: str, next_text: str | None) -> bool:
    """Does ``text`` end a sentence, ``next_text`` (None at the end) being the word after it?"""
    tail = text.rstrip(CLOSERS)
    if not tail.endswith(SENTENCE_MARKS):
        return False
    if tail.endswith(("?", "!", "…", "..")) or not abbreviation(text):
        return True
    if next_text is None:
        return True
    nxt = next_text.strip(_STRIP)
    if not nxt[:1].isupper() or _unquoted(text)[:-1] in TITLES:
        return False                             # "a.m. and", "e.g. the", "Dr. Fisher"
    return _unquoted(next_text) in OPENERS           # "the U.S. The" ends; "U.S. Senate", "E. Cheese" do not


def _number(bare: str) -> bool:
    core = bare.lstrip("$€£¥~+-").rstrip("%")
    return (core[:1].isdigit() and core.replace(",", "").replace(".", "").isdigit()) or bare in NUMBER_WORDS


@lru_cache(maxsize=65536)
def _binds_pair(here: str, after: str) -> bool:
    bare = _unquoted(here)
    if here.endswith(("-", "‐")) and here[:-1][-1:].isalpha():
        return True                              # "well- known" as the author wrapped it
    if bare.rstrip(".") in TITLES and (bare.endswith(".") or here[-1:].isalpha()) and after[:1].isupper():
        return True                              # "Dr. Martin", "Mr Smith"
    stripped = here.strip(_STRIP)
    if (len(stripped) == 2 and stripped[0].isupper() and stripped[1] == "." and after.strip(_STRIP)[:1].isupper()
            and _unquoted(after) not in OPENERS):
        return True                              # "J. K. Rowling", "Chuck E. Cheese"
    if _particle_after(here, after):
        return True                              # "pick it | up"
    if here[-1:].isalnum() or here.endswith("%"):
        if _number(bare) and _unquoted(after).rstrip(".,;:!?") in UNITS:
            return True                          # "25 percent", "$3 billion", "three billion"
    return False


def binds_to_next(text: str, next_text: str, then: str | None = None) -> bool:
    """A break between ``text`` and ``next_text`` (``then``: the word after that) would split a
    title or initial from its name, a number from its unit or scale, a hyphenated word, or a
    phrasal verb (``pick | it up``, ``pick it | up``)."""
    if then is not None and text[-1:].isalpha() and _particle_after(next_text, then):
        return True
    return _binds_pair(text, next_text)


def _particle_after(pronoun: str, particle: str) -> bool:
    return (pronoun[-1:].isalpha() and _unquoted(pronoun) in OBJECT_PRONOUNS
            and particle.strip(_STRIP).lower().rstrip(".,;:!?") in PARTICLES)
