"""PocketSphinx's forced alignment of a window's words, wrapped: one decoder a process, built on
first use, and what it makes of the words as `Aligned` (None where a word was not heard)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from ..media import SAMPLE_RATE

FRAME_MS = 10                   # PocketSphinx's frame
LOG_BASE = math.log(1.0001)     # PocketSphinx's own log base: scores read as it prints them
UNDERFLOW_SCORE = -1e6          # a word whose probability underflows to 0 fits nothing


@dataclass(slots=True)
class Aligned:
    """One alignment of spoken words: per word start, end (absolute ms) and summed log-score;
    start and end are None for a word not heard (its score is then 0)."""

    start: list[int | None]
    end: list[int | None]
    score: list[float]

    def per_frame(self, picks: range | list[int] | None = None) -> float:
        """Mean score a frame over the words ``picks`` (all by default), which must be heard."""
        picks = range(len(self.start)) if picks is None else picks
        frames = sum((self.end[k] - self.start[k]) // FRAME_MS for k in picks)
        return sum(self.score[k] for k in picks) / max(1, frames)

    def extend(self, other: Aligned, keep: int) -> None:
        """``other``'s first ``keep`` words appended."""
        self.start.extend(other.start[:keep])
        self.end.extend(other.end[:keep])
        self.score.extend(other.score[:keep])

    def unheard(self, n: int) -> None:
        """``n`` words appended as not heard."""
        self.start.extend([None] * n)
        self.end.extend([None] * n)
        self.score.extend([0.0] * n)


class Decoder:
    """A PocketSphinx decoder set up for forced alignment, and the speller that adds the words it
    does not know to its dictionary (`pronounce.Speller`)."""

    def __init__(self, beam: float):
        import pocketsphinx

        from ..pronounce import Speller

        decoder = pocketsphinx.Decoder(lm=None, bestpath=False, beam=beam, wbeam=beam, pbeam=beam, loglevel="FATAL")
        self._decoder = decoder
        self.speller = Speller(decoder.lookup_word, lambda word, phones: decoder.add_word(word, phones, True))

    def align(self, words: list[str], samples, offset_ms: int) -> Aligned | None:
        """Word times of ``words`` said in ``samples``; None when the aligner cannot reach the end."""
        decoder = self._decoder
        if len(samples) < SAMPLE_RATE // 10:
            return None
        try:
            decoder.set_align_text(" ".join(words))
        except RuntimeError:
            return None
        decoder.reinit_feat()          # no state from the previous window: results do not depend on order
        decoder.start_utt()
        decoder.process_raw(samples.tobytes(), full_utt=True)
        decoder.end_utt()
        if decoder.hyp() is None:
            return None
        out = Aligned([], [], [])
        for seg in decoder.seg():
            name = seg.word.split("(")[0]
            if len(out.start) < len(words) and name == words[len(out.start)]:
                out.start.append(offset_ms + seg.start_frame * FRAME_MS)
                out.end.append(offset_ms + (seg.end_frame + 1) * FRAME_MS)
                out.score.append(math.log(seg.ascore) / LOG_BASE if seg.ascore > 0 else UNDERFLOW_SCORE)
        return out if len(out.start) == len(words) else None


@cache
def process_decoder(beam: float) -> Decoder:
    """This process's decoder for ``beam`` (0.15 s and 30 MB to build; it cannot be pickled, so
    each worker process builds its own once)."""
    return Decoder(beam)
