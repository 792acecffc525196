"""The review page in a real browser: Debian's headless Chromium driven by Playwright.

The page is made from tests/data/audio/interview.mp3 with its transcript and clean text, opened
from the file system (file://) as a user would, the recording played from its relative path.
"""
from __future__ import annotations

import base64
import json
import math
import shutil
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from captions import make_captions
from captions.check import check_captions
from captions.model import Caption
from captions.readers import read_transcript
from captions.readers.caption_files import read_captions
from captions.review import captions_of, review_json, write_review
from captions.rules import CaptionRules
from captions.timecode import frame_rate
from captions.writers import format_captions

playwright = pytest.importorskip("playwright.sync_api", reason="playwright not installed (pip install -e '.[test]')")

AUDIO = Path(__file__).resolve().parents[1] / "data" / "audio"
CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None) or \
    ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium; .ci/run does)")
RULES = CaptionRules()


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


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--autoplay-policy=no-user-gesture-required"])
        yield b
        b.close()


@pytest.fixture
def page(browser, made):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(made["page"].as_uri())
    tab.wait_for_function("window.review && window.review.ready")
    yield tab
    context.close()
    assert not errors, errors


def export(page, which: str, tmp_path: Path) -> str:
    with page.expect_download() as info:
        page.click(f"#export-{which}")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_text(encoding="utf-8")


def next_frame(ms: int, fps: float, frames: int = 1) -> int:
    """The frame edge ``frames`` after ``ms`` on captions.timecode's grid (frame n at ceil(n*1000/rate))."""
    rate = frame_rate(fps)
    edge = lambda n: math.ceil(n * 1000 / rate)   # noqa: E731
    n = math.floor(Fraction(ms) * rate / 1000)
    while edge(n) <= ms:
        n += 1
    return edge(n + frames - 1)


def test_playing_shows_the_caption_of_the_moment(page, made):
    page.evaluate("document.getElementById('player').play()")
    page.wait_for_function("document.getElementById('player').currentTime >= 12.4", timeout=20_000)
    page.evaluate("document.getElementById('player').pause()")
    page.wait_for_timeout(100)
    now_ms = round(page.evaluate("document.getElementById('player').currentTime") * 1000)
    shown = [c for c in made["json"]["captions"] if c["start_ms"] <= now_ms < c["end_ms"]]
    assert shown, f"no caption at {now_ms} ms to compare with"
    assert page.inner_text("#overlay") == "\n".join(shown[0]["lines"])
    # The lists follow the playing caption.
    assert page.get_attribute("#list li.playing", "data-k") == str(shown[0]["index"] - 1)


def test_seeking_between_captions_shows_none(page, made):
    caps = made["json"]["captions"]
    gap = caps[0]["start_ms"] // 2                    # before the first caption (the captions are chained)
    assert gap > 100
    page.evaluate(f"review.seek({gap})")
    page.wait_for_function(f"Math.abs(document.getElementById('player').currentTime * 1000 - {gap}) < 2")
    page.evaluate("document.getElementById('player').dispatchEvent(new Event('timeupdate'))")
    assert page.inner_text("#overlay") == ""


def test_the_queue_lists_the_least_certain_first_and_keys_move_through_it(page, made):
    caps = made["json"]["captions"]
    expected = sorted(range(len(caps)), key=lambda k: (caps[k]["confidence"]["score"], k))
    assert page.evaluate("review.queue()") == expected
    assert [int(x) for x in page.eval_on_selector_all("#list li", "els => els.map(e => e.dataset.k)")] == expected
    assert page.evaluate("review.selected") == expected[0]
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert page.evaluate("review.selected") == expected[1]
    assert round(page.evaluate("document.getElementById('player').currentTime") * 1000) == caps[expected[1]]["start_ms"]


def test_unedited_export_is_what_make_writes(page, made, tmp_path):
    captions = made["result"].captions
    assert export(page, "srt", tmp_path) == format_captions(captions, "srt")
    assert export(page, "vtt", tmp_path) == format_captions(captions, "vtt")
    reopened = json.loads(export(page, "json", tmp_path))
    assert [c["confidence"] for c in reopened["captions"]] == [c["confidence"] for c in made["json"]["captions"]]
    assert captions_of(reopened) == captions_of(made["json"])


def test_edited_text_and_edges_export_as_the_library_writes_them(page, made, tmp_path):
    k = page.evaluate("review.queue()")[2]
    page.click(f"#list li[data-k='{k}']")
    page.fill("#ed-text", "Doctor Patel says  the figures\nare    worse than   expected.")
    page.keyboard.press("Escape")
    for key in ("]", "]", ".", ",", "."):          # start two frames later; end one later, back, on again
        page.keyboard.press(key)
    ours = list(made["result"].captions)
    c = ours[k]
    ours[k] = replace(c, lines=("Doctor Patel says the figures", "are worse than expected."),
                      start_ms=next_frame(c.start_ms, RULES.fps, 2), end_ms=next_frame(c.end_ms, RULES.fps, 1))
    srt = export(page, "srt", tmp_path)
    assert srt == format_captions(ours, "srt")
    assert export(page, "vtt", tmp_path) == format_captions(ours, "vtt")
    written = tmp_path / "edited.srt"
    written.write_text(srt, encoding="utf-8")
    assert check_captions(read_captions(written), RULES, tolerance_ms=1) == check_captions(ours, RULES, tolerance_ms=1)
    # The edited caption's words no longer say its text: the JSON keeps none for it.
    reopened = json.loads(export(page, "json", tmp_path))
    assert reopened["captions"][k]["lines"] == list(ours[k].lines) and reopened["captions"][k]["words"] == []


def test_rules_are_checked_live_as_the_user_types(page):
    k = page.evaluate("review.selected")
    page.fill("#ed-text", "This line is far too long to fit on any screen at all.")
    assert "chars per line: line 1 has 54 characters (at most 42)" in page.inner_text("#ed-breaches")
    assert page.get_attribute("#list li[data-k='%d']" % k, "class").count("selected") == 1
    assert "chars_per_line" in page.inner_text(f"#list li[data-k='{k}'] .flags")
    page.fill("#ed-text", "Short.")
    assert page.inner_text("#ed-breaches") == "breaks no caption rule"


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
    shown = page.evaluate("c => review.check(c)", [{"start_ms": c.start_ms, "end_ms": c.end_ms, "lines": list(c.lines)}
                                                   for c in cases])
    ours = [[] for _ in cases]
    for b in check_captions(cases, RULES, tolerance_ms=1):
        ours[b.cue - 1].append((b.rule, b.message.replace('"', "'")))
    assert [[(b["rule"], b["message"]) for b in cue] for cue in shown] == ours


def test_split_and_merge(page, made):
    caps = made["json"]["captions"]
    k = next(i for i, c in enumerate(caps) if len(c["words"]) >= 6 and all(w["matched"] for w in c["words"]))
    page.evaluate(f"review.select({k}, true)")
    text = "\n".join(caps[k]["lines"])
    words = caps[k]["words"]
    at = text.index(words[3]["text"])
    page.evaluate(f"review.split({k}, {at})")
    first, second = page.evaluate(f"[review.caps[{k}], review.caps[{k + 1}]]")
    assert " ".join(first["lines"] + second["lines"]) == " ".join(caps[k]["lines"])
    assert second["start_ms"] == words[3]["start_ms"] and first["end_ms"] == words[3]["start_ms"] - RULES.min_gap_ms
    assert [w["text"] for w in first["words"]] == [w["text"] for w in words[:3]]
    assert page.evaluate("review.caps.length") == len(caps) + 1
    page.evaluate(f"review.merge({k})")
    merged = page.evaluate(f"review.caps[{k}]")
    assert (merged["start_ms"], merged["end_ms"]) == (caps[k]["start_ms"], caps[k]["end_ms"])
    assert [w["text"] for w in merged["words"]] == [w["text"] for w in words]


def test_dragging_an_edge_on_the_waveform_moves_it(page):
    k = page.evaluate("review.selected")
    before = page.evaluate(f"review.caps[{k}].end_ms")
    box = page.locator("#wave").bounding_box()
    view = page.evaluate("(() => { const t = document.getElementById('player').currentTime * 1000;"
                         " const from = Math.max(0, t - 20000 / 3); return [from, from + 20000]; })()")
    x = box["x"] + (before - view[0]) / (view[1] - view[0]) * box["width"]
    page.mouse.move(x, box["y"] + 60)
    page.mouse.down()
    page.mouse.move(x + 32, box["y"] + 60, steps=4)
    page.mouse.up()
    after = page.evaluate(f"review.caps[{k}].end_ms")
    assert abs(after - before - 32 / box["width"] * 20000) < 40


def test_dropped_and_unaligned_lines_are_listed_with_their_numbers(page, made):
    dropped = made["json"]["report"]["dropped_lines"]
    assert {d["line"] for d in dropped} >= {1}                      # the title line of the clean text
    text = page.inner_text("#missing")
    for d in dropped:
        assert f"line {d['line']}\t{d['text']}" in text


def test_screenshot_is_not_blank(page, made):
    page.evaluate("review.seek(12000)")
    page.wait_for_timeout(300)
    png = page.screenshot()
    colours, dark = page.evaluate("""async (src) => {
        const img = new Image(); img.src = src; await img.decode();
        const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
        const g = c.getContext('2d'); g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data, seen = new Set();
        let dark = 0;
        for (let i = 0; i < d.length; i += 4) { seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]); if (d[i] + d[i + 1] + d[i + 2] < 120) dark++; }
        return [seen.size, dark / (d.length / 4)];
    }""", "data:image/png;base64," + base64.b64encode(png).decode())
    assert colours > 200, "a page of a few flat colours: nothing drawn"
    assert 0.05 < dark < 0.8                                         # the player and waveform, not all black
    assert page.inner_text("#overlay")


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
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.goto(page_file.as_uri())
    tab.wait_for_function("window.review && window.review.ready")
    yellow = """() => { const c = document.getElementById('wave'), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] === 255 && d[i + 1] === 209 && d[i + 2] === 102) n++; return n; }"""
    tab.evaluate(f"review.seek({cuts[1]})")
    tab.wait_for_timeout(300)
    assert tab.evaluate(yellow) > 0
    context.close()
