"""Timing: stamps anchor turns, words spread by two duration models, every clean word gets a time."""
from captions import align, parse_clean_text, parse_rev, time_words
from captions.timing import letter_times, stretches_of, syllable_times, transcript_times


def _times(rev: str) -> dict[str, tuple[int, int]]:
    transcript = parse_rev(rev)
    starts, ends = transcript_times(transcript)
    return {w.text.strip(".,?!"): (s, e) for w, s, e in zip(transcript.words, starts, ends)}


def test_a_turn_starts_between_its_floored_stamp_and_half_a_second_after_it():
    """The syllable model starts a stretch at the stamp's expected start (half a step after the
    floored second), the letter model at the stamp as written; a word takes their mean."""
    rev = "A (00:00:10):\nHello there.\n\nB (00:00:20):\nGood morning.\n\nA (00:00:30):\nBye.\n"
    plan = stretches_of(parse_rev(rev))
    assert syllable_times(plan)[0][0] == 10_500 and letter_times(plan)[0][0] == 10_000
    t = _times(rev)
    assert t["Hello"][0] == 10_250
    assert t["Good"][0] == 20_250


def test_the_letter_model_spreads_words_by_characters_from_the_stamp_as_written():
    rev = "A (00:00:10):\nab abcd ab.\n\nA (00:00:20):\nNext.\n"
    plan = stretches_of(parse_rev(rev))
    starts = [s for s, _ in letter_times(plan)[:3]]
    # 2 + 4 + 3 characters over the ten seconds from 00:00:10 to 00:00:20
    assert [round(s) for s in starts] == [10_000, 10_000 + round(2 / 9 * 10_000), 10_000 + round(6 / 9 * 10_000)]
    assert letter_times(plan)[3] is None             # after the last stamp: the syllable model alone


def test_each_word_takes_the_mean_of_the_two_models_between_stamps():
    rev = ("A (00:00:00):\nWell, the results were strong, and margins held up this quarter.\n\n"
           "A (00:00:09):\nSo we raise the outlook for the year.\n\nB (00:00:20):\nThanks.\n")
    transcript = parse_rev(rev)
    plan = stretches_of(transcript)
    starts, ends = transcript_times(transcript)
    for start, (s0, _), other in zip(starts, syllable_times(plan), letter_times(plan)):
        assert start == round((s0 + other[0]) / 2 if other else s0)
    # both models keep words in order, one after another, so their mean does too
    assert all(s < e for s, e in zip(starts, ends)) and starts == sorted(starts)
    assert all(e <= s for e, s in zip(ends, starts[1:]))


def test_words_keep_order_and_end_before_the_next_speaker():
    rev = ("A (00:00:00):\nOne two three four five six seven eight nine ten eleven twelve.\n\n"
           "B (00:01:00):\nThirteen.\n")
    t = _times(rev)
    starts = [t[w][0] for w in "One two three four five six seven eight nine ten eleven twelve".split()]
    assert starts == sorted(starts)
    # Twelve words do not take a minute: speech ends well before the next speaker's stamp.
    assert t["twelve"][1] < 40_000


def test_the_same_speaker_goes_on_up_to_the_next_stamp():
    words = " ".join(["word"] * 40)
    rev = f"A (00:00:00):\nStart {words} end.\n\nA (00:00:20):\nAgain.\n"
    t = _times(rev)
    assert 17_000 < t["end"][1] <= 20_500


def test_a_guest_who_only_answers_gets_their_own_pace_and_stops_before_the_silence():
    """The host reads questions over two stamps (their pace is known); the guest answers at
    six syllables a second, then two seconds of silence before the next question. The guest is
    never stamped twice in a row, yet their pace and the silence are fitted from the exchanges."""
    def stamp(ms):
        return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}"

    parts, t, answers = [], 0, []
    for _ in range(8):
        parts.append(f"Host ({stamp(t)}):\n" + " ".join(["ask"] * 20) + "\n")
        parts.append(f"Host ({stamp(t + 5000)}):\n" + " ".join(["ask"] * 20) + ".\n")
        answers.append(t + 12_000)
        parts.append(f"Guest ({stamp(t + 12_000)}):\n" + " ".join(["yes"] * 60) + ".\n")
        t += 24_000
    parts.append(f"Host ({stamp(t)}):\nThanks.\n")
    transcript = parse_rev("\n".join(parts))
    ends = [e for _, e in syllable_times(stretches_of(transcript))]
    last_words = [i for i, w in enumerate(transcript.words) if w.text == "yes."]
    # Spoken from 0.5 s after the floored stamp for 10 s: the syllable model ends near 10.5 s,
    # not at the next stamp (12 s); the letter model ends at the stamp, and a word takes the mean.
    assert all(10_000 <= ends[i] - answer <= 11_000 for i, answer in zip(last_words, answers))
    _, mean_ends = transcript_times(transcript)
    assert all(ends[i] < mean_ends[i] < answer + 12_000 for i, answer in zip(last_words, answers))


def test_inline_tags_anchor_the_words_after_them():
    rev = "A (00:00:00):\nFirst words [inaudible 00:00:30] second part.\n\nB (00:01:00):\nOk.\n"
    t = _times(rev)
    assert t["second"][0] >= 30_500
    assert t["words"][0] < 30_000 and "[inaudible]" in t


def test_the_last_turn_gets_its_length_from_the_speech_rate():
    rev = ("A (00:00:00):\n" + "alpha beta gamma delta. " * 10 + "\n\nB (00:00:12):\n"
           + "omega " * 20 + "final.\n")
    t = _times(rev)
    assert 12_500 < t["final"][1] < 12_500 + 20_000


def test_a_backwards_stamp_is_not_trusted_and_times_never_run_backwards():
    rev = ("A (00:01:00):\nOne.\n\nB (00:00:05):\nTwo.\n\nA (00:01:10):\nThree.\n\nB (00:01:20):\nFour.\n")
    transcript = parse_rev(rev)
    assert [a.trusted for a in transcript.anchors] == [True, False, True, True]
    assert any("not trusted" in w for w in transcript.warnings)
    starts, _ = transcript_times(transcript)
    assert starts == sorted(starts)


def test_two_turns_stamped_the_same_second_do_not_collapse():
    rev = "A (00:00:10):\nYou just lied about all of that.\n\nB (00:00:10):\nNo, no.\n\nA (00:00:15):\nOk.\n"
    t = _times(rev)
    assert t["No"][0] > t["You"][0]
    assert t["No"][0] - t["You"][0] >= 400


def test_every_kept_clean_word_gets_a_time_even_unmatched_ones():
    rev = ("Ann (00:00:00):\nThe results were strong this quarter.\n\n"
           "Bob (00:00:20):\nYou mentioned margins, they held up.\n")
    clean = ("Ann:\nThe results were strong this quarter.\n\n"
             "Bob:\nI mean you mentioned margins, they held up.\n")
    transcript = parse_rev(rev)
    words = time_words(transcript, align(transcript, parse_clean_text(clean)))
    assert [w.text for w in words][:6] == ["The", "results", "were", "strong", "this", "quarter."]
    by_text = {w.text: w for w in words}
    assert not by_text["I"].matched and by_text["you"].matched
    # The editor's "I mean" leads into the reply; it is not spread over the silence before it.
    assert by_text["you"].start_ms - by_text["I"].start_ms < 1500
    assert all(w.end_ms > w.start_ms for w in words)


def _exchanges(silences: list[int], last_answer_ms: int):
    """A host asks over two stamps (their pace is known), a guest answers 60 words at six
    syllables a second (10 s from the stamp's half second), then each silence (ms) before the
    host's next stamp; last, one more answer with ``last_answer_ms`` before the host's stamp.
    Returns the transcript and, per answer, its stamp (ms) and last word."""
    def stamp(ms):
        return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}"

    parts, t, answers = [], 0, []
    for length in [10_500 + s for s in silences] + [last_answer_ms]:
        parts.append(f"Host ({stamp(t)}):\n" + " ".join(["ask"] * 20) + "\n")
        parts.append(f"Host ({stamp(t + 5000)}):\n" + " ".join(["ask"] * 20) + ".\n")
        answers.append(t + 12_000)
        parts.append(f"Guest ({stamp(t + 12_000)}):\n" + " ".join(["yes"] * 60) + ".\n")
        t += 12_000 + length
    parts.append(f"Host ({stamp(t)}):\nThanks.\n")
    transcript = parse_rev("\n".join(parts))
    last_words = [i for i, w in enumerate(transcript.words) if w.text == "yes."]
    return transcript, list(zip(answers, last_words))


def test_a_long_answer_ends_the_usual_silence_before_the_next_speaker_when_silences_are_steady():
    """Every answer leaves the same 2 s before the next question, so the syllable model trusts the
    silence: an answer with 30 s before the next stamp is read as slow speech up to 2 s before it (its words
    show no other silence), not as speech at the guest's pace followed by 20 s of silence."""
    transcript, answers = _exchanges([1500] * 8, 30_000)
    ends = [e for _, e in syllable_times(stretches_of(transcript))]
    stamp, last = answers[-1]
    assert 27_000 <= ends[last] - stamp <= 29_000
    # The steady answers still end at the guest's pace, before the silence.
    assert all(10_000 <= ends[i] - s <= 11_000 for s, i in answers[:-1])


def test_a_long_answer_spreads_towards_the_stamp_when_silences_before_hand_overs_scatter():
    """Answers leave 0 s or 4 s before the next question: a typical silence of 2 s is no better
    a guess than none, so the syllable model spreads a long answer's words most of the way to the
    next stamp, as an even spread would, rather than stopping at the guest's pace."""
    transcript, answers = _exchanges([0, 4000] * 4, 30_000)
    ends = [e for _, e in syllable_times(stretches_of(transcript))]
    stamp, last = answers[-1]
    assert 24_000 <= ends[last] - stamp <= 30_000
