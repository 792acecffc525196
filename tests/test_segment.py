"""Segmentation: captions break where a subtitler would, lines fit, times obey the rules."""
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from captions import CaptionRules, TimedWord, segment
from captions.segment import COST_BINDING, break_costs, break_lines

RULES = CaptionRules()
EXAMPLES = int(os.environ.get("CAPTIONS_FUZZ_EXAMPLES", "150"))


def words_of(text: str, start_ms: int = 0, ms_per_word: int = 300, speaker: str = "A", line: int = 1,
             block: int = 1) -> list[TimedWord]:
    out, t = [], start_ms
    for w in text.split():
        out.append(TimedWord(w, t, t + ms_per_word - 40, speaker, line, block, True))
        t += ms_per_word
    return out


def texts(captions) -> list[str]:
    return [" ".join(c.lines) for c in captions]


def test_a_speaker_change_always_ends_a_caption():
    words = words_of("We grew a lot this year.", 0) + words_of("Did margins hold?", 2000, speaker="B")
    caps = segment(words, RULES)
    assert all(not ("year." in t and "margins" in t) or t.startswith("-") for t in texts(caps))


def test_short_exchanges_become_one_dialogue_caption_with_dashes():
    words = (words_of("Yes.", 0, speaker="A") + words_of("Really?", 500, speaker="B")
             + words_of("A long answer follows here and it goes on for quite a while now.", 3000, speaker="A"))
    caps = segment(words, RULES)
    assert caps[0].lines == ("-Yes.", "-Really?")


def test_speaker_labels_name_the_speaker_at_each_change():
    words = words_of("We grew a lot this year.", 0, speaker="Ann Lee") + words_of(
        "Did the margins hold up as well as you hoped?", 3000, speaker="Bob Roe")
    caps = segment(words, RULES, speaker_labels=True)
    joined = texts(caps)
    assert joined[0].startswith("Ann Lee: We grew")
    assert any(t.startswith("Bob Roe: Did") for t in joined)
    assert caps[0].voices[0] == "Ann Lee"


def test_the_authors_line_ends_are_preferred_caption_ends():
    first = words_of("So we looked at every market we serve,", 0, line=1)
    second = words_of("and the picture was the same everywhere we went.", len(first) * 300, line=2)
    caps = segment(first + second, RULES)
    assert texts(caps)[0] == "So we looked at every market we serve,"


def test_never_split_an_article_from_its_noun_or_a_name():
    for text in ("I spoke with Elon Musk about the future of the company today",
                 "we have been talking to the engineers who built the platform"):
        (cap,) = segment(words_of(text), RULES)
        assert len(cap.lines) == 2
        assert not cap.lines[0].endswith((" the", " Elon", " to", " with", " have")), cap.lines


def test_a_preposition_is_never_left_at_a_break_without_its_object():
    for preposition in ("during", "after", "between", "through", "without", "across", "towards"):
        words = words_of(f"We grew {preposition} the year")
        texts = [w.text for w in words]
        assert break_costs(words, texts)[2] >= COST_BINDING, preposition


def test_a_line_that_fits_stays_one_line():
    assert break_lines("Short and sweet.".split(), [1.0, 1.0], RULES) == ["Short and sweet."]


def test_lines_are_balanced_and_bottom_heavy():
    text = "The site works, mostly, and we are doing it with a small fraction of the staff"
    caps = segment(words_of(text), RULES)
    for c in caps:
        if len(c.lines) == 2:
            assert abs(len(c.lines[0]) - len(c.lines[1])) < 20


def test_times_follow_the_rules_minimum_gap_chaining_and_durations():
    words = (words_of("First sentence here.", 0) + words_of("Second one follows closely.", 1500)
             + words_of("Then a pause.", 9000))
    caps = segment(words, RULES)
    gap = RULES.min_gap_ms
    assert gap == 84
    for a, b in zip(caps, caps[1:]):
        assert b.start_ms - a.end_ms >= gap
        if b.start_ms - a.end_ms < RULES.chain_gap_ms:
            assert b.start_ms - a.end_ms == gap
    for c in caps:
        assert RULES.min_duration_ms <= c.end_ms - c.start_ms <= RULES.max_duration_ms


def test_reading_speed_is_met_by_lengthening_into_free_time():
    words = words_of("This is a fairly long caption spoken very very quickly indeed.", 0, ms_per_word=100)
    (cap,) = segment(words, RULES)
    chars = len(" ".join(cap.lines))
    assert chars * 1000 / (cap.end_ms - cap.start_ms) <= RULES.max_chars_per_second


def _editor_words_then_speech(ms_per_word: int) -> list[TimedWord]:
    """'In short,' added by the editor (no match, interpolated just before the speech), then
    the spoken words from 10 s."""
    added = [w._replace(matched=False) for w in words_of("In short,", 10_000 - 2 * ms_per_word, ms_per_word)]
    return added + words_of("we grew faster than the market.", 10_000, ms_per_word)


def test_a_caption_starts_when_its_speech_does_not_at_an_editors_added_words():
    (cap,) = segment(_editor_words_then_speech(400), RULES)
    assert cap.lines == ("In short, we grew faster than the market.",)
    assert cap.start_ms == 10_000


def test_a_caption_too_quick_to_read_may_start_as_early_as_its_added_words():
    (cap,) = segment(_editor_words_then_speech(100) + words_of("And costs fell.", 12_000, speaker="B"), RULES)[:1]
    assert 9_800 <= cap.start_ms < 10_000       # earlier than the speech, not before its first word


def test_gap_in_frames_follows_the_frame_rate():
    assert CaptionRules(fps=25).min_gap_ms == 80
    assert CaptionRules(fps=29.97).min_gap_ms == 67
    assert CaptionRules(fps=23.976).min_gap_ms == 84


# --- properties --------------------------------------------------------------------------------

word_text = st.text(alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters=".,?'-"),
                    min_size=1, max_size=14).filter(lambda w: any(ch.isalnum() for ch in w))


@st.composite
def timed_words(draw):
    n = draw(st.integers(1, 60))
    out, t = [], draw(st.integers(0, 5000))
    speaker_changes = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    speaker, line = "A", 1
    for k in range(n):
        t += draw(st.integers(0, 3000))
        dur = draw(st.integers(1, 1500))
        if speaker_changes[k] and draw(st.integers(0, 4)) == 0:
            speaker = "B" if speaker == "A" else "A"
        if draw(st.integers(0, 5)) == 0:
            line += 1
        out.append(TimedWord(draw(word_text), t, t + dur, speaker, line, line, draw(st.booleans())))
    return out


rules_strategy = st.builds(CaptionRules, max_chars_per_line=st.integers(16, 60), max_lines=st.integers(1, 3),
                           fps=st.sampled_from([23.976, 24.0, 25.0, 29.97, 30.0]))


@settings(max_examples=EXAMPLES, deadline=None)
@given(timed_words(), rules_strategy)
def test_every_word_once_in_order_and_captions_never_overlap(words, rules):
    caps = segment(words, rules)
    shown = " ".join(" ".join(c.lines) for c in caps).replace("-", " ").split()
    expected = " ".join(w.text for w in words).replace("-", " ").split()
    assert shown == expected
    for a, b in zip(caps, caps[1:]):
        assert a.start_ms < a.end_ms <= b.start_ms - rules.min_gap_ms
    for c in caps:
        assert 1 <= len(c.lines) <= rules.max_lines or any(len(w.text) > rules.max_chars_per_line for w in words)
        for line in c.lines:
            assert len(line) <= rules.max_chars_per_line or " " not in line.lstrip("-")


def _plain_caption_spans(run, texts, costs, ends, rules):
    """The caption DP written plainly: every candidate caption scored whole (the reference the
    pruned `_caption_spans` must match exactly, ties included)."""
    from captions.segment import (COST_BINDING, COST_CPS, COST_LONG_PAUSE, COST_NEW_SENTENCE_TAIL, COST_ORPHAN,
                                  COST_PAUSE_INSIDE, COST_PER_CAPTION, COST_SENTENCE_INSIDE, COST_SHARED,
                                  COST_SHORT, LINE_BREAK_WEIGHT, LONG_PAUSE_MS, NEW_SENTENCE_TAIL)
    n = len(run)
    best, back = [0.0] + [float("inf")] * n, [0] * (n + 1)
    cpl, ms_per_char = rules.max_chars_per_line, 1000 / rules.max_chars_per_second
    for i in range(n):
        start = run[i].start_ms
        for j in range(i, n):
            text = texts[i:j + 1]
            chars = len(" ".join(text))
            lines = [[text[0]]]
            for t in text[1:]:
                fits = len(" ".join(lines[-1] + [t])) <= cpl
                lines[-1:] = [lines[-1] + [t]] if fits else [lines[-1], [t]]
            if j > i and (len(lines) > rules.max_lines or chars > rules.max_chars
                          or run[j].end_ms - start > rules.max_duration_ms):
                break
            cost = best[i] + COST_PER_CAPTION + (costs[j] if j < n - 1 else 0.0)
            limit = min(run[j + 1].start_ms - rules.min_gap_ms if j < n - 1
                        else run[-1].end_ms + rules.linger_ms + rules.chain_gap_ms, start + rules.max_duration_ms)
            wanted = max(run[j].end_ms + rules.linger_ms, start + rules.min_duration_ms, start + chars * ms_per_char)
            shown = max(min(wanted, limit) - start, 1)
            if shown < rules.min_duration_ms:
                cost += COST_SHORT
            if chars * ms_per_char > shown:
                cost += COST_CPS * (chars * ms_per_char / shown - 1)
            for k in range(i + 1, j + 1):
                pause = run[k].start_ms - run[k - 1].end_ms
                if pause >= LONG_PAUSE_MS:
                    cost += COST_LONG_PAUSE + COST_PAUSE_INSIDE * pause / 1000
            cost += COST_PER_CAPTION / (cpl * cpl) * chars * chars
            inside = [k for k in range(i, j) if ends[k]]
            if inside:
                if chars <= cpl:
                    cost += COST_SHARED
                else:
                    cost += COST_SENTENCE_INSIDE * len(inside)
                    if j - inside[-1] <= NEW_SENTENCE_TAIL:
                        cost += COST_NEW_SENTENCE_TAIL
            if rules.max_lines == 2 and chars > cpl:
                # Lines of at most cpl characters, or of one word that is longer; a one-word
                # caption longer than a line has always been given the break after its word.
                after = range(i, j) if j > i else range(j, min(j + 1, n - 1))
                breaks = [costs[k] for k in after if (k == i or len(" ".join(texts[i:k + 1])) <= cpl)
                          and (k >= j - 1 or len(" ".join(texts[k + 1:j + 1])) <= cpl)]
                cost += LINE_BREAK_WEIGHT * (min(breaks) if breaks else COST_BINDING)
            if j - i < 2 and chars < 12 and 0 < i and j < n - 1:
                cost += COST_ORPHAN
            if cost < best[j + 1]:
                best[j + 1], back[j + 1] = cost, i
    spans, j = [], n
    while j > 0:
        spans.append((back[j], j))
        j = back[j]
    return spans[::-1]


@settings(max_examples=EXAMPLES, deadline=None)
@given(timed_words(), st.builds(CaptionRules, max_chars_per_line=st.integers(8, 60), max_lines=st.integers(1, 3),
                                max_duration_ms=st.sampled_from([3000, 7000]), linger_ms=st.sampled_from([0, 300])))
def test_caption_choice_is_the_plain_dynamic_programme(words, rules):
    """Pruning candidates that cannot win and reading sums from running totals changes nothing."""
    from captions.segment import _caption_spans, _runs, break_costs, sentence_ends

    for run in _runs(words):
        texts = [w.text for w in run]
        ends = sentence_ends(texts)
        costs = break_costs(run, texts, ends)
        assert _caption_spans(run, texts, costs, ends, rules) == _plain_caption_spans(run, texts, costs, ends, rules)


def _break_lines_by_every_layout(texts, costs, cpl):
    """The general enumeration break_lines uses for other line counts, for two lines."""
    from captions.segment import _greedy, _layouts, _raggedness
    full = " ".join(texts)
    if len(full) <= cpl or len(texts) == 1:
        return [full]
    text_end = [0]
    for t in texts:
        text_end.append(text_end[-1] + len(t) + 1)
    best = None
    for cuts in _layouts(text_end, cpl, 2):
        bounds = [0, *cuts, len(texts)]
        lengths = [text_end[y] - text_end[x] - 1 for x, y in zip(bounds, bounds[1:])]
        cost = sum(costs[c - 1] for c in cuts) + _raggedness(lengths, cpl) + 10.0 * len(cuts)
        if best is None or cost < best[0]:
            best = (cost, bounds)
    if best is None:
        return _greedy(texts, cpl)
    return [" ".join(texts[x:y]) for x, y in zip(best[1], best[1][1:])]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.integers(1, 14), min_size=1, max_size=14), st.data(), st.sampled_from([8, 12, 25, 37, 42]))
def test_two_line_breaks_match_every_layout(lengths, data, cpl):
    """The two-line fast path chooses what weighing every layout chooses, ties included."""
    texts = ["x" * n for n in lengths]
    costs = data.draw(st.lists(st.sampled_from([0.0, 1.0, 3.0, 5.0, 8.0, 30.0, 33.0, 38.0]),
                               min_size=len(texts) - 1, max_size=len(texts) - 1))
    rules = CaptionRules(max_chars_per_line=cpl, max_lines=2)
    assert break_lines(texts, costs, rules) == _break_lines_by_every_layout(texts, costs, cpl)
