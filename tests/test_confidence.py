"""captions.confidence: where each caption's time came from, how far off it may be, what in it
the transcript does not have, and which rules it breaks."""
from __future__ import annotations

from captions import make_captions
from captions.confidence import (BESIDE_UNHEARD_ON_TIME, HEARD_ON_TIME, TEXT_DISTANCE_MS, TEXT_EXPECTED_ERROR_MS,
                                 TEXT_ON_TIME, UNHEARD_EXPECTED_ERROR_MS, UNHEARD_ON_TIME, assess, distance_bin)
from captions.model import Anchor, Caption, TimedWord
from captions.readers import parse_transcript_text
from captions.rules import CaptionRules

from conftest import dedent

RULES = CaptionRules()


def word(text, start, matched=True, timed_by="text"):
    return TimedWord(text, start, start + 300, "A", 1, 0, matched, timed_by)


def caption(start, texts, matched=True, timed_by="text", end=None):
    words = tuple(word(t, start + 300 * k, matched, timed_by) for k, t in enumerate(texts))
    return Caption(start, end or start + 2000, (" ".join(texts),), (), words)


def test_the_measured_tables_grow_with_distance():
    for errors, on_time in ((TEXT_EXPECTED_ERROR_MS, TEXT_ON_TIME), (UNHEARD_EXPECTED_ERROR_MS, UNHEARD_ON_TIME)):
        assert len(errors) == len(on_time) == len(TEXT_DISTANCE_MS) + 1
        assert list(errors) == sorted(errors)
        assert list(on_time) == sorted(on_time, reverse=True)
    # heard captions are trusted more than any text timing, least beside what was not heard
    assert HEARD_ON_TIME > BESIDE_UNHEARD_ON_TIME > UNHEARD_ON_TIME[1]
    assert [distance_bin(d) for d in (0, 999, 1000, 29_999, 30_000, 10**9)] == [0, 0, 1, 5, 6, 6]


def test_text_timing_is_trusted_less_far_from_a_stamp():
    stamps = [Anchor(0, 0, 1), Anchor(50, 60_000, 5)]          # whole seconds: expected at +500 ms
    near, far = caption(700, ["Hello", "there."]), caption(30_000, ["Later", "on."])
    a, b = assess([near, far], RULES, stamps)
    assert (a.timing, a.stamp_distance_ms, a.on_time) == ("text", 200, TEXT_ON_TIME[0])
    assert (b.timing, b.stamp_distance_ms) == ("text", 29_500)
    assert b.expected_error_ms > a.expected_error_ms and b.score < a.score
    assert a.unmatched == () and a.breaches == ()


def test_untrusted_stamps_do_not_count():
    c = caption(10_000, ["Hello", "there."])
    (trusted,) = assess([c], RULES, [Anchor(0, 9_500, 1)])
    (untrusted,) = assess([c], RULES, [Anchor(0, 9_500, 1, trusted=False)])
    assert trusted.stamp_distance_ms == 0 and untrusted.stamp_distance_ms is None
    assert untrusted.on_time == TEXT_ON_TIME[-1]


def test_word_times_without_a_recording():
    stamped = caption(9_000, ["Stamped", "words."])
    anchors = [Anchor(0, 0, 1), Anchor(7, 9_000, 2, resolution_ms=1)]
    _, w = assess([caption(5_000, ["Between", "stamps."]), stamped], RULES, anchors)
    assert (w.timing, w.on_time, w.recording) == ("words", HEARD_ON_TIME, None)


def test_with_a_recording_where_a_caption_stands_in_it_sets_its_trust():
    """Heard among heard captions; heard beside a caption the recording could not time; not
    heard (text timing where the aligner could not follow, its own measured table)."""
    heard = [True, True, True, False, True]
    captions = [caption(1_000 + 2_000 * k, [f"Word{k}", "here."], timed_by="audio" if h else "text",
                        end=2_800 + 2_000 * k) for k, h in enumerate(heard)]
    anchors = [Anchor(2 * k, 1_000 + 2_000 * k, k + 1, resolution_ms=1) for k, h in enumerate(heard) if h]
    confidence = assess(captions, RULES, anchors)
    assert [c.recording for c in confidence] == ["heard", "heard", "beside-unheard", "unheard", "beside-unheard"]
    assert [c.timing for c in confidence] == ["audio", "audio", "audio", "text", "audio"]
    assert confidence[0].on_time == HEARD_ON_TIME and confidence[2].on_time == BESIDE_UNHEARD_ON_TIME
    unheard = confidence[3]
    assert unheard.stamp_distance_ms == 2_000 and unheard.on_time == UNHEARD_ON_TIME[distance_bin(2_000)]
    assert unheard.score < confidence[2].score < confidence[0].score
    # without a recording the same text timing takes the text-only table
    (alone,) = assess([captions[3]], RULES, [Anchor(0, 5_000, 1)])
    assert alone.recording is None and alone.on_time == TEXT_ON_TIME[distance_bin(alone.stamp_distance_ms)]


def test_unmatched_words_lower_the_score_and_are_named():
    words = (word("We", 1000), word("really", 1300, matched=False), word("agree.", 1600))
    c = Caption(1000, 3000, ("We really agree.",), (), words)
    (conf,) = assess([c], RULES, [Anchor(0, 500, 1)])
    assert conf.unmatched == ("really",)
    assert conf.score == round(conf.on_time * 2 / 3, 4)
    # The start is the first matched word's: an editor's word before it does not move it.
    lead = Caption(900, 3000, ("So we agree.",), (), (word("So", 900, matched=False), word("we", 1000),
                                                       word("agree.", 1300)))
    (first,) = assess([lead], RULES, [Anchor(0, 500, 1)])
    assert first.stamp_distance_ms == 0


def test_a_hard_breach_makes_the_score_zero_and_soft_ones_are_listed():
    long_line = caption(1000, ["word"] * 12, end=9000)                 # 59 characters, 8 s
    quick = caption(10_000, ["Hi."], end=10_400)                       # under 5/6 s
    a, b = assess([long_line, quick], RULES, [Anchor(0, 500, 1)])
    assert "chars_per_line" in a.breaches and "too_long" in a.breaches and a.score == 0
    assert b.breaches == ("too_short",) and b.score > 0


def test_captions_read_from_a_file_have_no_timing_source():
    (conf,) = assess([Caption(0, 2000, ("From a file.",))], RULES)
    assert conf.timing == "none" and conf.unmatched == () and conf.stamp_distance_ms is None


def test_on_a_made_transcript_captions_far_from_the_stamps_rank_lowest():
    sentence = "We looked at every farm in the region and counted what each one lost this year."
    rev = dedent(f"""
        Speaker 1 (00:00):

        {" ".join([sentence] * 6)}

        Speaker 2 (01:00):

        Thank you.
        """)
    transcript = parse_transcript_text(rev)
    text = "\n".join([sentence] * 6 + ["Thank you."])
    result = make_captions(transcript, _clean(text), RULES)
    confidence = assess(result.captions, RULES, transcript.anchors)
    assert len(confidence) == len(result.captions)
    distances = [c.stamp_distance_ms for c in confidence]
    assert distances[0] < 1000 and max(distances) > 15_000
    middle = max(range(len(distances)), key=distances.__getitem__)
    assert confidence[middle].score < confidence[0].score


def _clean(text: str):
    from captions.readers.clean.text import parse_clean_text

    return parse_clean_text(text)
