"""Any text in: a clean CaptionsError, or valid captions carrying every kept clean word once."""
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from captions import CaptionRules, CaptionsError, align, make_captions, parse_texts

EXAMPLES = int(os.environ.get("CAPTIONS_FUZZ_EXAMPLES", "60"))
VOCAB = ("the market grew eighty six percent in twenty nineteen and we expect more growth next year "
         "our margins held up well thanks to pricing uh um I'm gonna say that demand is strong "
         "Sappi COVID Q1 results $30 million 86% 2019 year-end").split()


def stamp(ms: int, long_form: bool) -> str:
    s = ms // 1000
    return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" if long_form else f"{s // 60:02d}:{s % 60:02d}"


@st.composite
def recordings(draw):
    """A Rev transcript and a clean text edited from it (fillers out, words changed, furniture)."""
    long_form = draw(st.booleans())
    turns, t = [], 0
    for _ in range(draw(st.integers(1, 8))):
        t += draw(st.integers(0, 40_000))
        shown = t if draw(st.integers(0, 9)) else max(0, t - draw(st.integers(1, 60_000)))  # a bad stamp
        speaker = draw(st.sampled_from(["Ann Lee", "Speaker 2", "Bob"]))
        words = draw(st.lists(st.sampled_from(VOCAB), min_size=0, max_size=30))
        tag = f" [inaudible {stamp(t + 1000, True)}]" if draw(st.integers(0, 5)) == 0 else ""
        turns.append((speaker, shown, " ".join(words) + tag))
    header = draw(st.sampled_from(["{name} ({stamp}):\n{text}\n", "{name}: ({stamp}) {text}\n",
                                   "{name} ({stamp}): {text}\n"]))
    rev = "Page title\n\n" + "\n".join(header.format(name=n, stamp=stamp(ms, long_form), text=x)
                                       for n, ms, x in turns) + "\nTranscribe Your Own Content\n"
    clean_lines = ["Blog title", ""]
    for speaker, _, text in turns:
        words = [w for w in re.sub(r"\[[^\]]*\]", "", text).split() if w not in ("uh", "um")]
        if not words:
            continue
        clean_lines.append(f"{speaker}:")
        for n, w in enumerate(words):
            if draw(st.integers(0, 7)) == 0:
                words[n] = draw(st.sampled_from(["rewritten", "Indeed,", "well."]))
        cut = draw(st.integers(0, len(words)))
        clean_lines += [" ".join(words[:cut]), " ".join(words[cut:]), ""]
    clean_lines += ["Comments", "评论"]
    return rev, "\n".join(clean_lines)


def assert_valid(captions, alignment, rules):
    """Every kept word shown exactly once (in time order: a passage the editor moved is shown
    where it was spoken), captions ordered and apart by the minimum gap."""
    kept = [w.text for w, k in zip(alignment.words, alignment.kept) if k]
    shown = [w for c in captions for line in c.lines for w in line.split()]
    shown = [w[1:] if w.startswith(rules.dialogue_dash) and w[1:] else w for w in shown]
    assert sorted(shown) == sorted(kept)
    for a, b in zip(captions, captions[1:]):
        assert a.start_ms < a.end_ms <= b.start_ms - rules.min_gap_ms


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recordings())
def test_edited_recordings_give_valid_captions_or_a_clean_error(pair):
    rev, clean = pair
    rules = CaptionRules()
    try:
        transcript, text = parse_texts(rev, clean)
        result = make_captions(transcript, text, rules)
    except CaptionsError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert_valid(result.captions, align(transcript, text), rules)
    assert "Blog title" not in " ".join(" ".join(c.lines) for c in result.captions)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(max_size=400), st.text(max_size=400))
def test_any_text_gives_valid_captions_or_a_clean_error(rev, clean):
    rules = CaptionRules()
    try:
        transcript, text = parse_texts(rev, clean)
        result = make_captions(transcript, text, rules, force=True)
    except CaptionsError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert_valid(result.captions, align(transcript, text), rules)
