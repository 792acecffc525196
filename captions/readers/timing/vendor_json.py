"""Word-timed JSON: Rev's API and editor transcripts, Whisper / WhisperX output, plain word lists,
and the speech-to-text vendors' own shapes.

Shapes read (times in seconds unless said)::

    Rev API     {"monologues": [{"speaker": 0, "speaker_name": "Ann",
                                 "elements": [{"type": "text", "value": "Hello", "ts": 0.5, "end_ts": 0.9},
                                              {"type": "punct", "value": ", "}, ...]}]}
    Rev editor  the same with "spans" for "elements" and "endTs" for "end_ts", optionally under
                {"speakers": [{"id": 0, "name": "Ann"}], "monologues": ...}, or {"speakers": ..., "spans": [...]}
    AssemblyAI  {"audio_duration": 5, "words": [{"text": "Hello", "start": 250, "end": 650, "speaker": "A"}]}
                (times in MILLISECONDS; the words of "utterances" when there is no top-level list)
    Deepgram    {"results": {"channels": [{"alternatives": [{"words": [{"word": "hello",
                 "punctuated_word": "Hello,", "start": 0.25, "end": 0.65, "speaker": 0}]}]}]}}
    AWS         {"results": {"items": [{"type": "pronunciation", "start_time": "0.25", "end_time": "0.65",
                 "alternatives": [{"content": "Hello"}], "speaker_label": "spk_0"},
                 {"type": "punctuation", "alternatives": [{"content": ","}]}], "speaker_labels": ...}}
                (times as strings; speakers on the items or in "speaker_labels" segments)
    Google      {"results": [{"alternatives": [{"words": [{"word": "Hello", "startTime": "0.250s",
                 "endTime": "0.650s", "speakerTag": 1}]}]}]}  (or "startOffset"/"endOffset", times as
                {"seconds": "1", "nanos": 500000000}, or the list of results alone; with speakers, the
                last result repeats every word with its tag, and only it is read)
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

from ...errors import InputError
from ...model import Transcript
from .tokens import DEFAULT_SPEAKER, TimedToken, build_transcript, seconds_to_ms, speaker_name

EXPECTED = ('expected Rev JSON ({"monologues": ...}), Whisper/WhisperX JSON ({"segments": ...}) or a list of '
            'words with "start" and "end" (or AssemblyAI, Deepgram, AWS Transcribe or Google Speech-to-Text JSON)')


def load_json(text: str, path: str) -> object:
    """JSON text to Python values; a syntax error names the line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} (column {exc.colno})", path, exc.lineno) from None
    except RecursionError:
        raise InputError("not usable JSON: nested too deeply", path) from None


def json_kind(data: object) -> str | None:
    """``rev-json``, ``whisper-json``, ``assemblyai``, ``deepgram``, ``aws``, ``google``,
    ``word-list`` or None for JSON this does not read."""
    if isinstance(data, dict):
        if "monologues" in data or isinstance(data.get("spans"), list):
            return "rev-json"
        if "segments" in data:
            return "whisper-json"
        results = data.get("results")
        if isinstance(results, dict) and "items" in results:
            return "aws"
        if isinstance(results, dict) and "channels" in results:
            return "deepgram"
        if _google_results(results):
            return "google"
        if any(key in data for key in _ASSEMBLYAI_KEYS):
            return "assemblyai"
        if isinstance(data.get("words"), list) or isinstance(data.get("word_segments"), list):
            return "word-list"
    elif isinstance(data, list) and data and all(isinstance(x, dict) for x in data[:50]):
        if _google_results(data):
            return "google"
        if any("start" in x and "end" in x for x in data[:50]):
            return "word-list"
    return None


def _google_results(results: object) -> bool:
    return isinstance(results, list) and any(isinstance(r, dict) and "alternatives" in r for r in results[:50])


# Keys only AssemblyAI's transcript object has beside its "words" (whose times are in ms).
_ASSEMBLYAI_KEYS = ("audio_duration", "utterances", "acoustic_model", "language_model")


def parse_json_text(text: str, path: str = "<transcript>") -> Transcript:
    """A transcript from JSON text (a byte order mark allowed), of any of the shapes above."""
    return parse_json_transcript(load_json(text.lstrip("\ufeff"), path), path)


def parse_json_transcript(data: str | dict | list, path: str = "<transcript>") -> Transcript:
    """A transcript from any of the JSON shapes above, chosen by their keys."""
    if isinstance(data, str):
        data = load_json(data, path)
    kind = json_kind(data)
    if kind is None:
        raise InputError(f"JSON, but not a transcript this reads: {EXPECTED}", path)
    return {"rev-json": parse_rev_json, "whisper-json": parse_whisper_json, "word-list": parse_word_list,
            "assemblyai": parse_assemblyai_json, "deepgram": parse_deepgram_json, "aws": parse_aws_json,
            "google": parse_google_json}[kind](data, path)


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
    """Rev's API transcript (``application/vnd.rev.transcript.v1.0+json``) and its editor's
    (``spans``, ``endTs``, a ``speakers`` list naming the ids)."""
    if isinstance(data, str):
        data = load_json(data, path)
    _obj(data, "the top level", path)
    names = _rev_speakers(data.get("speakers"))
    if "monologues" in data:
        monologues, key = data.get("monologues"), "monologues"
        _obj(monologues, '"monologues"', path, "a list")
    else:
        monologues, key = [{"spans": data.get("spans")}], "spans"
    tokens: list[TimedToken] = []
    n = 0
    for m, mono in enumerate(monologues):
        where_m = f"monologues[{m}]" if key == "monologues" else ""
        _obj(mono, where_m, path)
        info = mono.get("speaker_info")
        name = mono.get("speaker_name") or (info.get("display_name") if isinstance(info, dict) else None)
        speaker = speaker_name(name, _rev_speaker(mono.get("speaker"), names, DEFAULT_SPEAKER))
        part = "elements" if "elements" in mono else "spans"
        elements = mono.get(part, [])
        _obj(elements, f"{where_m}.{part}".lstrip("."), path, "a list")
        first = True
        for e, el in enumerate(elements):
            where = f"{where_m}.{part}[{e}]".lstrip(".")
            _obj(el, where, path)
            n += 1
            if "speaker" in el and key == "spans":    # a bare list of spans names each one's speaker
                speaker = _rev_speaker(el.get("speaker"), names, speaker)
            kind = el.get("type")
            value = _text(el.get("value", el.get("text")), f'{where}.value', path)
            start = seconds_to_ms(el.get("ts"), f'{where}: "ts"', path)
            end_key = "end_ts" if "end_ts" in el else "endTs"
            end = seconds_to_ms(el.get(end_key), f'{where}: "{end_key}"', path)
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


def _rev_speakers(speakers: object) -> dict:
    """Rev editor's ``speakers`` list as id -> name (ids as JSON gives them)."""
    if not isinstance(speakers, list):
        return {}
    return {s.get("id"): s.get("name") for s in speakers
            if isinstance(s, dict) and isinstance(s.get("id"), (int, str)) and not isinstance(s.get("id"), bool)}


def _rev_speaker(value: object, names: dict, default: str) -> str:
    hashable = isinstance(value, (int, str)) and not isinstance(value, bool)
    return speaker_name(names.get(value) if hashable else None, speaker_name(value, default))


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


def _time(value: object, what: str, path: str, unit: str = "s") -> int | None:
    """A vendor's time as ms: seconds as a number (``unit="s"``) or as AWS's string ("1.25"),
    milliseconds as a number (``unit="ms"``), or Google's "1.250s" and {"seconds", "nanos"}."""
    if isinstance(value, dict) and unit == "google":
        seconds, nanos = value.get("seconds", 0), value.get("nanos", 0)
        try:
            value = int(seconds) + int(nanos) / 1e9
        except (TypeError, ValueError, OverflowError):
            raise InputError(f"{what} is an object without whole seconds and nanos, not a time", path) from None
    elif isinstance(value, str) and unit in ("s", "google"):
        text = value[:-1] if unit == "google" and value.endswith("s") else value
        try:
            value = float(text)
        except ValueError:
            raise InputError(f"{what} is the string {value[:20]!r}, not a time in seconds", path) from None
    elif unit == "ms" and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = value / 1000
    return seconds_to_ms(value, what, path)


def _first(value: object, where: str, path: str) -> dict:
    """The first element of a list of objects (a vendor's best alternative or first channel)."""
    _obj(value, where, path, "a list")
    if not value:
        raise InputError(f"{where} is empty", path)
    _obj(value[0], f"{where}[0]", path)
    return value[0]


def _vendor_tokens(words: list, where: str, path: str, read) -> list[TimedToken]:
    """Tokens from a vendor's word list; ``read(word, where)`` gives (text, start, end, speaker)."""
    _obj(words, where, path, "a list")
    tokens: list[TimedToken] = []
    speaker = DEFAULT_SPEAKER
    for w, word in enumerate(words):
        at = f"{where}[{w}]"
        _obj(word, at, path)
        text, start, end, label = read(word, at)
        speaker = speaker_name(label, speaker) if label is not None else speaker
        tokens.append(TimedToken(_text(text, f"{at}: text", path), start, end, speaker, w + 1, at,
                                 new_paragraph=w == 0))
    return tokens


def parse_assemblyai_json(data: str | dict, path: str = "<transcript>") -> Transcript:
    """AssemblyAI's transcript: ``words`` (or the ``utterances``' words) with times in ms."""
    if isinstance(data, str):
        data = load_json(data, path)
    _obj(data, "the top level", path)
    words, where = data.get("words"), '"words"'
    if not words and isinstance(data.get("utterances"), list):
        words, where = [w for u in data["utterances"] if isinstance(u, dict) and isinstance(u.get("words"), list)
                        for w in u["words"]], '"utterances" words'
    return build_transcript(_vendor_tokens(words or [], where, path, lambda w, at: (
        w.get("text"), _time(w.get("start"), f'{at}: "start"', path, "ms"),
        _time(w.get("end"), f'{at}: "end"', path, "ms"), w.get("speaker"))), path, "AssemblyAI JSON")


def parse_deepgram_json(data: str | dict, path: str = "<transcript>") -> Transcript:
    """Deepgram's response: the first channel's best alternative's ``words``."""
    if isinstance(data, str):
        data = load_json(data, path)
    _obj(data, "the top level", path)
    _obj(data.get("results"), '"results"', path)
    channel = _first(data["results"].get("channels"), "results.channels", path)
    best = _first(channel.get("alternatives"), "results.channels[0].alternatives", path)
    return build_transcript(_vendor_tokens(best.get("words", []), "results.channels[0].alternatives[0].words", path,
                                           lambda w, at: (w.get("punctuated_word") or w.get("word"),
                                                          _time(w.get("start"), f'{at}: "start"', path),
                                                          _time(w.get("end"), f'{at}: "end"', path),
                                                          w.get("speaker"))), path, "Deepgram JSON")


def parse_aws_json(data: str | dict, path: str = "<transcript>") -> Transcript:
    """AWS Transcribe's output: ``results.items``, punctuation joining the word before it."""
    if isinstance(data, str):
        data = load_json(data, path)
    _obj(data, "the top level", path)
    results = data.get("results")
    _obj(results, '"results"', path)
    # Older output names speakers only in "speaker_labels" segments, by each word's start time.
    labels = {}
    segments = results.get("speaker_labels", {}).get("segments") if isinstance(results.get("speaker_labels"), dict) else None
    for seg in segments if isinstance(segments, list) else ():
        for item in seg.get("items", []) if isinstance(seg, dict) and isinstance(seg.get("items"), list) else ():
            if isinstance(item, dict) and isinstance(item.get("start_time"), str):
                labels[item["start_time"]] = item.get("speaker_label")

    def read(item: dict, at: str):
        best = _first(item.get("alternatives"), f"{at}.alternatives", path)
        if item.get("type") == "punctuation":
            return best.get("content"), None, None, None
        start = item.get("start_time")
        label = item.get("speaker_label", labels.get(start) if isinstance(start, str) else None)
        return (best.get("content"), _time(start, f'{at}: "start_time"', path),
                _time(item.get("end_time"), f'{at}: "end_time"', path), label)

    return build_transcript(_vendor_tokens(results.get("items"), "results.items", path, read), path, "AWS Transcribe JSON")


def parse_google_json(data: str | dict | list, path: str = "<transcript>") -> Transcript:
    """Google Speech-to-Text's response: each result's best alternative's ``words``."""
    if isinstance(data, str):
        data = load_json(data, path)
    results = data.get("results") if isinstance(data, dict) else data
    _obj(results, '"results"', path, "a list")
    per_result = []
    for r, result in enumerate(results):
        _obj(result, f"results[{r}]", path)
        if result.get("alternatives"):
            words = _first(result["alternatives"], f"results[{r}].alternatives", path).get("words", [])
            _obj(words, f"results[{r}].alternatives[0].words", path, "a list")
            per_result.append((r, words))
    # With speakers on, the last result holds every word again, each with its speaker.
    last = per_result[-1][1] if per_result else []
    if len(per_result) > 1 and any(isinstance(w, dict) and ("speakerTag" in w or "speakerLabel" in w) for w in last) \
            and len(last) >= sum(len(words) for _, words in per_result[:-1]):
        per_result = per_result[-1:]
    words = [w for _, ws in per_result for w in ws]

    def read(w: dict, at: str):
        start, end = ("startTime", "endTime") if "startTime" in w or "endTime" in w else ("startOffset", "endOffset")
        tag = w.get("speakerLabel") or (f"Speaker {w['speakerTag']}" if isinstance(w.get("speakerTag"), int)
                                        and not isinstance(w.get("speakerTag"), bool) and w["speakerTag"] > 0 else None)
        # Google leaves out a time of zero (proto3 defaults), so a missing start is 0 s.
        return (w.get("word"), _time(w.get(start, 0), f'{at}: "{start}"', path, "google"),
                _time(w.get(end), f'{at}: "{end}"', path, "google"), tag)

    return build_transcript(_vendor_tokens(words, "words", path, read), path, "Google Speech-to-Text JSON")
