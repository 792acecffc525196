"""The tuning values of listening, each with why it is what it is: one frozen value, passed to
`hear` and carried to each worker with its window, so a caller can change one without patching
module globals."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ListenSettings:
    """How windows are cut, searched and judged. Defaults measured on the recordings in
    tests/data/audio and the bench's talks."""

    # The search: PocketSphinx's default beams lose the path in windows of 20-30 s; this keeps it
    # at the same speed (measured 1e-150 to 1e-250 alike).
    beam: float = 1e-150
    # Windows: a window runs past the next stamp this much (the stamp is floored to its second);
    # word-timed sources stamp every word, so windows join stamps up to min_window_ms.
    end_pad_ms: int = 300
    min_window_ms: int = 2_000
    # Faint noise, this share of loud speech, so band-limited or gated silence does not derail the model.
    noise_share: float = 0.03
    # A window longer than max_window_ms is aligned piece by piece (`pieces`): about
    # piece_speech_ms of speech a piece, in piece_room times the audio it needs plus
    # piece_extra_ms; the last quarter of a piece (at least piece_drop_words) is aligned again at
    # the start of the next; a piece that cannot be followed is halved down to piece_min_words,
    # and tried piece_tries times with twice the audio when its words do not fit.
    max_window_ms: int = 90_000
    piece_speech_ms: int = 30_000
    piece_room: float = 1.25
    piece_extra_ms: int = 3_000
    piece_drop_words: int = 5
    piece_min_words: int = 12
    piece_tries: int = 3
    # The pace heard in pieces, pauses included, bounded by what speech can be (phones a second):
    # faster than max_phone_rate nobody talks; slower than min_pace_phone_rate is more silence than speech.
    max_phone_rate: float = 20.0
    min_pace_phone_rate: float = 4.0
    # Plausible word durations. A phone lasts at least min_frames_a_phone frames; most words take
    # 0.2 s a phone or less. More than stretched_share of the words stretched: they were dragged
    # over other sound; more than squeezed_share at their shortest: crammed into too little speech;
    # under min_phone_rate phones a second of word time (conversational English runs 10-15): too slow.
    min_frames_a_phone: int = 3
    stretched_share: float = 0.10
    squeezed_share: float = 0.30
    min_phone_rate: float = 7.0
    # A sentence slower than suspect_rate phones a second with more than suspect_gap_ms between its
    # words, or with one word over max(2 s, 0.3 s a phone), is aligned again on its own, in
    # second_try_room times its usual length (at the window's median pace, else
    # default_phone_rate) plus a second.
    suspect_rate: float = 5.0
    suspect_gap_ms: int = 2000
    default_phone_rate: float = 11.0
    second_try_room: float = 1.6
    # Sound is this far over the window's quiet floor: at least speech_margin_db, else this share
    # of the floor-to-loud range.
    speech_margin_db: float = 6.0
    speech_margin_share: float = 0.35
    # A window whose score per frame is this far under the recording's median fits the wrong
    # words: score_margin (PocketSphinx's log units, base 1.0001, a frame) or score_margin_share
    # of the median; where the recording's windows differ widely (a studio host and a caller on
    # a phone line), only an outlier by score_spreads median deviations.
    score_spreads: float = 3.0
    score_margin: float = 6.0
    score_margin_share: float = 0.15


SETTINGS = ListenSettings()
