"""The review page in real browsers: each test is one user's scenario, run in Debian's headless
Chromium (Playwright) and in Debian's Firefox ESR (Marionette) alike (browsers.py).

The page is made from tests/data/audio/interview.mp3 with its transcript and clean text, opened
from the file system (file://) as a user would, the recording played from its relative path.
"""
from __future__ import annotations

import base64
import json
import math
import shutil
import time
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from browsers import BROWSERS
from captions import make_captions
from captions.check import check_captions
from captions.model import Caption
from captions.readers import read_transcript
from captions.readers.caption_files import read_captions
from captions.review import captions_of, review_json, write_review
from captions.rules import CaptionRules
from captions.timecode import frame_rate
from captions.writers import format_captions

AUDIO = Path(__file__).resolve().parents[1] / "data" / "audio"
RULES = CaptionRules()
PLAYER = "document.getElementById('player')"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The interview's captions, its review JSON and page (in a folder beside the recording's)."""
    root = tmp_path_factory.mktemp("review")
    (root / "media").mkdir()
    media = root / "media" / "interview.mp3"
    shutil.copy(AUDIO / "interview.mp3", media)
    clean = root / "interview.clean.txt"
    clean.write_text("Survey results: a transcript\n\n" + (AUDIO / "interview.clean.txt").read_text(encoding="utf-8")
                     + "\nShare this article on social media\n", encoding="utf-8")
    transcript = read_transcript(AUDIO / "interview.rev.txt")
    result = make_captions(transcript, clean, RULES)
    doc = root / "pages" / "interview.json"
    doc.parent.mkdir()
    doc.write_text(review_json(result.captions, RULES, transcript.anchors, result.report.as_dict()), encoding="utf-8")
    page = write_review(doc, media, root / "pages" / "interview.html")
    return {"root": root, "page": page, "json": json.loads(doc.read_text(encoding="utf-8")), "result": result}


@pytest.fixture(scope="module", params=BROWSERS, ids=lambda b: b.name)
def browser(request, tmp_path_factory):
    """One browser for the module, each in turn: Chromium, then Firefox."""
    with request.param(tmp_path_factory.mktemp(request.param.name)) as started:
        yield started


@pytest.fixture
def page(browser, made):
    with browser.open(made["page"].as_uri()) as tab:
        yield tab


def export(page, which: str, made) -> str:
    """The text the page's export button saves, as a real download named after the page's captions."""
    name, text = page.download(f"#export-{which}")
    assert name == f"{made['page'].stem}.{which}"
    return text


def next_frame(ms: int, fps: float, frames: int = 1) -> int:
    """The frame edge ``frames`` after ``ms`` on captions.timecode's grid (frame n at ceil(n*1000/rate))."""
    rate = frame_rate(fps)
    edge = lambda n: math.ceil(n * 1000 / rate)   # noqa: E731
    n = math.floor(Fraction(ms) * rate / 1000)
    while edge(n) <= ms:
        n += 1
    return edge(n + frames - 1)


def test_playing_shows_the_caption_of_the_moment(page, made):
    caps = made["json"]["captions"]
    boundary = caps[3]["start_ms"]                   # play across the start of the fourth caption (two lines)
    page.js(f"review.seek({boundary - 1000})")
    page.wait(f"Math.abs({PLAYER}.currentTime * 1000 - {boundary - 1000}) < 2")
    page.press(" ")                                 # a user's key press plays: no autoplay needed
    page.wait(f"{PLAYER}.currentTime * 1000 >= {boundary + 500}", timeout=20)
    page.js(f"{PLAYER}.focus()")                    # as a click on the player's own controls leaves it
    page.press(" ")                                 # pauses: one key, one toggle
    page.wait(f"{PLAYER}.paused")
    now_ms = round(page.js(f"{PLAYER}.currentTime") * 1000)
    shown = [c for c in caps if c["start_ms"] <= now_ms < c["end_ms"]]
    assert shown and shown[0]["index"] == 4, f"{now_ms} ms is not in the fourth caption: the test needs another window"
    assert page.text("#overlay") == "\n".join(shown[0]["lines"])
    # The lists follow the playing caption.
    assert page.js("document.querySelector('#list li.playing').dataset.k") == str(shown[0]["index"] - 1)


def test_seeking_between_captions_shows_none(page, made):
    caps = made["json"]["captions"]
    gap = caps[0]["start_ms"] // 2                    # before the first caption (the captions are chained)
    assert gap > 100
    page.js(f"review.seek({gap})")
    page.wait(f"Math.abs({PLAYER}.currentTime * 1000 - {gap}) < 2")
    page.js(f"{PLAYER}.dispatchEvent(new Event('timeupdate'))")
    assert page.text("#overlay") == ""


def test_the_queue_lists_the_least_certain_first_and_keys_move_through_it(page, made):
    caps = made["json"]["captions"]
    expected = sorted(range(len(caps)), key=lambda k: (caps[k]["confidence"]["score"], k))
    assert page.js("review.queue()") == expected
    assert [int(k) for k in page.js("[...document.querySelectorAll('#list li')].map(li => li.dataset.k)")] == expected
    assert page.js("review.selected") == expected[0]
    page.press("j")
    page.press("j")
    page.press("k")
    assert page.js("review.selected") == expected[1]
    assert round(page.js(f"{PLAYER}.currentTime") * 1000) == caps[expected[1]]["start_ms"]
    page.js(f"{PLAYER}.focus()")
    page.press("ArrowDown")                         # the focused player's own key (its volume), not a step too
    assert page.js("review.selected") == expected[1]


def test_unedited_export_is_what_make_writes(page, made):
    captions = made["result"].captions
    assert export(page, "srt", made) == format_captions(captions, "srt")
    assert export(page, "vtt", made) == format_captions(captions, "vtt")
    reopened = json.loads(export(page, "json", made))
    assert [c["confidence"] for c in reopened["captions"]] == [c["confidence"] for c in made["json"]["captions"]]
    assert captions_of(reopened) == captions_of(made["json"])


def test_edited_text_and_edges_export_as_the_library_writes_them(page, made, tmp_path):
    k = page.js("review.queue()")[2]
    page.click(f"#list li[data-k='{k}']")
    page.type("#ed-text", "Doctor Patel & co say  the figures\nare    worse than   expected.")
    page.press("Escape")
    for key in ("]", "]", ".", ",", "."):          # start two frames later; end one later, back, on again
        page.press(key)
    ours = list(made["result"].captions)
    c = ours[k]
    ours[k] = replace(c, lines=("Doctor Patel & co say the figures", "are worse than expected."),
                      start_ms=next_frame(c.start_ms, RULES.fps, 2), end_ms=next_frame(c.end_ms, RULES.fps, 1))
    srt = export(page, "srt", made)
    assert srt == format_captions(ours, "srt")
    assert export(page, "vtt", made) == format_captions(ours, "vtt")
    written = tmp_path / "edited.srt"
    written.write_text(srt, encoding="utf-8")
    assert check_captions(read_captions(written), RULES, tolerance_ms=1) == check_captions(ours, RULES, tolerance_ms=1)
    # The edited caption's words no longer say its text: the JSON keeps none for it.
    reopened = json.loads(export(page, "json", made))
    assert reopened["captions"][k]["lines"] == list(ours[k].lines) and reopened["captions"][k]["words"] == []


def test_rules_are_checked_live_as_the_user_types(page):
    k = page.js("review.selected")
    page.type("#ed-text", "This line is far too long to fit on any screen at all.")
    assert "chars per line: line 1 has 54 characters (at most 42)" in page.text("#ed-breaches")
    assert page.js(f"document.querySelector(\"#list li[data-k='{k}']\").className").split().count("selected") == 1
    assert "chars_per_line" in page.text(f"#list li[data-k='{k}'] .flags")
    page.type("#ed-text", "Short.")
    assert page.text("#ed-breaches") == "breaks no caption rule"


def test_the_page_checks_rules_as_captions_check_does(page):
    cases = [
        Caption(0, 900, ("A line that runs on and on past forty-two chars", "two", "three")),
        Caption(950, 960, ("Überraschung für die Kinder und die Eltern heute",)),    # code points, not UTF-16
        Caption(940, 9000, ("He went to the", "shop")),
        Caption(9050, 9500, ("-Did you?", "-Yes and")),
        Caption(9000, 9800, ("Mr. Smith: we went to", "Anna: the shop")),
        Caption(9884, 12000, ("Supercalifragilisticexpialidocious-antidisestablishment",)),
        Caption(12083, 12084, ("😀" * 30,)),
    ]
    shown = page.js("c => review.check(c)", [{"start_ms": c.start_ms, "end_ms": c.end_ms, "lines": list(c.lines)}
                                             for c in cases])
    ours = [[] for _ in cases]
    for b in check_captions(cases, RULES, tolerance_ms=1):
        ours[b.cue - 1].append((b.rule, b.message.replace('"', "'")))
    assert [[(b["rule"], b["message"]) for b in cue] for cue in shown] == ours


def test_split_and_merge(page, made):
    caps = made["json"]["captions"]
    k = next(i for i, c in enumerate(caps) if len(c["words"]) >= 6 and all(w["matched"] for w in c["words"]))
    page.js(f"review.select({k}, true)")
    text = "\n".join(caps[k]["lines"])
    words = caps[k]["words"]
    at = text.index(words[3]["text"])
    page.js(f"review.split({k}, {at})")
    first, second = page.js(f"[review.caps[{k}], review.caps[{k + 1}]]")
    assert " ".join(first["lines"] + second["lines"]) == " ".join(caps[k]["lines"])
    assert second["start_ms"] == words[3]["start_ms"] and first["end_ms"] == words[3]["start_ms"] - RULES.min_gap_ms
    assert [w["text"] for w in first["words"]] == [w["text"] for w in words[:3]]
    assert page.js("review.caps.length") == len(caps) + 1
    page.js(f"review.merge({k})")
    merged = page.js(f"review.caps[{k}]")
    assert (merged["start_ms"], merged["end_ms"]) == (caps[k]["start_ms"], caps[k]["end_ms"])
    assert [w["text"] for w in merged["words"]] == [w["text"] for w in words]


def test_dragging_an_edge_on_the_waveform_moves_it(page):
    k = page.js("review.selected")
    before = page.js(f"review.caps[{k}].end_ms")
    box = page.js("(() => { const r = document.getElementById('wave').getBoundingClientRect();"
                  " return { x: r.x, y: r.y, width: r.width }; })()")
    view = page.js(f"(() => {{ const t = {PLAYER}.currentTime * 1000;"
                   " const from = Math.max(0, t - 20000 / 3); return [from, from + 20000]; })()")
    edge = box["x"] + (before - view[0]) / (view[1] - view[0]) * box["width"]
    x, y = round(edge), round(box["y"] + 60)          # whole pixels, as a pointer moves
    page.drag((x, y), (x + 32, y), steps=4)
    after = page.js(f"review.caps[{k}].end_ms")
    assert abs(after - before - (x + 32 - edge) / box["width"] * 20000) < 40


def test_dropped_and_unaligned_lines_are_listed_with_their_numbers(page, made):
    dropped = made["json"]["report"]["dropped_lines"]
    assert {d["line"] for d in dropped} >= {1}                      # the title line of the clean text
    text = page.text("#missing")
    for d in dropped:
        assert f"line {d['line']}\t{d['text']}" in text


# The share of distinct colours and of dark pixels in a PNG, decoded by the browser's own canvas.
COLOURS = """async (src) => {
    const img = new Image(); img.src = src; await img.decode();
    const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
    const g = c.getContext('2d'); g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data, seen = new Set();
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) { seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]); if (d[i] + d[i + 1] + d[i + 2] < 120) dark++; }
    return [seen.size, dark / (d.length / 4)];
}"""


def test_screenshot_is_not_blank(page, made):
    page.js("review.seek(12000)")
    time.sleep(0.3)
    png = page.screenshot()
    colours, dark = page.js(COLOURS, "data:image/png;base64," + base64.b64encode(png).decode())
    assert colours > 200, "a page of a few flat colours: nothing drawn"
    assert 0.05 < dark < 0.8                                         # the player and waveform, not all black
    assert page.text("#overlay")


def test_the_pictures_cuts_are_drawn_on_the_waveform(browser, tmp_path):
    """With make --shots, the page draws each cut across the waveform where an edge should meet it."""
    from captions.shots import read_shots

    cuts = read_shots(AUDIO.parent / "video" / "interview.cuts.txt", 24)
    shutil.copy(AUDIO / "interview.mp3", tmp_path / "interview.mp3")
    transcript = read_transcript(AUDIO / "interview.rev.txt")
    result = make_captions(transcript, AUDIO / "interview.clean.txt", RULES, shots=cuts)
    doc = tmp_path / "interview.json"
    doc.write_text(review_json(result.captions, RULES, transcript.anchors, result.report.as_dict()), encoding="utf-8")
    assert json.loads(doc.read_text(encoding="utf-8"))["report"]["shots"]["cut_times_ms"] == sorted(cuts)
    page_file = write_review(doc, tmp_path / "interview.mp3", tmp_path / "interview.html")
    yellow = """(() => { const c = document.getElementById('wave'), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] === 255 && d[i + 1] === 209 && d[i + 2] === 102) n++; return n; })()"""
    with browser.open(page_file.as_uri()) as tab:
        tab.js(f"review.seek({cuts[1]})")
        time.sleep(0.3)
        assert tab.js(yellow) > 0
