"""Browsers on a Playwright server: ``--browser-server`` for the harness and for ``rehearse check``.

Each server is a real ``python -m playwright run-server``, started by the test in a network namespace of its
own: there it has only its own loopback, where neither the mock sites nor the guide's hosts are, so whatever the
remote browser shows came through the connection (the ``Carrier``, ``expose_network``), never by a shared
loopback. The client reaches the server's port through a unix socket (``tests/forward.py`` on both sides).
Its browser is this machine's Chromium, linked where the server looks for its own build
(``rehearse.remote.prepare_browsers``). Both kinds of server are run: without ``--unsafe`` (it ignores the
client's ``args`` and ``executablePath``, as Playwright's container image does) and with it.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from mock_sites.server import start_plain, start_tls
from mock_sites.world import World
from rehearse import cli, remote
from rehearse.guard import NetworkGuard
from rehearse.guide import BUNDLED_GUIDE
from tests.forward import _serve, _unix_connect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[1]
FORWARD = Path(__file__).with_name("forward.py")
INSIDE_PORT = 3000  # the server's port inside its namespace: the namespace is empty, any port is free
START_TIMEOUT_S = 30
FAKE_OLD_VERSION = "1.64.0"  # a server that says it is another Playwright (PW_VERSION_OVERRIDE)
HOST_NETNS = os.readlink("/proc/self/ns/net") if os.path.exists("/proc/self/ns/net") else ""


def _namespaces_work() -> bool:
    try:
        return subprocess.run(["unshare", "--net", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


class IsolatedServer:
    """``run-server`` in a network namespace of its own, reached at ``endpoint`` (``ws://127.0.0.1:Q/``)."""

    def __init__(self, folder: Path, *, unsafe: bool = False, env: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.unsafe = unsafe
        self.env = env or {}
        self.connections = 0  # clients that came through the bridge: proof a run used this server
        self.process: subprocess.Popen | None = None
        self.netns: str | None = None
        self.listener: socket.socket | None = None
        self.endpoint = ""

    def start(self) -> IsolatedServer:
        browsers = remote.prepare_browsers(self.folder / "browsers")
        bridge = self.folder / "ws.sock"
        server = " ".join(remote.server_command(INSIDE_PORT, unsafe=self.unsafe))
        script = (f"ip link set lo up && {sys.executable} {FORWARD} unix-to-tcp {bridge} {INSIDE_PORT} & "
                  f"exec {server}")
        self.log = self.folder / "server.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                ["unshare", "--net", "sh", "-c", script], stdout=log, stderr=subprocess.STDOUT,
                env={**os.environ, "PLAYWRIGHT_BROWSERS_PATH": str(browsers), **self.env}, start_new_session=True)
        self.netns = self._own_namespace()
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        connect = _unix_connect(str(bridge))

        def counted() -> socket.socket:
            self.connections += 1
            return connect()

        threading.Thread(target=_serve, args=(self.listener, counted), daemon=True).start()
        self.endpoint = f"ws://127.0.0.1:{self.listener.getsockname()[1]}/"
        self._wait_ready()
        self.connections = 0  # the readiness probes do not count
        return self

    def _own_namespace(self) -> str:
        """The server's network namespace, once ``unshare`` has made it (before, the child is still in ours)."""
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                namespace = os.readlink(f"/proc/{self.process.pid}/ns/net")
            except OSError:
                break
            if namespace != HOST_NETNS:
                return namespace
            time.sleep(0.01)  # unshare is starting: a bounded poll, no event to wait on
        self.process.kill()
        raise AssertionError(f"the server never got a network namespace of its own: "
                             f"{self.log.read_text(errors='replace')[-2000:]}")

    def _wait_ready(self) -> None:
        """Until the server answers a plain GET through the bridge ("Running"), for at most START_TIMEOUT_S."""
        port = self.listener.getsockname()[1]
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=2) as probe:
                    probe.sendall(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                    if b"Running" in probe.recv(4096):
                        return
            except OSError:
                pass
            time.sleep(0.1)  # a subprocess starting: a bounded poll, no event to wait on
        raise AssertionError(f"the Playwright server did not start: {self.log.read_text(errors='replace')[-2000:]}")

    def reachable_inside(self, port: int) -> bool:
        """Whether ``127.0.0.1:port`` answers from inside the server's namespace."""
        probe = f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=2)"
        run = subprocess.run(["nsenter", f"--net=/proc/{self.process.pid}/ns/net", sys.executable, "-c", probe],
                             capture_output=True, timeout=30)
        return run.returncode == 0

    def _inside(self) -> list[int]:
        """The processes in the server's namespace: all started by this test (the namespace is its own)."""
        if not self.netns or self.netns == HOST_NETNS:  # the host's: that would be every process
            raise AssertionError("refusing to stop the processes of the host's network namespace")
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if os.readlink(entry / "ns" / "net") == self.netns:
                        pids.append(int(entry.name))
                except OSError:
                    continue
        return pids

    def stop(self) -> None:
        if self.listener is not None:
            self.listener.close()
        if self.process is None or self.netns is None:
            return
        pids = self._inside()  # Chromium runs in a process group of its own: not reached by killpg
        for pid in pids:
            _signal(pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for pid in self._inside():
            _signal(pid, signal.SIGKILL)
        self.process.wait(timeout=10)


def _signal(pid: int, number: int) -> None:
    try:
        os.kill(pid, number)
    except ProcessLookupError:
        pass


@pytest.fixture(scope="module")
def isolated(tmp_path_factory):
    """Start servers in namespaces of their own; every one is stopped at the end of the module."""
    if not _namespaces_work():
        pytest.skip("needs a network namespace of its own (unshare --net: root, util-linux)")
    started: list[IsolatedServer] = []

    def start(**options) -> IsolatedServer:
        server = IsolatedServer(tmp_path_factory.mktemp("playwright-server"), **options)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="module")
def safe_server(isolated) -> IsolatedServer:
    return isolated()


def _passed(out: str) -> int:
    """How many tests passed, by pytest's last line; 0 when none ran."""
    found = re.search(r"(\d+) passed", out.strip().splitlines()[-1] if out.strip() else "")
    return int(found.group(1)) if found else 0


def _feature_through(server: IsolatedServer, report_dir: Path) -> None:
    """Instruction 1.1's scenario (type the address, « Suivant », « Créer un compte ») on ``server``."""
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_stage_1.py", "-m", "1.1", "-q",
         "--browser-server", server.endpoint, "--report-dir", str(report_dir), "--step-screenshots=none"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-3000:]
    assert _passed(run.stdout) >= 1 and not re.search(r"\d+ (failed|errors?)\b", run.stdout), out[-3000:]
    assert server.connections >= 1, "the run did not connect to the server: " + out[-2000:]


# --------------------------------------------------------------------------- whole runs


@pytest.mark.parametrize("unsafe", [False, True], ids=["server", "unsafe-server"])
def test_a_feature_passes_with_its_browser_on_a_server_in_another_network(isolated, safe_server, unsafe,
                                                                          tmp_path):
    server = isolated(unsafe=True) if unsafe else safe_server
    _feature_through(server, tmp_path / "report")


def test_rehearse_check_passes_with_its_browser_on_a_server_in_another_network(safe_server, tmp_path):
    guide = ROOT / "guides" / "acces-rcam-eu-login.txt"
    run = subprocess.run(
        [sys.executable, "-m", "rehearse.cli", "check", "--browser-server", safe_server.endpoint, str(guide),
         "--json", "--report-dir", str(tmp_path / "check")],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    document = json.loads(run.stdout)
    assert [entry["ok"] for entry in document["guides"]] == [True], run.stdout[-3000:]
    assert f"browser on the Playwright server at {safe_server.endpoint}" in run.stderr
    assert safe_server.connections >= 1


# --------------------------------------------------------------------------- in this process


@pytest.fixture
def tls_mock():
    server = start_tls(World(seed=5))
    yield server
    server.stop()


def test_the_guide_hosts_are_carried_and_the_guard_holds_on_the_server(playwright, safe_server, tls_mock):
    assert not safe_server.reachable_inside(tls_mock.port), "the server's namespace reaches the mock sites itself"
    assert safe_server.reachable_inside(INSIDE_PORT), "the probe cannot even reach the server's own port"
    carrier = remote.Carrier(tls_mock)
    guard = NetworkGuard(carry=carrier)
    browser = remote.open_browser(playwright, tls_mock, browser_server=safe_server.endpoint)
    try:
        page = guard.watch(browser.new_context(ignore_https_errors=True, locale="fr-FR")).new_page()
        response = page.goto("https://webgate.ec.europa.eu/cas")
        assert response.status == 200 and "EU Login" in page.title()
        assert carrier.carried >= 1
        said = page.evaluate("url => fetch(url).then(() => 'loaded', () => 'blocked')", "https://evil.example/x")
        assert said == "blocked"
        assert guard.blocked == ["evil.example (https://evil.example/x)"]
    finally:
        browser.close()


def test_a_loopback_address_travels_through_expose_network(playwright, safe_server):
    served = start_plain(World(seed=6))  # rehearse serve: the browser types http://127.0.0.1:PORT itself
    try:
        assert not safe_server.reachable_inside(served.port)
        guard = NetworkGuard(("127.0.0.1",), carry=remote.Carrier(served))
        browser = remote.open_browser(playwright, served, browser_server=safe_server.endpoint)
        try:
            page = guard.watch(browser.new_context()).new_page()
            response = page.goto(f"{served.public_url}/cas")
            assert response.status == 200 and "EU Login" in page.title()
            assert not guard.blocked
        finally:
            browser.close()
    finally:
        served.stop()


def test_a_version_mismatch_names_both_versions(playwright, isolated, tls_mock):
    other = isolated(env={"PW_VERSION_OVERRIDE": FAKE_OLD_VERSION})
    with pytest.raises(remote.BrowserServerError) as raised:
        remote.open_browser(playwright, tls_mock, browser_server=other.endpoint)
    message = str(raised.value)
    assert f"runs Playwright {FAKE_OLD_VERSION.rsplit('.', 1)[0]}" in message, message  # the server says major.minor
    assert f"this client Playwright {remote.client_version()}" in message, message
    assert "same major.minor" in message


def test_connection_errors_are_explained():
    endpoint = "ws://127.0.0.1:1/"
    silent = remote.explain(Exception("WebSocket error: ws://x/ 428 Precondition Required"), endpoint)
    assert "another Playwright version (it did not say which)" in str(silent)
    refused = remote.explain(Exception("WebSocket error: connect ECONNREFUSED 127.0.0.1:1\nCall log: …"), endpoint)
    assert str(refused).startswith(f"no Playwright server answers at {endpoint}")
    assert "scripts/playwright_server.py --port 1" in str(refused)


def test_a_browser_server_that_is_not_a_websocket_url_is_refused(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["check", "--browser-server", "http://127.0.0.1:3000/", str(BUNDLED_GUIDE)])
    assert exit_info.value.code == 2
    assert "not a Playwright server's WebSocket URL: 'http://127.0.0.1:3000/'" in capsys.readouterr().err
