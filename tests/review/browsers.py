"""The browsers the review page is tested in, behind one small interface, so that each test is one
user's scenario run the same way in every browser.

- Chromium: Debian's `chromium`, headless, driven by Playwright (never Playwright's own download).
- Firefox: Debian's `firefox-esr`, headless, driven by Mozilla's own Marionette client
  (marionette-driver). Playwright cannot drive the ESR: its Firefox speaks a WebDriver BiDi the
  ESR does not answer in full (opening a page fails on "emulation.setMediaFeaturesOverride:
  unknown command").

A browser starts once for a test module (``with Chromium(folder) as browser``, a skip naming the
install command when it is missing). ``browser.open(url)`` gives a `Tab` on the page in a fresh
state, in a 1280x800 viewport; when the test is done it fails the test if the page raised an
uncaught error. What a tab does are a user's actions (keys, clicks, typing, dragging, exporting
through a button as a real download, a screenshot) and script run in the page's own global
(``tab.js``), to read the page's state and to call ``window.review``.
"""
from __future__ import annotations

import re
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


class FirefoxTab(Tab):
    def __init__(self, client, keys):
        self.client = client
        self.keys = keys

    def js(self, source, arg=_NO_ARG):
        # sandbox=None: in the page's own global, as Playwright does, where window.review is seen
        # (Marionette's default sandbox sees the DOM through a wrapper without the page's globals).
        if arg is _NO_ARG:
            return self.client.execute_script(f"return ({source});", sandbox=None)
        return self.client.execute_script(f"return ({source})(arguments[0]);", script_args=[arg], sandbox=None)

    def press(self, key):
        if len(key) > 1:                                 # "ArrowDown" is Keys.ARROW_DOWN
            key = getattr(self.keys, re.sub(r"(?<=[a-z])(?=[A-Z])", "_", key).upper())
        self.client.actions.sequence("key", "keyboard").key_down(key).key_up(key).perform()

    def click(self, selector):
        self.client.find_element("css selector", selector).click()

    def type(self, selector, text):
        field = self.client.find_element("css selector", selector)
        field.clear()
        field.send_keys(text)

    def drag(self, start, end, steps):
        mouse = self.client.actions.sequence("pointer", "mouse", {"pointerType": "mouse"})
        mouse.pointer_move(*start).pointer_down()
        for n in range(1, steps + 1):
            mouse.pointer_move(*(round(a + (b - a) * n / steps) for a, b in zip(start, end)))
        mouse.pointer_up().perform()

    def download(self, selector):
        self.click(selector)
        with self.client.using_context("chrome"):
            path = Path(self.client.execute_script(_NEXT_DOWNLOAD))
        try:
            return path.name, path.read_bytes().decode("utf-8")
        finally:
            path.unlink()        # so the next export of the same name is not saved as "name(1).ext"

    def screenshot(self):
        return self.client.screenshot(format="binary", full=False)


# Firefox's own download list: the next download to start, once saved, taken off the list.
_NEXT_DOWNLOAD = """return (async () => {
    const { Downloads } = ChromeUtils.importESModule("resource://gre/modules/Downloads.sys.mjs");
    const list = await Downloads.getList(Downloads.ALL);
    let view;
    const download = await new Promise((resolve) => { view = { onDownloadAdded: resolve }; list.addView(view); });
    await list.removeView(view);
    await download.whenSucceeded();
    await list.remove(download);
    return download.target.path;
})();"""

# Uncaught errors of page scripts, as Firefox's console service hears them from the content
# process: kept in a sandbox that lasts the session (what Playwright's "pageerror" is in Chromium).
_COLLECT_ERRORS = """globalThis.errors = [];
Services.console.registerListener({ observe(m) {
    if (m instanceof Ci.nsIScriptError && m.category === "content javascript"
            && !(m.flags & Ci.nsIScriptError.warningFlag))
        globalThis.errors.push(`${m.errorMessage} (${m.sourceName}:${m.lineNumber})`);
} });"""


class Firefox:
    name = "firefox"

    def __init__(self, folder: Path):
        self.folder = folder

    def __enter__(self):
        executable = shutil.which("firefox-esr")
        if executable is None:
            pytest.skip("firefox-esr not installed (apt-get install firefox-esr; .ci/run does)")
        driver = pytest.importorskip("marionette_driver.marionette",
                                     reason="marionette-driver not installed (pip install -e '.[test]')")
        from marionette_driver.keys import Keys

        self.keys = Keys
        downloads = self.folder / "downloads"
        downloads.mkdir()
        # app given: no version probe (and its log lines); the log and profile in the test's folder.
        self.client = driver.Marionette(
            bin=executable, app="fxdesktop", headless=True, port=0, startup_timeout=60,
            gecko_log=str(self.folder / "gecko.log"), workspace=str(self.folder),
            prefs={"browser.download.folderList": 2, "browser.download.dir": str(downloads),
                   "browser.download.useDownloadDir": True,
                   "browser.download.always_ask_before_handling_new_types": False})
        try:
            self.client.start_session()
            inner = self.client.execute_script("return [innerWidth, innerHeight]")
            outer = self.client.window_rect
            self.client.set_window_rect(width=VIEWPORT["width"] + outer["width"] - inner[0],
                                        height=VIEWPORT["height"] + outer["height"] - inner[1])
            inner = self.client.execute_script("return [innerWidth, innerHeight]")
            assert inner == [VIEWPORT["width"], VIEWPORT["height"]], f"Firefox's viewport is {inner}, not {VIEWPORT}"
            with self.client.using_context("chrome"):
                self.client.execute_script(_COLLECT_ERRORS, new_sandbox=False, sandbox="errors")
        except BaseException:
            self._quit()
            raise
        return self

    def __exit__(self, *exc):
        self._quit()

    def _quit(self):
        used = self.client.instance.profile
        self.client.cleanup()                             # the session, Firefox, the profile's folder
        # cleanup() leaves the instance a new empty profile (marionette-driver makes one on reset):
        # remove it now, and leave both profiles' finalisers nothing to do at interpreter exit,
        # where they would fail and print an ImportError.
        spare = self.client.instance.profile
        spare.cleanup()
        used.restore = spare.restore = False

    def _errors(self) -> list[str]:
        """The errors heard since the last call."""
        with self.client.using_context("chrome"):
            return self.client.execute_script("return errors.splice(0);", new_sandbox=False, sandbox="errors")

    @contextmanager
    def open(self, url: str):
        self._errors()                   # a page before this one is not this test's
        self.client.navigate(url)
        tab = FirefoxTab(self.client, self.keys)
        tab.wait(READY)
        yield tab
        errors = self._errors()
        assert not errors, errors


BROWSERS = (Chromium, Firefox)
