"""The browser harness: mock sites over TLS at the guide's hosts, a guarded Chromium, a world reset per test."""

from __future__ import annotations

import argparse
import zlib
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from mock_sites import profiles
from mock_sites.server import MockServer, start_tls
from mock_sites.world import World
from rehearse import remote
from rehearse.guard import NetworkGuard
from rehearse.markers import screens_of
from rehearse.pages import Screen
from rehearse.tabs import Tabs

pytest_plugins = [
    "rehearse.report",
    "steps.personne",
    "steps.navigation",
    "steps.compte",
    "steps.telephone",
    "steps.erreurs",
    "steps.connexion",
    "steps.rcam",
    "steps.application",
]

ROOT = Path(__file__).parent

try:
    from hypothesis import HealthCheck, settings
except ImportError:  # a dev extra: the rehearsal itself runs without it
    pass
else:  # registered here, before pytest's --hypothesis-profile is read
    _EXAMPLES = dict(deadline=None,  # the first example of a form also compiles its templates
                     database=None,  # nothing written into the project
                     derandomize=True,  # the same examples on every run, in CI as on a laptop
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    settings.register_profile("ci", max_examples=25, **_EXAMPLES)  # make test and .ci/run
    settings.register_profile("fast", max_examples=5, **_EXAMPLES)  # opt-in: --hypothesis-profile=fast
    settings.load_profile("ci")

EXPECT_TIMEOUT_MS = 5_000  # the mocks answer in milliseconds: a failure should cost seconds, not 30 s


@pytest.fixture(scope="session")
def mock_server() -> MockServer:
    server = start_tls(World())
    yield server
    server.stop()


@pytest.fixture
def world(mock_server: MockServer, request) -> World:
    """The mock's world, empty at the start of a test and reset after it, whatever happened; the sites show the
    test's screen profile (``rehearse.report.screens_of``: its marker or tag, else ``--screens``).

    Its identities are seeded from the test's id: reproducible, yet a different pensioner per scenario."""
    mock_server.world.reset(seed=zlib.crc32(request.node.nodeid.encode()))
    mock_server.app.config["SCREENS"] = screens_of(request.node)
    yield mock_server.world
    mock_server.world.reset()
    mock_server.app.config["SCREENS"] = profiles.DEFAULT


# --- browsers on a Playwright server (--browser-server ws://HOST:PORT/); the how is in rehearse/remote.py
def _ws_url(value: str) -> str:
    try:
        return remote.check_endpoint(value)
    except remote.BrowserServerError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--browser-server", metavar="WS_URL", type=_ws_url, default=None,
                     help="run the browser on this Playwright server (e.g. ws://127.0.0.1:3000/) instead of "
                          "launching Chromium here; the mock sites stay on this machine")
    parser.addoption("--expect-timeout", metavar="MS", type=int, default=EXPECT_TIMEOUT_MS,
                     help=f"how long a web-first assertion waits, in ms (default {EXPECT_TIMEOUT_MS})")


def pytest_configure(config: pytest.Config) -> None:
    expect.set_options(timeout=config.getoption("--expect-timeout"))


@pytest.fixture(scope="session")
def browser_server(pytestconfig) -> str | None:
    return pytestconfig.getoption("--browser-server")


@pytest.fixture(scope="session")
def connect_options(browser_server: str | None) -> dict | None:
    """pytest-playwright connects instead of launching when this gives keywords for ``BrowserType.connect``."""
    return remote.connect_options(browser_server) if browser_server else None


@pytest.fixture(scope="session")
def launch_browser(launch_browser, browser_server: str | None):
    return remote.explaining(launch_browser, browser_server) if browser_server else launch_browser


@pytest.fixture(scope="session")
def carrier(mock_server: MockServer, browser_server: str | None) -> remote.Carrier | None:
    """On a server, what takes the browser's requests for the guide's hosts to the mock sites here."""
    return remote.Carrier(mock_server) if browser_server else None
# --- end of the Playwright server's part


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, mock_server: MockServer, browser_server: str | None):
    args = remote.launch_args(mock_server, remote=browser_server is not None,
                              args=browser_type_launch_args.get("args", []))
    return {**browser_type_launch_args, **args}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "ignore_https_errors": True, "locale": "fr-FR",
            "viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def network_guard(request, carrier: remote.Carrier | None) -> NetworkGuard:
    guard = NetworkGuard(carry=carrier)
    yield guard
    if guard.blocked:
        pytest.fail("the browser asked for hosts the mocks do not serve, and was stopped: "
                    + ", ".join(guard.blocked), pytrace=False)


def reusing_tabs(config: pytest.Config) -> bool:
    """One context and tab per process, unless a video or pytest-playwright's screenshots are asked for."""
    return config.getoption("--video", "off") == "off" and config.getoption("--screenshot", "off") == "off"


@pytest.fixture(scope="session")
def tabs(browser, browser_context_args, pytestconfig) -> Tabs | None:
    if not reusing_tabs(pytestconfig):
        yield None
        return
    kept = Tabs(browser, browser_context_args, tracing=pytestconfig.getoption("--tracing"),
                timeout_ms=pytestconfig.getoption("--expect-timeout"))
    yield kept
    kept.close()


def _failed(item: pytest.Item) -> bool:
    call = getattr(item, "rep_call", None)  # set by pytest-playwright's report hook
    return call.failed if call is not None else not getattr(getattr(item, "rep_setup", None), "skipped", False)


@pytest.fixture
def fresh_context(request, network_guard: NetworkGuard):
    """Makes a new guarded browser context (pytest-playwright's, closed after the test), whose actions wait as long
    as assertions: for a test without the reused one, or a person who closed their browser."""
    def make() -> BrowserContext:
        context = request.getfixturevalue("new_context")()
        context.set_default_timeout(request.config.getoption("--expect-timeout"))
        return network_guard.watch(context)
    return make


@pytest.fixture
def context(request, tabs: Tabs | None, network_guard: NetworkGuard, world: World, output_path: str):
    """The test's browser context, guarded, over a fresh world: the process's reused one, cleared after the test
    (``rehearse.tabs``), or a new one when a video or pytest-playwright's screenshots are asked for."""
    if tabs is None:
        yield request.getfixturevalue("fresh_context")()
        return
    context, _ = tabs.take()
    yield network_guard.watch(context)
    mode = request.config.getoption("--tracing")
    keep = mode == "on" or (mode == "retain-on-failure" and _failed(request.node))
    tabs.give_back(Path(output_path) / "trace.zip" if keep else None)


@pytest.fixture
def page(context: BrowserContext, tabs: Tabs | None) -> Page:
    return tabs.page if tabs is not None else context.new_page()


def pytest_bdd_before_step(request, feature, scenario, step, step_func):
    """In a scenario tagged ``erreurs``: the world noted down before its first « Quand » step, and the form's values
    before each click, for « le monde est inchangé » and « les valeurs saisies sont conservées » (steps/erreurs.py)."""
    if request.node.get_closest_marker("erreurs") is None:
        return
    # Imported here, not above: a module of pytest_plugins imported before pytest registers it loses assert rewriting
    from steps.erreurs import FORM_BEFORE, WORLD_BEFORE

    if step.type == "when" and WORLD_BEFORE not in request.node.stash:
        request.node.stash[WORLD_BEFORE] = request.getfixturevalue("world").snapshot()
    if step.name.startswith("il clique sur « "):
        page: Page = request.getfixturevalue("pensioner").page
        request.node.stash[FORM_BEFORE] = Screen(page).form_values()


def pytest_collection_modifyitems(items):
    """Whatever drives the browser is marked ``browser``: ``-m "not browser"`` runs the rest in seconds."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "_pytest_bdd_example" in names or "page" in names:  # scenarios' steps ask for the page later
            item.add_marker(pytest.mark.browser)
