"""captions: subtitles from a timestamped transcript and a clean edited text of the same recording.

The pipeline, one function a stage::

    transcript = read_transcript("talk.rev.txt")           # -> Transcript
    text = read_clean_text("talk.blog.txt")                # -> CleanText
    alignment = align(transcript, text)                    # -> Alignment
    words = time_words(transcript, alignment)              # -> [TimedWord]
    captions = segment(words, CaptionRules())              # -> [Caption]
    write_captions(captions, "talk.srt")

or all at once: ``make_captions("talk.rev.txt", "talk.blog.txt").captions``.
"""
from .align import align
from .errors import AlignmentError, CaptionsError, InputError, OutputError, TextError, TranscriptError
from .model import Alignment, Anchor, Caption, CleanText, CleanWord, TextLine, TimedWord, Transcript, Turn, Word
from .pipeline import Report, Result, make_captions, parse_texts
from .readers import parse_clean_text, parse_rev, read_clean_text, read_transcript
from .rules import CaptionRules
from .segment import segment
from .timing import time_words
from .writers import format_captions, write_captions

__version__ = "0.1.0"

__all__ = [
    "Alignment", "AlignmentError", "Anchor", "Caption", "CaptionRules", "CaptionsError", "CleanText",
    "CleanWord", "InputError", "OutputError", "Report", "Result", "TextError", "TextLine", "TimedWord",
    "Transcript", "TranscriptError", "Turn", "Word", "align", "format_captions", "make_captions",
    "parse_clean_text", "parse_rev", "parse_texts", "read_clean_text", "read_transcript", "segment",
    "time_words", "write_captions",
]
