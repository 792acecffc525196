"""The browsers the review page is tested in, behind one small interface, so that each test is one
user's scenario run the same way in every browser.

- Chromium: Debian's `chromium`, headless, driven by Playwright (never Playwright's own download).

A browser starts once for a test module (``with Chromium(folder) as browser``, a skip naming the
install command when it is missing). ``browser.open(url)`` gives a `Tab` on the page in a fresh
state, in a 1280x800 viewport; when the test is done it fails the test if the page raised an
uncaught error. What a tab does are a user's actions (keys, clicks, typing, dragging, exporting
through a button as a real download, a screenshot) and script run in the page's own global
(``tab.js``), to read the page's state and to call ``window.review``.
"""
from __future__ import annotations

import shutil
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

VIEWPORT = {"width": 1280, "height": 800}
READY = "window.review && window.review.ready"
_NO_ARG = object()


class Tab:
    """One open page. Each browser's tab has ``js(source[, arg])`` (the value of the expression
    ``source``, or with ``arg`` of the function ``source`` called with it, promises awaited),
    ``press(key)`` (a key as Playwright names it: "j", " ", "Escape"), ``click(selector)``,
    ``type(selector, text)`` (the field emptied, then the text typed key by key, "\\n" as Enter),
    ``drag(start, end, steps)`` (the left button, in viewport pixels), ``download(selector)``
    (the button clicked and the file it saves: its name and text) and ``screenshot()`` (PNG of
    the viewport); the helpers below are built on these."""

    def wait(self, condition: str, timeout: float = 10.0) -> None:
        """Until the expression ``condition`` is true in the page."""
        deadline = time.monotonic() + timeout
        while not self.js(condition):
            if time.monotonic() > deadline:
                raise AssertionError(f"not true after {timeout} s: {condition}")
            time.sleep(0.02)

    def text(self, selector: str) -> str:
        """The element's text as the page renders it (innerText)."""
        return self.js("s => document.querySelector(s).innerText", selector)


class ChromiumTab(Tab):
    def __init__(self, page):
        self.page = page

    def js(self, source, arg=_NO_ARG):
        return self.page.evaluate(source) if arg is _NO_ARG else self.page.evaluate(source, arg)

    def press(self, key):
        self.page.keyboard.press(key)

    def click(self, selector):
        self.page.click(selector)

    def type(self, selector, text):
        self.page.fill(selector, "")
        self.page.locator(selector).press_sequentially(text)

    def drag(self, start, end, steps):
        mouse = self.page.mouse
        mouse.move(*start)
        mouse.down()
        mouse.move(*end, steps=steps)
        mouse.up()

    def download(self, selector):
        with self.page.expect_download() as info:
            self.page.click(selector)
        return info.value.suggested_filename, Path(info.value.path()).read_bytes().decode("utf-8")

    def screenshot(self):
        return self.page.screenshot()


class Chromium:
    name = "chromium"

    def __init__(self, folder: Path):
        self.folder = folder

    def __enter__(self):
        executable = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None) or \
            ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
        if executable is None:
            pytest.skip("chromium not installed (apt-get install chromium; .ci/run does)")
        sync_api = pytest.importorskip("playwright.sync_api",
                                       reason="playwright not installed (pip install -e '.[test]')")
        self.playwright = sync_api.sync_playwright().start()
        try:
            self.browser = self.playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        except BaseException:
            self.playwright.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.browser.close()
        self.playwright.stop()

    @contextmanager
    def open(self, url: str):
        context = self.browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            page.goto(url)
            tab = ChromiumTab(page)
            tab.wait(READY)
            yield tab
        finally:
            context.close()
        assert not errors, errors


BROWSERS = (Chromium,)
