"""What single words say about the word after them: the word lists caption cutting (`segment`)
and checking (`check`) share, so the two judge a break alike.

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

from functools import lru_cache

# Titles written before a name; with or without the full stop they bind to the name.
TITLES = frozenset("""mr mrs ms mx dr prof st sr jr sen rep gov gen col capt lt sgt cpl adm
rev fr hon pres supt insp det mt ft""".split())
# Abbreviations that, followed by a full stop, seldom end a sentence ("e.g. the", "vs. them").
NON_FINAL = frozenset("""e.g. i.e. etc. vs. vs cf. approx. no. nos. vol. fig. figs. dept. est. inc
co. corp. ltd. jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. ave. blvd.""".split())
# Scales and units: a number before one is read with it ("25 percent", "3 billion", "10 km").
UNITS = frozenset("""percent per cent % hundred thousand million billion trillion thousands millions
billions dozen dollars dollar cents cent euros euro pounds pound yen yuan rupees pesos
bucks grand degrees degree km kilometers kilometres kilometer kilometre miles mile meters metres
meter metre feet foot inches inch cm mm kg kilograms kilogram grams gram tons tonnes ton lbs pounds
ounces liters litres gallons hours hour minutes minute seconds second days day weeks week months
month years year decades centuries mph kph gb mb tb kb ghz mhz kw mw gw kwh watts volts
a.m. p.m. am pm o'clock bc ad bce ce""".split())
NUMBER_WORDS = frozenset("""zero one two three four five six seven eight nine ten eleven twelve thirteen
fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
eighty ninety hundred thousand million billion trillion half quarter several few many""".split())
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


def _bare(text: str) -> str:
    return text.strip(_STRIP).lower()


@lru_cache(maxsize=65536)
def abbreviation(text: str) -> bool:
    """A word that ends in a full stop because it is shortened: a title (``Dr.``), an initial
    (``E.``), an abbreviation with inner stops (``U.S.``, ``Ph.D.``, ``a.m.``) or one of
    `NON_FINAL`."""
    bare = _bare(text)
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
    tail = text.rstrip("\"'”’)]»")
    if not tail.endswith((".", "?", "!", "…")):
        return False
    if tail.endswith(("?", "!", "…", "..")) or not abbreviation(text):
        return True
    if next_text is None:
        return True
    nxt = next_text.strip(_STRIP)
    if not nxt[:1].isupper() or _bare(text)[:-1] in TITLES:
        return False                             # "a.m. and", "e.g. the", "Dr. Fisher"
    return _bare(next_text) in OPENERS           # "the U.S. The" ends; "U.S. Senate", "E. Cheese" do not


def _number(bare: str) -> bool:
    core = bare.lstrip("$€£¥~+-").rstrip("%")
    return (core[:1].isdigit() and core.replace(",", "").replace(".", "").isdigit()) or bare in NUMBER_WORDS


@lru_cache(maxsize=65536)
def _binds_pair(here: str, after: str) -> bool:
    bare = _bare(here)
    if here.endswith(("-", "‐")) and here[:-1][-1:].isalpha():
        return True                              # "well- known" as the author wrapped it
    if bare.rstrip(".") in TITLES and (bare.endswith(".") or here[-1:].isalpha()) and after[:1].isupper():
        return True                              # "Dr. Martin", "Mr Smith"
    stripped = here.strip(_STRIP)
    if (len(stripped) == 2 and stripped[0].isupper() and stripped[1] == "." and after.strip(_STRIP)[:1].isupper()
            and _bare(after) not in OPENERS):
        return True                              # "J. K. Rowling", "Chuck E. Cheese"
    if _particle_after(here, after):
        return True                              # "pick it | up"
    if here[-1:].isalnum() or here.endswith("%"):
        if _number(bare) and _bare(after).rstrip(".,;:!?") in UNITS:
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
    return (pronoun[-1:].isalpha() and _bare(pronoun) in OBJECT_PRONOUNS
            and particle.strip(_STRIP).lower().rstrip(".,;:!?") in PARTICLES)
