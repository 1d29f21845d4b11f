"""The network guard: the browser may reach the mock sites' hosts only, never a real EU site.

Shared by the pytest harness (``conftest.py``) and ``rehearse check`` (``rehearse.check.rehearsal``).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Route

from mock_sites import rules


class NetworkGuard:
    """Aborts every request to a host the mocks do not serve, and remembers it for the report."""

    def __init__(self, hosts: tuple[str, ...] = rules.MOCK_HOSTS, *,
                 carry: Callable[[Route], None] | None = None) -> None:
        self.hosts = frozenset(hosts)  # ``rehearse serve``'s own address too, when the follower rehearses on it
        self.carry = carry  # on a Playwright server: takes the allowed requests to the mock sites (rehearse.remote)
        self.blocked: list[str] = []

    def watch(self, context: BrowserContext) -> BrowserContext:
        context.route("**/*", self._route)
        return context

    def _route(self, route) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if host in self.hosts:
            if self.carry is not None:
                self.carry(route)
            else:
                route.continue_()
        else:
            self.blocked.append(f"{host} ({route.request.url})")
            route.abort("blockedbyclient")
