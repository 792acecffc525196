"""Word-timed JSON: Rev's API transcript, Whisper / WhisperX output, and plain word lists.

Shapes read (times in seconds)::

    Rev API     {"monologues": [{"speaker": 0, "speaker_name": "Ann",
                                 "elements": [{"type": "text", "value": "Hello", "ts": 0.5, "end_ts": 0.9},
                                              {"type": "punct", "value": ", "}, ...]}]}
    Whisper     {"segments": [{"start": 0.4, "end": 2.1, "text": " Hello there.",
                               "words": [{"word": " Hello", "start": 0.4, "end": 0.7}, ...]}]}
    word list   [{"word": "Hello", "start": 0.4, "end": 0.7, "speaker": "SPEAKER_00"}, ...]
                (also {"words": [...]} or WhisperX's {"word_segments": [...]})

Rev: ``punct`` elements join the word before them; ``unknown`` elements (``<inaudible>``) are
placeholders, anchored when they carry a time; the speaker is ``speaker_name`` (or
``speaker_info.display_name``), else ``Speaker N`` from the 0-based ``speaker`` id.
Whisper: a word's text is ``word`` or ``text``; WhisperX words it could not align (no
``start``) are spread between their neighbours; a segment without ``words`` is timed like a
caption, first word at its start, last word ending at its end. Speakers (WhisperX ``speaker``
on a word or a segment) start a new turn when they change.
"""
from __future__ import annotations

import json

from ..errors import InputError
from ..model import Transcript
from .timed import DEFAULT_SPEAKER, TimedToken, build_transcript, seconds_to_ms, speaker_name

EXPECTED = ('expected Rev JSON ({"monologues": ...}), Whisper/WhisperX JSON ({"segments": ...}) '
            'or a list of words with "start" and "end"')


def load_json(text: str, path: str) -> object:
    """JSON text to Python values; a syntax error names the line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} (column {exc.colno})", path, exc.lineno) from None
    except RecursionError:
        raise InputError("not usable JSON: nested too deeply", path) from None


def json_kind(data: object) -> str | None:
    """``rev-json``, ``whisper-json``, ``word-list`` or None for JSON this does not read."""
    if isinstance(data, dict):
        if "monologues" in data:
            return "rev-json"
        if "segments" in data:
            return "whisper-json"
        if isinstance(data.get("words"), list) or isinstance(data.get("word_segments"), list):
            return "word-list"
    elif isinstance(data, list) and data and all(isinstance(x, dict) for x in data[:50]) \
            and any("start" in x and "end" in x for x in data[:50]):
        return "word-list"
    return None


def parse_json_transcript(data: str | dict | list, path: str = "<transcript>") -> Transcript:
    """A transcript from any of the JSON shapes above, chosen by their keys."""
    if isinstance(data, str):
        data = load_json(data, path)
    kind = json_kind(data)
    if kind is None:
        raise InputError(f"JSON, but not a transcript this reads: {EXPECTED}", path)
    return {"rev-json": parse_rev_json, "whisper-json": parse_whisper_json, "word-list": parse_word_list}[kind](data, path)


def _obj(value: object, where: str, path: str, what: str = "an object") -> None:
    """``value`` must be a JSON object (or, with ``what="a list"``, an array)."""
    if not isinstance(value, dict if what == "an object" else list):
        raise InputError(f"{where} should be {what}", path)


def _text(value: object, where: str, path: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{where} should be a string", path)
    return value


def parse_rev_json(data: str | dict, path: str = "<transcript>") -> Transcript:
    """Rev's API transcript (``application/vnd.rev.transcript.v1.0+json``)."""
    if isinstance(data, str):
        data = load_json(data, path)
    _obj(data, "the top level", path)
    monologues = data.get("monologues")
    _obj(monologues, '"monologues"', path, "a list")
    tokens: list[TimedToken] = []
    n = 0
    for m, mono in enumerate(monologues):
        where_m = f"monologues[{m}]"
        _obj(mono, where_m, path)
        info = mono.get("speaker_info")
        name = mono.get("speaker_name") or (info.get("display_name") if isinstance(info, dict) else None)
        speaker = speaker_name(name, speaker_name(mono.get("speaker"), DEFAULT_SPEAKER))
        elements = mono.get("elements", [])
        _obj(elements, f"{where_m}.elements", path, "a list")
        first = True
        for e, el in enumerate(elements):
            where = f"{where_m}.elements[{e}]"
            _obj(el, where, path)
            n += 1
            kind = el.get("type")
            value = _text(el.get("value"), f'{where}.value', path)
            start = seconds_to_ms(el.get("ts"), f'{where}: "ts"', path)
            end = seconds_to_ms(el.get("end_ts"), f'{where}: "end_ts"', path)
            if kind == "punct":
                tokens.append(TimedToken(value, None, None, speaker, n, where))
                continue
            placeholder = kind == "unknown" or (value.startswith("<") and value.endswith(">"))
            if placeholder and start is None:
                continue   # an untimed tag says nothing about time
            tokens.append(TimedToken(value, start, end, speaker, n, where, new_paragraph=first,
                                     placeholder=placeholder))
            first = False
    return build_transcript(tokens, path, "Rev JSON")


def parse_whisper_json(data: str | dict, path: str = "<transcript>") -> Transcript:
    """Whisper / WhisperX / faster-whisper output with ``segments`` (words optional)."""
    if isinstance(data, str):
        data = load_json(data, path)
    _obj(data, "the top level", path)
    segments = data.get("segments")
    _obj(segments, '"segments"', path, "a list")
    tokens: list[TimedToken] = []
    speaker = DEFAULT_SPEAKER
    n = 0
    for s, seg in enumerate(segments):
        where_s = f"segments[{s}]"
        _obj(seg, where_s, path)
        seg_speaker = speaker_name(seg.get("speaker"), speaker)
        words = seg.get("words")
        if words is None:
            n += 1
            tokens.append(TimedToken(_text(seg.get("text"), f"{where_s}.text", path),
                                     seconds_to_ms(seg.get("start"), f'{where_s}: "start"', path),
                                     seconds_to_ms(seg.get("end"), f'{where_s}: "end"', path),
                                     seg_speaker, n, where_s, new_paragraph=True))
            speaker = seg_speaker
            continue
        _obj(words, f"{where_s}.words", path, "a list")
        for w, word in enumerate(words):
            n += 1
            token = _word_token(word, f"{where_s}.words[{w}]", seg_speaker, n, path, new_paragraph=w == 0)
            tokens.append(token)
            speaker = token.speaker
    return build_transcript(tokens, path, "Whisper JSON")


def parse_word_list(data: str | dict | list, path: str = "<transcript>") -> Transcript:
    """A list of ``{"word"|"text", "start", "end", "speaker"?}``, bare or under ``words`` or
    ``word_segments``."""
    if isinstance(data, str):
        data = load_json(data, path)
    key = ""
    if isinstance(data, dict):
        key = "words" if "words" in data else "word_segments"
        data = data.get(key)
    _obj(data, f'"{key}"' if key else "the top level", path, "a list")
    tokens: list[TimedToken] = []
    speaker = DEFAULT_SPEAKER
    for w, word in enumerate(data):
        token = _word_token(word, f"{key}[{w}]" if key else f"[{w}]", speaker, w + 1, path, new_paragraph=w == 0)
        tokens.append(token)
        speaker = token.speaker
    return build_transcript(tokens, path, "word list")


def _word_token(word: object, where: str, speaker: str, n: int, path: str, new_paragraph: bool) -> TimedToken:
    _obj(word, where, path)
    text = word.get("word", word.get("text"))
    return TimedToken(_text(text, f'{where}: "word"', path),
                      seconds_to_ms(word.get("start"), f'{where}: "start"', path),
                      seconds_to_ms(word.get("end"), f'{where}: "end"', path),
                      speaker_name(word.get("speaker"), speaker), n, where, new_paragraph=new_paragraph)
