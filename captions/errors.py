"""Exceptions the package raises for bad input.

The whole tree, so callers know what to catch::

    CaptionsError            any problem with the user's input; str() is a one-line message
    ├── InputError           a file is missing, unreadable, binary or in an unknown encoding
    ├── TranscriptError      the transcript has no usable stamps or no words
    ├── TextError            the clean text has no spoken lines
    ├── AlignmentError       the text does not match the transcript (too little aligned)
    ├── OutputError          an output cannot be written, or its format is unknown
    └── ClusterError         the cluster a batch ran on went away (its scheduler)

All carry ``path`` and, where it helps, ``line``; they pickle, so batch work can pass them
between processes.
"""
from __future__ import annotations


class CaptionsError(Exception):
    """Bad input or output; the message names the file and, where known, the line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message, path, line)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(CaptionsError):
    pass


class TranscriptError(CaptionsError):
    pass


class TextError(CaptionsError):
    pass


class AlignmentError(CaptionsError):
    pass


class OutputError(CaptionsError):
    pass


class ClusterError(CaptionsError):
    pass
