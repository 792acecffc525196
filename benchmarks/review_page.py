#!/usr/bin/env python3
"""The review page of the bundled 92-minute interview (811 captions): how fast it is made and how
fast it opens and answers in headless Chromium, with and without a recording.

usage: python benchmarks/review_page.py [--repeat N] [--screenshot PNG]

The recording is made here: 92 minutes of 16 kHz mono MP3 (PyAV), a tone that sounds while a
caption is on screen and is silent between them, so the waveform has the shape of speech. For
each case, best of N: the page's making (captions.review.write_review: the waveform decoded from
the recording, the page written), its size, and in the browser the time from navigation until
the page has drawn its list, player and waveform (``review.readyAt``), one step through the
queue (select, scroll, seek, redraw) and one edit of a caption's text (the rules checked again
over all captions, the row and editor redrawn). The issue's target: open in under 2 s.
``--screenshot`` writes the interview test recording's page (real speech) as the README's picture.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from captions import make_captions  # noqa: E402
from captions.readers import read_transcript  # noqa: E402
from captions.review import review_json, write_review  # noqa: E402
from captions.rules import CaptionRules  # noqa: E402

SEED_REV = ROOT / "samples" / "bbc-musk-2023.rev.txt"
SEED_TEXT = ROOT / "samples" / "bbc-musk-2023.blog.txt"
AUDIO = ROOT / "tests" / "data" / "audio"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def recording(path: Path, spans: list[tuple[int, int]], duration_ms: int) -> None:
    """A tone (220 Hz, its loudness wavering like speech) inside each span, silence outside."""
    import av
    import numpy

    rate = 16_000
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libmp3lame", rate=rate)
        stream.layout = "mono"
        stream.bit_rate = 24_000
        block = rate * 10
        k = 0
        for first in range(0, duration_ms * rate // 1000, block):
            t = numpy.arange(first, first + block) / rate
            on = numpy.zeros(block, bool)
            while k < len(spans) and spans[k][0] * rate // 1000 < first + block:
                a, b = (max(0, s * rate // 1000 - first) for s in spans[k])
                on[a:min(block, b)] = True
                if spans[k][1] * rate // 1000 > first + block:
                    break
                k += 1
            wave = numpy.sin(2 * numpy.pi * 220 * t) * (0.5 + 0.4 * numpy.sin(2 * numpy.pi * 3 * t)) * on * 12000
            frame = av.AudioFrame.from_ndarray(wave.astype(numpy.int16).reshape(1, -1), format="s16", layout="mono")
            frame.sample_rate = rate
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)


def open_page(browser, page_path: Path, repeat: int) -> dict:
    best = {"open_ms": None, "step_ms": None, "edit_ms": None}
    for _ in range(repeat):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        tab = context.new_page()
        tab.goto(page_path.as_uri())
        tab.wait_for_function("window.review && window.review.ready")
        opened = tab.evaluate("new Promise(r => requestAnimationFrame(() => r(performance.now())))")
        step = tab.evaluate("""new Promise(r => { const t = performance.now(); review.step(1);
                               requestAnimationFrame(() => r(performance.now() - t)); })""")
        edit = tab.evaluate("""new Promise(r => { const box = document.getElementById('ed-text');
                               const t = performance.now(); box.value = box.value + ' and more words';
                               box.dispatchEvent(new Event('input'));
                               requestAnimationFrame(() => r(performance.now() - t)); })""")
        for key, value in (("open_ms", opened), ("step_ms", step), ("edit_ms", edit)):
            best[key] = value if best[key] is None else min(best[key], value)
        context.close()
    return {k: round(v, 1) for k, v in best.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--screenshot", type=Path)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    rules = CaptionRules()
    transcript = read_transcript(SEED_REV)
    result = make_captions(transcript, SEED_TEXT, rules)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        doc = tmp / "bbc-musk-2023.json"
        doc.write_text(review_json(result.captions, rules, transcript.anchors, result.report.as_dict()), encoding="utf-8")
        # The transcript runs to 1:32:07; the blog post's text ends at 1:04, so the page's last
        # 28 minutes have waveform and no captions.
        duration = max(result.captions[-1].end_ms, max(a.time_ms for a in transcript.anchors)) + 5000
        media = tmp / "bbc-musk-2023.mp3"
        t = time.perf_counter()
        recording(media, [(c.start_ms, c.end_ms) for c in result.captions], duration)
        print(f"{len(result.captions)} captions; a {duration / 60000:.1f}-minute recording made in "
              f"{time.perf_counter() - t:.1f} s ({media.stat().st_size // 1024} KB)")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            print(f"{'page':<20}{'made s':>8}{'size KB':>9}{'open ms':>9}{'step ms':>9}{'edit ms':>9}")
            for label, with_media in (("without recording", None), ("with recording", media)):
                made = None
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    page = write_review(doc, with_media, tmp / f"{label}.html")
                    made = min(made or 1e9, time.perf_counter() - t)
                figures = open_page(browser, page, args.repeat)
                print(f"{label:<20}{made:>8.2f}{page.stat().st_size // 1024:>9}{figures['open_ms']:>9}"
                      f"{figures['step_ms']:>9}{figures['edit_ms']:>9}")
            if args.screenshot:
                screenshot(browser, tmp, rules, args.screenshot)
            browser.close()


def screenshot(browser, tmp: Path, rules: CaptionRules, target: Path) -> None:
    """The interview test recording's page, stopped on its least certain caption."""
    transcript = read_transcript(AUDIO / "interview.rev.txt")
    result = make_captions(transcript, AUDIO / "interview.clean.txt", rules)
    doc = tmp / "interview.json"
    doc.write_text(review_json(result.captions, rules, transcript.anchors, result.report.as_dict()), encoding="utf-8")
    page = write_review(doc, AUDIO / "interview.mp3", tmp / "interview.html")
    tab = browser.new_page(viewport={"width": 1280, "height": 820})
    tab.goto(page.as_uri())
    tab.wait_for_function("window.review && window.review.ready")
    tab.evaluate("review.seek(review.caps[review.selected].start_ms + 900)")
    tab.wait_for_function("!document.getElementById('player').seeking")
    tab.wait_for_timeout(300)
    tab.screenshot(path=str(target))
    print(f"screenshot: {target}")


if __name__ == "__main__":
    main()
