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

Written as UTF-8 text as it is (``ensure_ascii=False``): a caption's fields on one line, then its
words one a line; any JSON reader takes it.
"""
from __future__ import annotations

import json

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


def format_json(captions: list[Caption]) -> str:
    """The document, laid out for reading: a caption's fields on its first line, then a word a
    line (``json.dumps(indent=2)`` would give every word seven lines)."""
    out = ["{", f'  "version": {VERSION},', '  "captions": [']
    for n, c in enumerate(captions, start=1):
        fields = caption_dict(n, c)
        words = fields.pop("words")
        head = _dumps(fields)[:-1] + ', "words": ['
        if words:
            body = ",\n".join(f"      {_dumps(w)}" for w in words)
            item = f"    {head}\n{body}\n    ]}}"
        else:
            item = f"    {head}]}}"
        out.append(item + ("," if n < len(captions) else ""))
    out += ["  ]", "}", ""]
    return "\n".join(out)
