"""Readers turn user files into plain data: a `Transcript` or a `CleanText`."""
from .rev import parse_rev, read_transcript
from .source import decode, read_text_file
from .text import parse_clean_text, read_clean_text

__all__ = ["decode", "parse_clean_text", "parse_rev", "read_clean_text", "read_text_file", "read_transcript"]
