"""One browser context and tab per test process, cleared between tests instead of made anew.

A new tab costs 100–300 ms in Chromium, a reset about 20 ms: over a hundred scenarios that is most of the
harness's own overhead. What a test could leave behind is cleared by ``Tabs.reset``: other tabs closed, the tab
sent to ``about:blank``, cookies removed, permissions and routes dropped, the viewport restored. Web storage
(local and session) is cleared for the origin each tab shows at the end of a test: the mock sites use none at all
(``tests/test_templates.py`` checks it), and emptying every origin's (``set_storage_state``) costs 130 ms a test.
``tests/test_isolation.py`` proves the reset on a dirtied context.

Traces are recorded by chunk: one chunk per test on the one context, kept as
``<--output>/<test>/trace.zip`` when ``--tracing on``, or when the test failed under ``retain-on-failure``.
Chunks hold DOM snapshots, not a screencast: the report's step screenshots already show each screen, and a
screencast triples the cost of every action.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

CLEAR_WEB_STORAGE = "() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }"  # none on about:


class Tabs:
    """The reused context, its tab and a spare tab (the person's phone or mailbox in another tab)."""

    def __init__(self, browser: Browser, context_options: dict, tracing: str = "off",
                 timeout_ms: float | None = None) -> None:
        self.browser = browser
        self.options = dict(context_options)
        self.tracing = tracing
        self.timeout_ms = timeout_ms  # how long the context's actions wait, when not Playwright's 30 s
        self.context: BrowserContext | None = None
        self.page: Page | None = None
        self._spare: Page | None = None
        self._spare_used = False  # the spare tab showed something during this test: clear it too
        self._chunk = False
        self.contexts_made = 0  # how many contexts this process needed: 1 unless a test closed it

    def _alive(self) -> bool:
        return self.page is not None and not self.page.is_closed()

    def take(self) -> tuple[BrowserContext, Page]:
        """The context and tab for a test: made once, made again only if a test closed them."""
        if not self._alive():
            self.context = self.browser.new_context(**self.options)
            if self.timeout_ms is not None:
                self.context.set_default_timeout(self.timeout_ms)
            self.page = self.context.new_page()
            self._spare = None
            self.contexts_made += 1
            if self.tracing != "off":
                self.context.tracing.start(snapshots=True, screenshots=False, sources=False)
        if self.tracing != "off":
            self.context.tracing.start_chunk()
            self._chunk = True
        return self.context, self.page

    def spare(self) -> Page:
        """A second tab of the reused context, for the phone or the mailbox: kept, not made per read."""
        if self._spare is None or self._spare.is_closed():
            self._spare = self.context.new_page()
        self._spare_used = True
        return self._spare

    def give_back(self, trace: Path | None = None) -> None:
        """After a test: its trace chunk kept at ``trace`` (or dropped), then everything it left cleared."""
        if not self._alive():  # the test closed the context ("il ferme son navigateur"): nothing to clear
            self._chunk = False
            return
        if self._chunk:
            if trace is not None:
                trace.parent.mkdir(parents=True, exist_ok=True)
                self.context.tracing.stop_chunk(path=trace)
            else:
                self.context.tracing.stop_chunk()
            self._chunk = False
        self.reset()

    def reset(self) -> None:
        """Clear what a test may leave in the context and its tabs."""
        context, page = self.context, self.page
        for other in context.pages:
            if other is not page and other is not self._spare:
                _clear_web_storage(other)
                other.close()
        context.unroute_all(behavior="ignoreErrors")
        page.unroute_all(behavior="ignoreErrors")
        for tab in (page, self._spare if self._spare_used else None):
            if tab is not None and not tab.is_closed():
                _clear_web_storage(tab)
                tab.goto("about:blank")
        page.bring_to_front()  # Chromium paints only the tab in front, and Playwright waits for paint to act
        context.clear_cookies()
        context.clear_permissions()
        context.set_extra_http_headers({})
        self._spare_used = False
        if self.options.get("viewport") and page.viewport_size != self.options["viewport"]:
            page.set_viewport_size(self.options["viewport"])

    def close(self) -> None:
        if self.context is not None and self._alive():
            self.context.close()
        self.context = self.page = self._spare = None


def _clear_web_storage(tab: Page) -> None:
    """The local storage of the origin the tab shows, and the tab's session storage for it."""
    if tab.url.startswith("http"):
        try:
            tab.evaluate(CLEAR_WEB_STORAGE)
        except PlaywrightError:  # a page that crashed or is going away keeps nothing worth clearing
            pass
