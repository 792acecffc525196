"""pronounce.py: every clean word said with phones the recogniser's dictionary holds."""
from __future__ import annotations

from captions.pronounce import Speller, letters_to_sounds


def test_speller_says_numbers_acronyms_and_unknown_names_with_dictionary_phones():
    dictionary = {"twenty": "T W EH N T IY", "five": "F AY V", "percent": "P ER S EH N T", "b": "B IY",
                  "one": "W AH N", "walk": "W AO K", "c.": "S IY"}
    speller = Speller(dictionary.get, dictionary.__setitem__)
    assert speller.spoken("25%") == ["twenty", "five", "percent"]
    assert speller.spoken("B-1,") == ["b", "one"]
    (cls,) = speller.spoken("CLS")
    assert dictionary[cls] == "S IY EH L EH S"
    (walked,) = speller.spoken("walked")
    assert dictionary[walked] == "W AO K D"
    (name,) = speller.spoken("Zelenskyy")
    assert dictionary[name] == letters_to_sounds("Zelenskyy") and dictionary[name]
    assert speller.spoken("—") == []


