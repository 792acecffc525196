"""Readers turn user files into plain data: a `Transcript` or a `CleanText`.

`read_transcript` takes any timing source and decides its kind by content (`sources`): Rev text
(`rev`) or DOCX (`rev_docx`), Rev API and editor JSON, Whisper/WhisperX JSON, AssemblyAI,
Deepgram, AWS Transcribe and Google Speech-to-Text JSON and word lists (`json_sources`), SRT,
WebVTT and SBV captions (`cue_sources`). Bytes become text in `source`, which also holds every
input's size limit.
"""
from .cue_sources import parse_cue_source, parse_sbv_source, parse_srt_source, parse_vtt_source
from .json_sources import parse_json_transcript, parse_rev_json, parse_whisper_json, parse_word_list
from .rev import parse_rev
from .rev_docx import parse_rev_docx
from .source import decode, read_text_file
from .sources import detect_kind, parse_transcript_bytes, parse_transcript_text, read_transcript
from .text import parse_clean_text, read_clean_text

__all__ = [
    "decode", "detect_kind", "parse_clean_text", "parse_cue_source", "parse_json_transcript", "parse_rev",
    "parse_rev_docx", "parse_rev_json", "parse_sbv_source", "parse_srt_source", "parse_transcript_bytes",
    "parse_transcript_text", "parse_vtt_source", "parse_whisper_json", "parse_word_list", "read_clean_text",
    "read_text_file", "read_transcript",
]
