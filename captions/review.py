"""`captions review`: one HTML page to watch the captions, see which to doubt, fix and export them.

The page is a single file that needs no server and no network: its script, style and data are
inside it, and the recording is played from its path relative to the page (never copied in), so
it opens from the file system in any current browser. It is made from the review form of the
JSON output (`captions.writers.jsonfmt`): every caption with its words and confidence
(`captions.confidence`), the caption rules and the run's report. A JSON without confidence (the
plain form, or captions read from a file) gets it here from what it holds: rule breaches and
unmatched words, with text timing counted as far from any stamp, since the stamps are not in it.

Plain DOM and one canvas rather than a waveform library: the page draws one strip of peaks with
caption spans over it and drags their edges, which is a hundred lines here, while wavesurfer.js
or peaks.js would need a build step to bundle, their own region plug-ins bent to captions, and a
licence file shipped in the package.
"""
from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

from .lexicon import BINDING
from .confidence import assess
from .readers.decoding import read_text_file
from .errors import InputError
from .model import Anchor, Caption, TimedWord
from .rules import CaptionRules
from .writers import write_atomically
from .writers.jsonfmt import format_json, rules_dict


def review_json(captions: list[Caption], rules: CaptionRules, anchors: Sequence[Anchor] = (),
                report: dict | None = None, tolerance_ms: int = 0) -> str:
    """The review form of the JSON output: the captions with their confidence (from the stamps
    of the transcript they were timed from), the rules and the run's report."""
    return format_json(captions, confidence=assess(captions, rules, anchors, tolerance_ms), rules=rules,
                       report=report)


def read_review_json(path: str | Path) -> dict:
    """The JSON output of ``captions make`` (or the page's own export), checked for its shape."""
    name = str(path)
    text, _ = read_text_file(path, "json")
    try:
        doc = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg}", name, exc.lineno) from None
    except RecursionError:
        raise InputError("not usable JSON: nested too deeply", name) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("captions"), list):
        raise InputError("not a captions JSON file (no \"captions\" list; write one with captions make -o FILE.json)",
                         name)
    return doc


def captions_of(doc: Mapping, name: str = "<json>") -> list[Caption]:
    """The captions of a JSON document, with their words (their clean-text line where given)."""
    out = []
    try:
        for c in doc["captions"]:
            words = tuple(TimedWord(w["text"], int(w["start_ms"]), int(w["end_ms"]), w.get("speaker"),
                                    int(w.get("line", 0)), 0, bool(w["matched"]), w.get("timed_by", "text"))
                          for w in c.get("words", ()))
            out.append(Caption(int(c["start_ms"]), int(c["end_ms"]), tuple(str(x) for x in c["lines"]),
                               tuple(c.get("voices", ())), words))
    except (KeyError, TypeError, ValueError) as exc:
        n = len(out) + 1
        raise InputError(f"caption {n} is not as captions make writes it ({type(exc).__name__}: {exc})", name) from None
    return out


def page_data(doc: Mapping, name: str, media: str | None = None, waveform: dict | None = None,
              rules: CaptionRules | None = None) -> dict:
    """What the page's script reads: every caption with its words and confidence, the rules,
    the report, the clean-text lines with no word found in the transcript, and the media."""
    captions = captions_of(doc, name)
    if rules is None:
        rules = _rules_of(doc.get("rules"), name)
    given = [c.get("confidence") for c in doc["captions"]]
    if any(g is None for g in given):
        given = [c.as_dict() for c in assess(captions, rules)]
    items = []
    for c, item, conf in zip(captions, doc["captions"], given):
        items.append({"index": item.get("index", len(items) + 1), "start_ms": c.start_ms, "end_ms": c.end_ms,
                      "lines": list(c.lines), "voices": list(c.voices), "confidence": conf,
                      "reviewed": bool(item.get("reviewed", False)),
                      "words": [{"text": w.text, "start_ms": w.start_ms, "end_ms": w.end_ms, "speaker": w.speaker,
                                 "matched": w.matched, "timed_by": w.timed_by, "line": w.line} for w in c.words]})
    return {"name": Path(name).stem, "captions": items, "rules": rules_dict(rules), "report": doc.get("report"),
            "unaligned_lines": unaligned_lines(captions), "media": media, "waveform": waveform,
            "binding_words": sorted(BINDING)}


def unaligned_lines(captions: list[Caption]) -> list[dict]:
    """Clean-text lines in the captions none of whose words was found in the transcript (their
    times are all guessed), with their line numbers; words without a line number are skipped."""
    lines: dict[int, list] = {}
    for c in captions:
        for w in c.words:
            if w.line:
                lines.setdefault(w.line, []).append(w)
    return [{"line": n, "text": " ".join(w.text for w in ws)} for n, ws in sorted(lines.items())
            if not any(w.matched for w in ws)]


def _rules_of(value, name: str) -> CaptionRules:
    if value is None:
        return CaptionRules()
    known = set(CaptionRules.__dataclass_fields__)
    try:
        return CaptionRules(**{k: v for k, v in value.items() if k in known})
    except (TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"bad \"rules\": {exc}", name) from None


def render_page(data: dict) -> str:
    """The page: the template with its style, script and data put in."""
    folder = files("captions") / "review_page"
    # "<" escaped keeps any "</script>" or "<!--" in a caption from ending the data block.
    blob = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    page = (folder / "page.html").read_text(encoding="utf-8")
    title = data["name"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for key, value in (("{{STYLE}}", (folder / "page.css").read_text(encoding="utf-8")),
                       ("{{SCRIPT}}", (folder / "page.js").read_text(encoding="utf-8")),
                       ("{{TITLE}}", title)):
        page = page.replace(key, value)
    return page.replace("{{DATA}}", blob)


def media_link(media: str | Path, output: str | Path) -> str:
    """The recording's address relative to the page, as a URL path (spaces and '#' escaped)."""
    target = Path(media).resolve()
    base = Path(output).resolve().parent
    try:
        relative = Path(os.path.relpath(target, base))
    except ValueError:               # another drive on Windows: no relative path exists
        return target.as_uri()
    return quote(relative.as_posix())


def review_page(source: str | Path | Mapping, media: str | Path | None = None, output: str | Path = "review.html",
                *, rules: CaptionRules | None = None, name: str | None = None) -> str:
    """The review page's HTML for ``source`` (a JSON file from ``captions make``, or the parsed
    document), to be written at ``output``: ``media`` (the recording) is linked by its path
    relative to it and its waveform embedded. ``rules`` default to the document's own; ``name``
    (the page's title) to the JSON's or output's file name. InputError for a bad input."""
    if isinstance(source, Mapping):
        doc, label = source, name or str(Path(output).with_suffix(""))
    else:
        doc, label = read_review_json(source), name or str(source)
    wave = None
    link = None
    if media is not None:
        from .waveform import waveform

        if not Path(media).is_file():
            raise InputError("no such file" if not Path(media).exists() else "is not a file", str(media))
        wave = waveform(media).as_dict()
        link = media_link(media, output)
    return render_page(page_data(doc, label, link, wave, rules))


def write_review(source: str | Path | Mapping, media: str | Path | None = None, output: str | Path = "review.html",
                 *, rules: CaptionRules | None = None, name: str | None = None) -> Path:
    """Write `review_page` to ``output`` atomically: nothing is written when an input is bad
    (InputError) or the page cannot be written (OutputError). Returns the page's path."""
    write_atomically(output, review_page(source, media, output, rules=rules, name=name))
    return Path(output)
