"""Snapshots of a follow: the mock world and the browser together, to go back to after a failed instruction.

A follower takes a ``Snapshot`` after each instruction it completes (``take``). When a later instruction fails
on another follow, it ``restore``s the snapshot taken after the instruction before it: the world (accounts,
messages, codes, SSO sessions, the clock, the generators that draw identities) comes back as it was, and a NEW
browser context opens with the cookies and local storage, the device tabs (the fake mailbox and phone) and the
main page at their URLs. Several followers may fork from one snapshot: each ``restore`` gives a context of its
own (cookies are never shared), but the world is the one passed in: forks that share a world share its state.
A follower that goes back and forth in one browser restores into its own context instead (``reuse``): its
cookies, storage and tabs are replaced, which costs a few hundredths of a second where new tabs cost tenths.

What is not restored: a page's in-memory state (form fields typed but not sent, scroll position, JavaScript
variables), ``sessionStorage`` and the tabs' back/forward history; every page is opened afresh with GET.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Browser, BrowserContext, Page

from mock_sites.world import World, WorldState
from rehearse.guard import NetworkGuard

__all__ = ["BrowserState", "Snapshot", "restore", "take"]


@dataclass(frozen=True)
class BrowserState:
    """What the browser holds at a snapshot, as Playwright can give it back to a new context."""

    storage: dict  # as context.storage_state() gives it: the cookies, and the local storage of the tabs' origins
    url: str  # the main page's URL
    devices: tuple[str, ...]  # URLs of the other open tabs (the fake mailbox and phone), in order
    viewport: dict | None  # the main page's viewport ({"width", "height"}), None without a fixed one
    html: str = ""  # the main page's document as shown: a POST's result comes back as it was, not by a GET


@dataclass(frozen=True)
class Snapshot:
    """The world and the browser at one moment of a follow."""

    world: WorldState
    browser: BrowserState
    label: str = ""  # e.g. the instruction it was taken after


def take(world: World, context: BrowserContext, page: Page, devices: list[Page] | tuple[Page, ...] = (), *,
         label: str = "") -> Snapshot:
    """A snapshot of ``world`` and of ``context``: its cookies and local storage, the URL of ``page`` (the main
    tab) and of each of ``devices`` (the other tabs, in order), and the main page's viewport.

    Take it between instructions, when no request is on its way: it waits for every tab to finish loading,
    reads the browser, then exports the world. Local storage is read in the open tabs, for the origins they show
    (``context.storage_state()`` would also open a hidden tab for every other origin visited, a fifth of a second
    per snapshot; the mock sites use no web storage at all)."""
    html = ""
    origins: dict[str, list] = {}
    for tab in (page, *devices):
        tab.wait_for_load_state()
    for tab in (page, *devices):
        if tab.url.startswith("http"):  # one read per tab: its origin's local storage, and the main page's document
            origin, items, document = tab.evaluate(_TAB_JS, tab is page)
            if items:
                origins[origin] = [{"name": name, "value": value} for name, value in items]
            if tab is page:
                html = document
    storage = {"cookies": context.cookies(),  # as context.storage_state() has them
               "origins": [{"origin": origin, "localStorage": items} for origin, items in origins.items()]}
    browser = BrowserState(storage=storage, url=page.url, devices=tuple(tab.url for tab in devices),
                           viewport=page.viewport_size, html=html)
    return Snapshot(world.export_state(), browser, label)


# A tab's origin, its local storage, and (``withDocument``) its document as ``page.content()`` gives it.
_TAB_JS = """withDocument => {
  let items = [];
  try { items = Object.entries(localStorage); } catch (e) {}
  let html = '';
  if (withDocument) {
    if (document.doctype) html = new XMLSerializer().serializeToString(document.doctype);
    if (document.documentElement) html += document.documentElement.outerHTML;
  }
  return [location.origin, items, html];
}"""


def restore(snapshot: Snapshot, world: World, browser: Browser, *, context_options: dict,
            guard: NetworkGuard | None = None,
            reuse: BrowserContext | None = None) -> tuple[BrowserContext, Page, list[Page]]:
    """Put ``world`` back as it was at ``snapshot`` and open a new context of ``browser`` as the snapshot's.

    The world's current state is replaced (``World.import_state``; the snapshot stays usable for more
    restores). The new context gets the snapshot's cookies and local storage (``storage_state``) on top of
    ``context_options`` (``ignore_https_errors``, ``locale``, ``viewport``…: what the first context was opened
    with; the snapshot's viewport is used when they give none), and ``guard.watch`` wraps it before any page
    opens. Then the device tabs open at their URLs (by GET), in order, and the main page last, so that it is the
    active tab: at its URL, with the document it showed (the snapshot's ``html`` answers that one navigation),
    so a page that was the result of a POST (a form just sent) comes back as it was, its forms and links live
    (their requests go to the sites, with the restored cookies). Without ``html`` the main page is a GET of its
    URL, which shows what that URL shows now. The caller owns the context (close it when done); if opening a
    page fails, it is closed and the error raised.

    ``reuse``: an open context of ``browser``, opened with ``context_options`` and watched by ``guard`` already
    (an earlier restore's), to restore into instead of opening one: a new tab costs a fifth of a second or more.
    Its cookies are replaced by the snapshot's, the session and local storage of the origins its tabs show are
    emptied, the tabs the snapshot needs are reused (others closed) and go where the snapshot's went, the main
    page brought to the front. What a context keeps besides (its HTTP cache, the tabs' history) does not reach
    the sites: they mark what must not be cached ``no-store``, and the follower never goes back. A snapshot with
    local storage is restored in a new context (the mock sites use no web storage).

    Returns (context, main page, device tabs).
    """
    world.import_state(snapshot.world)
    state = snapshot.browser
    if reuse is not None and not state.storage.get("origins"):
        return _restore_into(reuse, state)
    options = {"viewport": state.viewport} if state.viewport else {}
    options.update(context_options)
    options["storage_state"] = state.storage
    context = browser.new_context(**options)
    try:
        if guard is not None:
            context = guard.watch(context)
        devices = []
        for url in state.devices:
            tab = context.new_page()
            tab.goto(url)
            devices.append(tab)
        page = context.new_page()
        _open_as_it_was(page, state)
    except BaseException:
        context.close()
        raise
    return context, page, devices


def _restore_into(context: BrowserContext, state: BrowserState) -> tuple[BrowserContext, Page, list[Page]]:
    try:
        tabs = [tab for tab in context.pages if not tab.is_closed()]
        wanted = len(state.devices) + 1
        for tab in tabs[wanted:]:
            tab.close()
        tabs = tabs[:wanted]
        for tab in tabs:
            if tab.url.startswith("http"):
                tab.evaluate(_CLEAR_STORAGE_JS)
        context.clear_cookies()
        if state.storage.get("cookies"):
            context.add_cookies(state.storage["cookies"])
        tabs += [context.new_page() for _ in range(wanted - len(tabs))]
        *devices, page = tabs
        if state.viewport and page.viewport_size != state.viewport:
            page.set_viewport_size(state.viewport)
        for tab, url in zip(devices, state.devices, strict=True):
            tab.goto(url)
        _open_as_it_was(page, state)
        page.bring_to_front()
    except BaseException:
        context.close()
        raise
    return context, page, devices


_CLEAR_STORAGE_JS = "() => { try { sessionStorage.clear(); localStorage.clear(); } catch (e) {} }"


def _open_as_it_was(page: Page, state: BrowserState) -> None:
    """The main page at the snapshot's URL, showing the document it showed (when the snapshot has it)."""
    if not state.html:
        page.goto(state.url)
        return
    served = {"done": False}

    def as_it_was(route) -> None:
        if served["done"] or route.request.resource_type != "document":
            route.fallback()
            return
        served["done"] = True
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=state.html)

    def its_url(url: str) -> bool:
        return url == state.url

    page.route(its_url, as_it_was)
    page.goto(state.url)
    page.unroute(its_url, as_it_was)
