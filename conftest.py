"""The browser harness: mock sites over TLS at the guide's hosts, a guarded Chromium, a world reset per test."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, expect

from mock_sites.server import MockServer, start_tls
from mock_sites.world import World
from rehearse.browser import chromium_path
from rehearse.guard import NetworkGuard

pytest_plugins = [
    "rehearse.report",
    "steps.personne",
    "steps.navigation",
    "steps.compte",
    "steps.telephone",
    "steps.erreurs",
    "steps.connexion",
    "steps.rcam",
]

ROOT = Path(__file__).parent
EXPECT_TIMEOUT_MS = 5_000  # the mocks answer in milliseconds: a failure should cost seconds, not 30 s
expect.set_options(timeout=EXPECT_TIMEOUT_MS)


@pytest.fixture(scope="session")
def mock_server() -> MockServer:
    server = start_tls(World())
    yield server
    server.stop()


@pytest.fixture
def world(mock_server: MockServer, request) -> World:
    """The mock's world, empty at the start of a test and reset after it, whatever happened.

    Its identities are seeded from the test's id: reproducible, yet a different pensioner per scenario."""
    mock_server.world.reset(seed=zlib.crc32(request.node.nodeid.encode()))
    yield mock_server.world
    mock_server.world.reset()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, mock_server: MockServer):
    args = [*browser_type_launch_args.get("args", []), "--host-resolver-rules=" + mock_server.host_resolver_rules(),
            "--disable-background-networking", "--disable-component-update", "--no-first-run"]
    return {**browser_type_launch_args, "executable_path": chromium_path(), "args": args}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "ignore_https_errors": True, "locale": "fr-FR",
            "viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def network_guard(request) -> NetworkGuard:
    guard = NetworkGuard()
    yield guard
    if guard.blocked:
        pytest.fail("the browser asked for hosts the mocks do not serve, and was stopped: "
                    + ", ".join(guard.blocked), pytrace=False)


@pytest.fixture
def context(context: BrowserContext, network_guard: NetworkGuard, world: World) -> BrowserContext:
    """pytest-playwright's context, guarded, over a fresh world."""
    return network_guard.watch(context)


def pytest_collection_modifyitems(items):
    """Whatever drives the browser is marked ``browser``: ``-m "not browser"`` runs the rest in seconds."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "_pytest_bdd_example" in names or "page" in names:  # scenarios' steps ask for the page later
            item.add_marker(pytest.mark.browser)
