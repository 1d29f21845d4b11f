"""Browsers launched here or on a Playwright server: one way for the pytest harness and ``rehearse check``.

Launched here, Chromium maps the guide's hosts to the mock server with ``--host-resolver-rules``. On a
Playwright server (``--browser-server ws://HOST:PORT/``: ``python -m playwright run-server``, with or without
``--unsafe``, or Playwright's container image) the browser runs where the server is, and the mock sites stay on
this machine's loopback:

- the client connects with ``expose_network="<loopback>"``: the remote browser's requests to ``127.0.0.1`` and
  ``localhost`` travel back through the connection and are made here (``rehearse serve``'s address, for one);
- the guide's hosts (``webgate.ec.europa.eu``…, ``mailbox.test``, ``phone.test``) are carried by the network
  guard's route: the ``Carrier`` sends each request, as the browser made it (its cookies included), to the mock
  server here and fulfils the route with the answer; the browser keeps the cookies the answer sets. A page's
  redirect is answered by a page that sends the browser on, because Playwright does not route a redirect's
  next request.

Launch arguments could not map them there: a server without ``--unsafe`` drops ``args``, and with
``--unsafe`` the host-resolver rules are not used, because the browser hands host names to the server's SOCKS
proxy unresolved. Nor could a proxy on this machine's loopback: a per-context proxy is reached directly by
the browser, not through ``expose_network`` (``ERR_PROXY_CONNECTION_FAILED`` from a server in another network
namespace).

``prepare_browsers`` makes a ``PLAYWRIGHT_BROWSERS_PATH`` folder in which a server finds this machine's Chromium
where it looks for its own build; ``scripts/playwright_server.py`` starts a server with it.
"""

from __future__ import annotations

import http.client
import importlib.metadata
import json
import platform
import re
import ssl
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Browser, Playwright, Route
from playwright.sync_api import Error as PlaywrightError

from mock_sites import rules
from mock_sites.server import MockServer
from rehearse.browser import chromium_path, expected_revision

__all__ = ["EXPOSE_NETWORK", "BrowserServerError", "Carrier", "check_endpoint", "client_version", "explaining",
           "connect_options", "explain", "launch_args", "open_browser", "prepare_browsers", "server_command"]

EXPOSE_NETWORK = "<loopback>"  # the remote browser's requests to this machine's loopback are made here
CONNECT_TIMEOUT_MS = 30_000
CARRY_TIMEOUT_S = 30
QUIET_ARGS = ("--disable-background-networking", "--disable-component-update", "--no-first-run")
HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te",
                        "trailer", "content-length"})
# Without these the mock always answers in full: a 304 to a request the browser did not make conditional
# itself (its cache never saw a fulfilled answer) would leave it without a body.
CONDITIONAL = frozenset({"if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "if-range"})


ONWARD_PAGE = "<!doctype html><script>location.replace({target})</script>"


class BrowserServerError(RuntimeError):
    """The Playwright server could not be used; the message says why and what to do."""


def client_version() -> str:
    return importlib.metadata.version("playwright")


def check_endpoint(endpoint: str) -> str:
    """``endpoint`` if it is a ``ws://`` or ``wss://`` URL, else ``BrowserServerError`` with an example."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        raise BrowserServerError(f"not a Playwright server's WebSocket URL: {endpoint!r} (e.g. ws://127.0.0.1:3000/)")
    return endpoint


def explain(error: Exception, endpoint: str) -> BrowserServerError:
    """A connection error turned into what happened and what to do: a version mismatch names both versions."""
    message = str(error)
    first = next((line for line in message.splitlines() if line.strip()), message)
    mine = client_version()
    if " 428 " in message or "version mismatch" in message.lower():
        found = re.search(r"server version:\s*v?(\d+(?:\.\d+)+)", message)
        theirs = f"Playwright {found.group(1)}" if found else "another Playwright version (it did not say which)"
        return BrowserServerError(
            f"the Playwright server at {endpoint} runs {theirs}, and this client Playwright {mine}: a client and "
            f"its server need the same major.minor version. Start a server of Playwright {mine} (pip install "
            f"playwright=={mine}, or the image mcr.microsoft.com/playwright:v{mine}-noble), or install the "
            f"server's version here.")
    if re.search(r"ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET", message):
        return BrowserServerError(
            f"no Playwright server answers at {endpoint} ({first}). Start one, e.g. "
            f"python scripts/playwright_server.py --port {urlsplit(endpoint).port or 3000}")
    return BrowserServerError(f"could not use the Playwright server at {endpoint}: {first}")


def launch_args(mock_server: MockServer, *, remote: bool, args: list[str] | tuple[str, ...] = ()) -> dict:
    """Launch options beside ``headless``: ``args`` (others' first), and the local Chromium when launched here.

    On a server the host-resolver rules are left out: the mapping is the ``Carrier``'s there, and the rules
    would name this machine's port on the server's loopback. Nor is ``chromium_path()`` asked for: the server
    brings its own browser."""
    if remote:
        return {"args": [*args, *QUIET_ARGS]}
    rules_arg = "--host-resolver-rules=" + mock_server.host_resolver_rules()
    return {"args": [*args, rules_arg, *QUIET_ARGS], "executable_path": chromium_path()}


def connect_options(endpoint: str) -> dict:
    """``BrowserType.connect`` keywords (pytest-playwright's ``connect_options`` fixture takes the same)."""
    return {"endpoint": check_endpoint(endpoint), "expose_network": EXPOSE_NETWORK,
            "timeout": CONNECT_TIMEOUT_MS}


def open_browser(playwright: Playwright, mock_server: MockServer, *, browser_server: str | None = None,
                 headless: bool = True) -> Browser:
    """Chromium launched here, or on the server at ``browser_server``; ``BrowserServerError`` says why not."""
    options = {"headless": headless, **launch_args(mock_server, remote=browser_server is not None)}
    if browser_server is None:
        return playwright.chromium.launch(**options)
    header = {"x-playwright-launch-options": json.dumps(options)}  # what pytest-playwright sends too
    try:
        return playwright.chromium.connect(**connect_options(browser_server), headers=header)
    except PlaywrightError as error:
        raise explain(error, browser_server) from error


def explaining(launch, endpoint: str):
    """pytest-playwright's ``launch_browser``, its connection errors explained."""
    def connect(**kwargs) -> Browser:
        try:
            return launch(**kwargs)
        except PlaywrightError as error:
            raise explain(error, endpoint) from error
    return connect


class Carrier:
    """Carries the remote browser's requests for the guide's hosts to the mock server on this machine.

    Called by ``NetworkGuard`` for every host it lets through: the guide's hosts are sent here (same method,
    path, headers, cookies and body; ``Host`` kept, so each mock site knows itself) and the route is fulfilled
    with the answer, ``Set-Cookie`` included; a page's redirect becomes a page that sends the browser on (a
    sub-resource's is refused); other allowed hosts (loopback) go on as they are, through ``expose_network``."""

    def __init__(self, mock_server: MockServer, hosts: tuple[str, ...] = rules.MOCK_HOSTS) -> None:
        self.hosts = frozenset(hosts)
        self.port = mock_server.port
        self.tls = ssl.create_default_context(cafile=str(mock_server.ca_file)) if mock_server.ca_file else None
        self.carried = 0  # requests carried: tests check it is not zero

    def __call__(self, route: Route) -> None:
        request = route.request
        parts = urlsplit(request.url)
        if parts.hostname not in self.hosts:
            route.continue_()
            return
        headers = {name: value for name, value in request.headers.items()
                   if name.lower() not in HOP_BY_HOP and name.lower() not in CONDITIONAL}
        headers["host"] = parts.netloc
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        if self.tls is not None:
            connection = http.client.HTTPSConnection("127.0.0.1", self.port, context=self.tls,
                                                     timeout=CARRY_TIMEOUT_S)
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=CARRY_TIMEOUT_S)
        try:
            connection.request(request.method, path, body=request.post_data_buffer, headers=headers)
            answer = connection.getresponse()
            body = answer.read()
        except (OSError, http.client.HTTPException) as error:
            print(f"rehearse: could not carry {request.method} {request.url} to the mock sites: {error}",
                  file=sys.stderr)
            route.abort("connectionfailed")
            return
        finally:
            connection.close()
        self.carried += 1
        answered = _joined(answer.getheaders())
        if 300 <= answer.status < 400 and "location" in answered:
            # Playwright lets a fulfilled redirect's next request go past the routes (and the guard), to the
            # server's network: a page is sent on by a page of its own instead, cookies kept.
            target = urljoin(request.url, answered["location"])
            if not request.is_navigation_request():  # the mocks redirect pages only
                print(f"rehearse: a redirect of {request.url} to {target} cannot be carried (not a page)",
                      file=sys.stderr)
                route.abort("blockedbyclient")
                return
            kept = {name: value for name, value in answered.items() if name == "set-cookie"}
            route.fulfill(status=200, headers={**kept, "content-type": "text/html; charset=utf-8",
                                               "cache-control": "no-store"},
                          body=ONWARD_PAGE.format(target=json.dumps(target).replace("<", "\\u003c")))
            return
        route.fulfill(status=answer.status, headers=answered, body=body)


def _joined(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Response headers as Playwright's ``fulfill`` takes them: several ``Set-Cookie`` one per line."""
    headers: dict[str, str] = {}
    for name, value in pairs:
        key = name.lower()
        if key in HOP_BY_HOP:
            continue
        if key in headers:
            headers[key] += ("\n" if key == "set-cookie" else ", ") + value
        else:
            headers[key] = value
    return headers


# --------------------------------------------------------------------------- a server of our own


def _platform_dirs() -> tuple[str, str]:
    """(headless shell folder, Chromium folder) inside Playwright's builds, for this machine."""
    if platform.machine().lower() in ("aarch64", "arm64"):
        return "chrome-headless-shell-linux-arm64", "chrome-linux-arm64"
    return "chrome-headless-shell-linux64", "chrome-linux64"


def prepare_browsers(folder: Path, chromium: str | None = None) -> Path:
    """Make ``folder`` a ``PLAYWRIGHT_BROWSERS_PATH`` whose Chromium builds are links to ``chromium``.

    A server started without ``--unsafe`` ignores the client's ``executablePath`` and launches its own build
    (``chromium_headless_shell-<rev>``, ``chromium-<rev>`` when headed) from ``PLAYWRIGHT_BROWSERS_PATH``; here
    that build is this machine's Chromium (``chromium_path()`` by default). Linux only. Returns ``folder``."""
    if not sys.platform.startswith("linux"):
        raise BrowserServerError("prepare_browsers links a Linux Chromium; elsewhere run "
                                 "'python -m playwright install chromium' where the server runs")
    target = Path(chromium or chromium_path())
    shell_dir, chrome_dir = _platform_dirs()
    layout = {
        ("chromium-headless-shell", "chromium_headless_shell"): (shell_dir, "chrome-headless-shell"),
        ("chromium", "chromium"): (chrome_dir, "chrome"),
    }
    for (name, prefix), (subdir, executable) in layout.items():
        revision = expected_revision(name)
        if revision is None:
            raise BrowserServerError(f"the installed Playwright does not name a {name} revision in its browsers.json")
        link = Path(folder) / f"{prefix}-{revision}" / subdir / executable
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(target)
        (link.parent.parent / "INSTALLATION_COMPLETE").touch()
    return Path(folder)


def server_command(port: int, host: str = "127.0.0.1", *, unsafe: bool = False) -> list[str]:
    """``python -m playwright run-server`` as this client's Playwright (the same version, by construction)."""
    command = [sys.executable, "-m", "playwright", "run-server", "--port", str(port), "--host", host]
    return [*command, "--unsafe"] if unsafe else command
