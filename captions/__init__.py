"""captions: subtitles from a timestamped transcript and a clean edited text of the same recording.

The pipeline, one function a stage::

    transcript = read_transcript("talk.rev.txt")           # -> Transcript
    text = read_clean_text("talk.blog.txt")                # -> CleanText
    alignment = align(transcript, text)                    # -> Alignment
    words = time_words(transcript, alignment)              # -> [TimedWord]
    captions = segment(words, CaptionRules())              # -> [Caption]
    write_captions(captions, "talk.srt")

or all at once: ``make_captions("talk.rev.txt", "talk.blog.txt").captions`` (``run_stages`` keeps
every stage's output).
"""
from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# Public name -> module that defines it. Loaded on first use, so `captions --help` does not pay
# for the aligner, the writers and their libraries.
_EXPORTS = {
    "AlignmentError": "errors", "CaptionsError": "errors", "InputError": "errors", "OutputError": "errors",
    "TextError": "errors", "TranscriptError": "errors",
    "Alignment": "model", "Anchor": "model", "Caption": "model", "CleanText": "model", "CleanWord": "model",
    "TextLine": "model", "TimedWord": "model", "Transcript": "model", "Turn": "model", "Word": "model",
    "MakeOptions": "pipeline", "Report": "pipeline", "Result": "pipeline", "Stages": "pipeline",
    "make_captions": "pipeline", "parse_texts": "pipeline", "report_of": "pipeline", "run_stages": "pipeline",
    "parse_clean_text": "readers", "parse_rev": "readers", "read_clean_text": "readers", "read_transcript": "readers",
    "CaptionRules": "rules",
    "time_words": "timing",
    "format_captions": "writers", "write_captions": "writers",
}

# `align` and `segment` share their names with their modules: importing the module would set the
# package attribute to the module, so these two are bound now (they are cheap).
from .align import align  # noqa: E402
from .segment import segment  # noqa: E402

__all__ = sorted([*_EXPORTS, "align", "segment"])


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'captions' has no attribute {name!r}")


if TYPE_CHECKING:
    from .errors import AlignmentError, CaptionsError, InputError, OutputError, TextError, TranscriptError
    from .model import Alignment, Anchor, Caption, CleanText, CleanWord, TextLine, TimedWord, Transcript, Turn, Word
    from .pipeline import MakeOptions, Report, Result, Stages, make_captions, parse_texts, report_of, run_stages
    from .readers import parse_clean_text, parse_rev, read_clean_text, read_transcript
    from .rules import CaptionRules
    from .timing import time_words
    from .writers import format_captions, write_captions
