"""normalize.py: comparison keys, so a clean word and a verbatim word compare equal."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from captions.normalize import (MAX_NAMED_DIGITS, cardinal_words, join_spelled_letters, keys_of_words, ordinal_words, syllables,
                                word_keys, year_words)

from conftest import fuzz_settings


@pytest.mark.parametrize("word, keys", [
    # numbers spoken
    ("86%", ("eighty", "six", "percent")),
    ("1.5%", ("one", "point", "five", "percent")),
    ("100%", ("one", "hundred", "percent")),
    ("2019", ("twenty", "nineteen")),
    ("2010", ("twenty", "ten")),
    ("1999", ("nineteen", "ninety", "nine")),
    ("2000", ("two", "thousand")),
    ("1990s", ("nineteen", "nineties")),
    ("30,000", ("thirty", "thousand")),
    ("3.5", ("three", "point", "five")),
    ("007", ("zero", "zero", "seven")),
    ("10k", ("ten", "thousand")),
    ("$30", ("thirty", "dollars")),
    ("£5", ("five", "pounds")),
    ("$5.50", ("five", "dollars", "and", "fifty", "cents")),
    ("$2bn", ("two", "billion", "dollars")),
    # ordinals
    ("1st", ("first",)),
    ("2nd,", ("second",)),
    ("3rd", ("third",)),
    ("4th.", ("fourth",)),
    ("21st", ("twenty", "first")),
    ("100th", ("one", "hundredth")),
    # letters and digits together
    ("Q1", ("q", "one")),
    ("Q4.", ("q", "four")),
    ("COVID-19", ("covid", "nineteen")),
    # contractions, informal forms, apostrophes
    ("I'm", ("i", "am")),
    ("I’m", ("i", "am")),
    ("it’s", ("it", "is")),
    ("we're", ("we", "are")),
    ("they’ve", ("they", "have")),
    ("don't", ("do", "not")),
    ("can't", ("can", "not")),
    ("won’t", ("will", "not")),
    ("gonna", ("going", "to")),
    ("Wanna", ("want", "to")),
    ("'cause", ("because",)),
    ("OK", ("okay",)),
    # hyphens, punctuation and case
    ("year-end", ("year", "end")),
    ("state-affiliated", ("state", "affiliated")),
    ("“Hello,”", ("hello",)),
    ("(Twitter)", ("twitter",)),
    ("you-", ("you",)),
    ("BBC?", ("bbc",)),
    ("—", ()),
    ("...", ()),
])
def test_word_keys(word, keys):
    assert word_keys(word) == keys


def test_digits_and_spelled_numbers_get_the_same_keys():
    assert keys_flat("86% of users".split()) == keys_flat("eighty-six percent of users".split())
    assert keys_flat("in 2019".split()) == keys_flat("in twenty nineteen".split())
    assert keys_flat("the 3rd quarter".split()) == keys_flat("the third quarter".split())


def keys_flat(words):
    return [k for keys in keys_of_words(words) for k in keys]


@pytest.mark.parametrize("words, expected", [
    ("$30 million", [("thirty",), ("million", "dollars")]),
    ("$30 Million.", [("thirty",), ("million", "dollars")]),
    ("($4 billion)", [("four",), ("billion", "dollars")]),
    ("€30 million", [("thirty",), ("million", "euros")]),
    ("£1.5 trillion", [("one", "point", "five"), ("trillion", "pounds")]),
    ("$30 apples", [("thirty", "dollars"), ("apples",)]),
])
def test_currency_before_scale_word_is_said_after_it(words, expected):
    assert keys_of_words(words.split()) == expected


def test_currency_look_ahead_matches_spoken_form():
    assert keys_flat("$30 million".split()) == keys_flat("thirty million dollars".split())


def test_keys_of_words_keeps_one_entry_per_word():
    words = "I'm gonna say $30 million , in 2019 —".split()
    assert len(keys_of_words(words)) == len(words)
    assert keys_of_words([]) == []


def test_yen_before_scale_word():
    assert keys_flat("¥30 million".split()) == ["thirty", "million", "yen"]


def test_two_decimal_currency_before_scale_word():
    assert keys_flat("$1.25 billion".split()) == ["one", "point", "two", "five", "billion", "dollars"]


@pytest.mark.parametrize("words, expected", [
    ("the S E C said", [("the",), ("sec",), (), (), ("said",)]),
    ("S. E. C. filing", [("sec",), (), (), ("filing",)]),
    ("U. S. economy", [("us",), (), ("economy",)]),
    ("I A B C", [("i",), ("a",), ("bc",), ()]),
    ("a single X here", [("a",), ("single",), ("x",), ("here",)]),
])
def test_join_spelled_letters(words, expected):
    assert join_spelled_letters(words.split()) == expected


def test_join_spelled_letters_keeps_word_indices():
    words = "we filed with the S E C and F T C today".split()
    keys = join_spelled_letters(words)
    assert len(keys) == len(words)
    assert keys[words.index("S")] == ("sec",)
    assert keys[words.index("F")] == ("ftc",)
    assert keys[-1] == ("today",)


@pytest.mark.parametrize("word, n", [("the", 1), ("spontaneity", 5), ("make", 1), ("2019", 4), ("", 1)])
def test_syllables_rough_count(word, n):
    assert syllables(word) == pytest.approx(n, abs=1)
    assert syllables(word) >= 1


@fuzz_settings(150)
@given(st.lists(st.text(max_size=12), max_size=12))
def test_keys_are_lowercase_strings_one_tuple_a_word(words):
    keys = keys_of_words(words)
    assert len(keys) == len(words)
    for k in keys:
        assert isinstance(k, tuple)
        assert all(isinstance(x, str) and x and x == x.lower() for x in k)
    assert len(join_spelled_letters(words)) == len(words)


def test_syllables_of_words_whose_keys_keep_digits_end():
    """'m²' and '23.008,0' keep a digit in a key; counting them must not recurse forever."""
    from captions.normalize import syllables

    assert syllables("m²") >= 1 and syllables("23.008,0") >= 1


@pytest.mark.parametrize("n, words", [
    (0, "zero"), (7, "seven"), (13, "thirteen"), (20, "twenty"), (21, "twenty one"), (99, "ninety nine"),
    (100, "one hundred"), (105, "one hundred and five"), (110, "one hundred and ten"),
    (999, "nine hundred and ninety nine"), (1000, "one thousand"), (1001, "one thousand and one"),
    (1100, "one thousand one hundred"), (2500, "two thousand five hundred"),
    (101_000, "one hundred and one thousand"), (1_000_001, "one million and one"),
    (30_000_000, "thirty million"), (1_250_000_000, "one billion two hundred and fifty million"),
    (10 ** 33, "one decillion"), (10 ** 36, "one undecillion"), (10 ** 63, "one vigintillion"),
    (10 ** 303, "one centillion"),
])
def test_cardinal_words(n, words):
    assert cardinal_words(n) == words.split()


@pytest.mark.parametrize("n, words", [
    (0, "zeroth"), (1, "first"), (2, "second"), (3, "third"), (4, "fourth"), (5, "fifth"), (8, "eighth"),
    (9, "ninth"), (12, "twelfth"), (20, "twentieth"), (21, "twenty first"), (100, "one hundredth"),
    (112, "one hundred and twelfth"), (1_000_000, "one millionth"),
])
def test_ordinal_words(n, words):
    assert ordinal_words(n) == words.split()


@pytest.mark.parametrize("n, words", [
    (2019, "twenty nineteen"), (1999, "nineteen ninety nine"), (1900, "nineteen hundred"),
    (1905, "nineteen oh five"), (2005, "two thousand and five"), (2010, "twenty ten"),
    (1100, "eleven hundred"), (2099, "twenty ninety nine"), (2100, "twenty one hundred"),
    (12019, "twelve thousand and nineteen"),
])
def test_year_words(n, words):
    assert year_words(n) == words.split()


def test_numbers_past_the_named_scales_are_refused():
    with pytest.raises(OverflowError):
        cardinal_words(10 ** 306)


@pytest.mark.parametrize("digits", [MAX_NAMED_DIGITS + 1, 400, 5000])
def test_a_number_too_long_to_name_is_said_digit_by_digit(digits):
    """A serial number or a pasted hash, not an amount: no crash (Python also refuses to convert
    more than 4300 digits to an int)."""
    assert word_keys("9" * digits) == ("nine",) * digits
    assert word_keys("1" * MAX_NAMED_DIGITS) == tuple(cardinal_words(int("1" * MAX_NAMED_DIGITS)))


def test_number_words_say_what_num2words_says():
    """They were num2words' English; where it is installed, compare over a spread of numbers."""
    lang_en = pytest.importorskip("num2words.lang_EN")
    import random
    import re

    english = lang_en.Num2Word_EN()

    def spoken(text):
        return [w for w in re.split(r"[\s,\-]+", text) if w]

    rng = random.Random(1)
    numbers = [*range(0, 3000), *(10 ** k + d for k in range(3, 306) for d in (-1, 0, 1, 100, 101)),
               *(int(str(rng.randint(1, 9)) + "".join(rng.choice("0019") for _ in range(rng.randint(3, 300))))
                 for _ in range(500))]
    for n in numbers:
        assert cardinal_words(n) == spoken(english.to_cardinal(n)), n
        assert ordinal_words(n) == spoken(english.to_ordinal(n)), n
    for n in range(1000, 2200):
        assert year_words(n) == spoken(english.to_year(n)), n
