"""Readers turn user files into plain data: a `Transcript`, a `CleanText` or captions.

Four kinds, one place each:

- ``timing/``: timing sources, read by `read_transcript`, which decides the kind by content
  (`timing.detect`): Rev text (`timing.rev`) or DOCX (`timing.rev_docx`); Rev API and editor,
  Whisper/WhisperX, AssemblyAI, Deepgram, AWS Transcribe and Google Speech-to-Text JSON and word
  lists (`timing.vendor_json`); SRT, WebVTT and SBV captions (`timing.cues`); the timed-token
  builder the machine sources share (`timing.tokens`).
- ``clean/``: clean texts, read by `read_clean_text` (`clean.text`): plain text, Markdown
  (`clean.markdown`), HTML (`clean.html`, sniffed by `clean.html_detect`) and Word (`clean.docx`).
- `caption_files`: SRT and WebVTT files read back as captions for ``check``, ``convert`` and
  ``shift``, with strict timing checks.
- `decoding`: bytes to text in the encodings users' files come in, and every input's size limit.

The names below are the public ones, importable from ``captions.readers``.
"""
from .clean.text import parse_clean_text, read_clean_text
from .decoding import decode, read_text_file
from .timing.cues import parse_cue_source, parse_sbv_source, parse_srt_source, parse_vtt_source
from .timing.detect import detect_kind, parse_transcript_bytes, parse_transcript_text, read_transcript
from .timing.rev import parse_rev
from .timing.rev_docx import parse_rev_docx
from .timing.vendor_json import parse_json_transcript, parse_rev_json, parse_whisper_json, parse_word_list

__all__ = [
    "decode", "detect_kind", "parse_clean_text", "parse_cue_source", "parse_json_transcript", "parse_rev",
    "parse_rev_docx", "parse_rev_json", "parse_sbv_source", "parse_srt_source", "parse_transcript_bytes",
    "parse_transcript_text", "parse_vtt_source", "parse_whisper_json", "parse_word_list", "read_clean_text",
    "read_text_file", "read_transcript",
]
