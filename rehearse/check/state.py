"""Snapshots of a follow: the mock world and the browser together, to go back to after a failed instruction.

A follower takes a ``Snapshot`` after each instruction it completes (``take``). When a later instruction fails
on another follow, it ``restore``s the snapshot taken after the instruction before it: the world (accounts,
messages, codes, SSO sessions, the clock, the generators that draw identities) comes back as it was, and a NEW
browser context opens with the cookies and local storage, the device tabs (the fake mailbox and phone) and the
main page at their URLs. Several followers may fork from one snapshot: each ``restore`` gives a context of its
own (cookies are never shared), but the world is the one passed in: forks that share a world share its state.

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

    storage: dict  # context.storage_state(): cookies and local storage per origin
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
    reads the browser, then exports the world."""
    for tab in (page, *devices):
        tab.wait_for_load_state()
    browser = BrowserState(storage=context.storage_state(), url=page.url,
                           devices=tuple(tab.url for tab in devices), viewport=page.viewport_size,
                           html=page.content() if page.url.startswith("http") else "")
    return Snapshot(world.export_state(), browser, label)


def restore(snapshot: Snapshot, world: World, browser: Browser, *, context_options: dict,
            guard: NetworkGuard | None = None) -> tuple[BrowserContext, Page, list[Page]]:
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

    Returns (context, main page, device tabs).
    """
    world.import_state(snapshot.world)
    state = snapshot.browser
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
        if state.html:
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
        else:
            page.goto(state.url)
    except BaseException:
        context.close()
        raise
    return context, page, devices
