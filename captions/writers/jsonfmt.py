"""JSON (`.json`): every caption with its times, lines, speaker and the timed words it shows, for
scripts, web players and checking the timing.

Schema (version 1)::

    {
      "version": 1,
      "captions": [
        {
          "index": 1,                  # 1-based, in file order (the SRT cue number)
          "start": 438.305,            # seconds, 3 decimals (= start_ms / 1000)
          "end": 442.416,
          "start_ms": 438305,          # integer milliseconds, the exact values
          "end_ms": 442416,
          "lines": ["Why did you agree to do this,", "this interview with the BBC?"],
          "speaker": "James Clayton", # only when one known person speaks the whole caption
          "timed_by": "text",          # "audio", "text" or "mixed" (absent without words)
          "words": [
            {"text": "Why", "start_ms": 438305, "end_ms": 438559,
             "speaker": "James Clayton", "matched": true, "timed_by": "text"},
            ...
          ]
        }
      ]
    }

- ``lines`` are the caption as shown, so they may hold what is not a word: a dialogue dash
  (``-No, no``) or a speaker label (``Elon Musk: ...``, with ``--speaker-labels``). The words,
  joined by spaces, are the lines' text without those.
- ``words[].text`` is the clean text's word with its punctuation; ``speaker`` is the speaker the
  clean text gives it, else the transcript turn's speaker of its matched word, or null; ``matched`` is true when the word's time comes from its own
  words in the transcript, false when it was interpolated between matched neighbours (the word
  is in the clean text but not in the transcript, or the alignment found no match).
  ``timed_by`` is "audio" when the word's time was heard in the recording (``--audio``), "text"
  when the timing model placed it between the transcript's stamps; a caption's ``timed_by`` is
  its words' ("mixed" when they differ).
- ``speaker`` of a caption comes from its voices (speaker labels) or, without labels, from its
  words; a dialogue caption of two people has none (its words say who says what).
- Captions read from a file (``captions convert``) have no words: ``"words": []``.

The review form (what ``captions make`` writes for `.json`, and what ``captions review`` reads)
adds, after the fields above::

    {
      "version": 1,
      "captions": [{..., "voices": ["Elon Musk", null],          # per line, only when labelled
                    "confidence": {"score": 0.48, "timing": "text", "on_time": 0.48,
                                   "expected_error_ms": 1273, "stamp_distance_ms": 21840,
                                   "unmatched": ["really"], "breaches": ["reading_speed"],
                                   "recording": null},        # or "heard", "beside-unheard", "unheard"
                    "words": [{..., "line": 12}, ...]}],   # each word's clean-text line
      "rules": {"max_chars_per_line": 42, ..., "min_gap_ms": 84, "tolerance_ms": 1},
      "report": {"transcript": "...", "dropped_lines": [{"line": 3, "text": "..."}], "warnings": [...], ...}
    }

``confidence`` is `captions.confidence.Confidence` (docs/confidence.md); ``rules`` the caption
rules the captions were cut by (`captions.rules.CaptionRules`' fields, with the minimum gap in
milliseconds and the tolerance `captions check` allows); ``report`` the run's report
(`captions.pipeline.Report`). Compatibility: every field of the plain form keeps its place and
meaning and the review fields are only added, so the version stays 1; a reader of version 1
ignores them. The version goes up only when a field changes meaning or goes away.

Written as UTF-8 text as it is (``ensure_ascii=False``): a caption's fields on one line, then its
words one a line; any JSON reader takes it.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict

from ..model import Caption, TimedWord

VERSION = 1


def caption_speaker(caption: Caption) -> str | None:
    """The one known speaker of the whole caption, else None."""
    voices = set(caption.voices) if caption.voices else {w.speaker for w in caption.words}
    if len(voices) == 1:
        (voice,) = voices
        return voice
    return None


def word_dict(word: TimedWord) -> dict:
    return {"text": word.text, "start_ms": word.start_ms, "end_ms": word.end_ms,
            "speaker": word.speaker, "matched": bool(word.matched), "timed_by": word.timed_by}


def caption_dict(index: int, caption: Caption) -> dict:
    out: dict = {"index": index, "start": round(caption.start_ms / 1000, 3), "end": round(caption.end_ms / 1000, 3),
                 "start_ms": caption.start_ms, "end_ms": caption.end_ms, "lines": list(caption.lines)}
    speaker = caption_speaker(caption)
    if speaker:
        out["speaker"] = speaker
    if caption.words:
        out["timed_by"] = caption.timed_by
    out["words"] = [word_dict(w) for w in caption.words]
    return out


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def rules_dict(rules, tolerance_ms: int = 1) -> dict:
    """The caption rules as the review page checks them: the fields, the minimum gap in whole
    milliseconds, and the tolerance ``captions check`` allows for edges snapped to frames."""
    return asdict(rules) | {"min_gap_ms": rules.min_gap_ms, "tolerance_ms": tolerance_ms}


def format_json(captions: list[Caption], *, confidence: Sequence | None = None, rules=None,
                report: dict | None = None) -> str:
    """The document, laid out for reading: a caption's fields on its first line, then a word a
    line (``json.dumps(indent=2)`` would give every word seven lines). With ``confidence`` (one
    `captions.confidence.Confidence` a caption), ``rules`` and ``report`` (`Report.as_dict()`),
    the review form: each caption's voices and confidence, the rules and the report."""
    out = ["{", f'  "version": {VERSION},', '  "captions": [']
    for n, c in enumerate(captions, start=1):
        fields = caption_dict(n, c)
        words = fields.pop("words")
        if confidence is not None:
            words = [dict(item, line=w.line) for item, w in zip(words, c.words)]
            if c.voices:
                fields["voices"] = list(c.voices)
            fields["confidence"] = confidence[n - 1].as_dict()
        head = _dumps(fields)[:-1] + ', "words": ['
        if words:
            body = ",\n".join(f"      {_dumps(w)}" for w in words)
            item = f"    {head}\n{body}\n    ]}}"
        else:
            item = f"    {head}]}}"
        out.append(item + ("," if n < len(captions) else ""))
    extra = {key: value for key, value in (("rules", rules_dict(rules) if rules is not None else None),
                                            ("report", report)) if value is not None}
    out.append("  ]" + "".join(f',\n  "{key}": {_dumps(value)}' for key, value in extra.items()))
    out += ["}", ""]
    return "\n".join(out)
