"""Run the mock sites in a thread: over TLS at the guide's hosts (harness), or plain HTTP (rehearse serve).

The server is cheroot's WSGI server: HTTP/1.1 keep-alive (Werkzeug's development server closes every
connection, so each page and each picture cost the browser a new TCP and TLS handshake), a pool of threads
and no line per request on stderr.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import trustme
from cheroot import wsgi
from cheroot.ssl.builtin import BuiltinSSLAdapter
from cheroot.workers import threadpool
from flask import Flask

from . import create_app, hosts, profiles, rules
from .world import World


@dataclass
class MockServer:
    """A running server, its app and world; ``public_url`` is what a browser types for EU Login."""

    app: Flask
    world: World
    server: wsgi.Server
    scheme: str
    ca_file: Path | None = None
    thread: threading.Thread | None = field(default=None, repr=False)

    @property
    def host(self) -> str:
        return self.server.bind_addr[0]

    @property
    def port(self) -> int:
        return self.server.bind_addr[1]

    @property
    def local_url(self) -> str:
        """The loopback address the server listens on: what server-side calls (back channel) use."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"{self.scheme}://{host}:{self.port}"

    @property
    def public_url(self) -> str:
        return self.app.config["PUBLIC_URL"]

    @property
    def room(self):
        """The room's settings (``mock_sites.room.Room``: the facilitator's address) when served for a room."""
        return self.app.extensions.get("room")

    def host_resolver_rules(self) -> str:
        """Chromium's ``--host-resolver-rules``: the guide's hosts land here, every other name fails."""
        maps = [f"MAP {host}:443 127.0.0.1:{self.port}" for host in rules.MOCK_HOSTS]
        # Loopback stays reachable (rehearse serve, the back channel's own address); every other name fails.
        return ", ".join(maps + ["EXCLUDE 127.0.0.1", "EXCLUDE localhost", "MAP * ~NOTFOUND"])

    def session_cookie(self, site_path: str, values: dict) -> dict:
        """A signed session cookie for ``site_path`` holding ``values``: seeds a signed-in browser."""
        interface = self.app.session_interface
        with self.app.test_request_context(site_path, base_url=self.public_url):
            name, path = interface.get_cookie_name(self.app), interface.get_cookie_path(self.app)
            value = interface.get_signing_serializer(self.app).dumps(dict(values))
        # Domain and path exactly as the site sets them (a dot-less domain is host-only), so the site's own
        # Set-Cookie replaces this cookie instead of standing beside it.
        host = self.public_url.split("://", 1)[1].split("/", 1)[0].split(":")[0]
        return {"name": name, "value": value, "domain": host, "path": path, "httpOnly": True,
                "secure": self.scheme == "https", "sameSite": "Lax"}

    def start(self) -> MockServer:
        self.thread = threading.Thread(target=self.server.serve, name="mock-sites", daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.stop()  # closes the socket, ends the loop and joins the workers


LOG = logging.getLogger("mock_sites.server")
THREADS = 16  # requests served at once; idle keep-alive connections hold none


class _Server(wsgi.Server):
    """cheroot's server, its complaints in the ``mock_sites.server`` log instead of on stderr: a browser that
    drops a TLS handshake over the throwaway certificate before it retries is routine here."""

    expiration_interval = 0.05  # how often the loop looks up from its connections: stop() waits for it

    def error_log(self, msg: str = "", level: int = logging.INFO, traceback: bool = False) -> None:
        LOG.log(logging.DEBUG if level < logging.ERROR else level, "%s", msg, exc_info=traceback)


class _Pool(threadpool.ThreadPool):
    """cheroot's pool of worker threads, as daemon threads: a server left running never keeps Python from
    exiting (the harness and ``rehearse serve`` stop theirs)."""

    def _spawn_worker(self) -> threadpool.WorkerThread:
        worker = threadpool.WorkerThread(self.server)
        worker.name = f"mock-sites {worker.name}"
        worker.daemon = True
        worker.start()
        return worker


def _bind(host: str, port: int, tls: trustme.LeafCert | None = None) -> wsgi.Server:
    """Bind first (port 0 picks a free port); the app that needs that port comes after, as ``wsgi_app``."""
    server = _Server((host, port), Flask("placeholder"), numthreads=THREADS, server_name="mock-sites")
    server.requests = _Pool(server, min=THREADS, max=THREADS)
    if tls is not None:
        folder = Path(tempfile.mkdtemp(prefix="mock-tls-"))
        tls.private_key_pem.write_to_path(str(folder / "key.pem"))
        tls.cert_chain_pems[0].write_to_path(str(folder / "cert.pem"))
        server.ssl_adapter = BuiltinSSLAdapter(str(folder / "cert.pem"), str(folder / "key.pem"))
    server.prepare()
    return server


def start_tls(world: World | None = None, host: str = "127.0.0.1", port: int = 0, *,
              screens: str = profiles.DEFAULT) -> MockServer:
    """The harness's server: TLS with a throwaway certificate for every mock host, links to the guide's host;
    ``screens`` is the screen profile (``mock_sites.profiles``; the harness changes it per test)."""
    ca = trustme.CA()
    cert = ca.issue_cert(*rules.MOCK_HOSTS, "127.0.0.1", "localhost")
    server = _bind(host, port, cert)
    ca_file = Path(tempfile.mkdtemp(prefix="mock-ca-")) / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    app = create_app(world, public_url=rules.GUIDE_PUBLIC_URL,
                     allowed_hosts=rules.MOCK_HOSTS + ("127.0.0.1", "localhost"), screens=screens)
    app.config.update(BACKCHANNEL_URL=f"https://127.0.0.1:{server.bind_addr[1]}", BACKCHANNEL_CA=str(ca_file))
    server.wsgi_app = app
    return MockServer(app, app.extensions["world"], server, "https", ca_file).start()


LOOPBACK_ADDRESSES = ("127.0.0.1", "::1", "[::1]")


def start_plain(world: World | None = None, host: str = "127.0.0.1", port: int = 0, *, room: bool = False,
                public_host: str | None = None, screens: str = profiles.DEFAULT) -> MockServer:
    """``rehearse serve``: plain HTTP on one address, the devices under ``/_devices``.

    ``public_host`` is the name or address the browsers use (links in e-mails, RCAM's way to EU Login): by default
    ``host``, or 127.0.0.1 for every address. ``room`` makes it a room of people (``mock_sites.room``): each
    visitor's own identity, mailbox and phone, the facilitator's page, the clock following real time.
    ``screens`` is the screen profile (``mock_sites.profiles``). On screens with security keys a loopback address
    is shown as ``localhost``: browsers allow WebAuthn in secure contexts only, which ``http://localhost`` is and
    ``http://127.0.0.1`` is not for Chromium's WebAuthn; on another plain-HTTP address the keys are unavailable.
    """
    server = _bind(host, port)
    shown = public_host or ("127.0.0.1" if host in ("0.0.0.0", "") else host)
    if shown in LOOPBACK_ADDRESSES and profiles.get(screens).needs_secure_context:
        shown = "localhost"  # Chromium allows WebAuthn on http://localhost, not on http://127.0.0.1
    base = f"http://{shown}:{server.bind_addr[1]}"
    # Its own address, the loopback names and, listening on the network, the machine's addresses: any other
    # Host is refused (a page answering every name can be read through DNS rebinding).
    app = create_app(world, public_url=base, mailbox_url=base + rules.Paths.MAILBOX,
                     phone_url=base + rules.Paths.PHONE, secure_cookies=False,
                     allowed_hosts=hosts.serve_hosts(host, shown), screens=screens)
    app.config.update(BACKCHANNEL_URL=f"http://127.0.0.1:{server.bind_addr[1]}", BACKCHANNEL_CA=None)
    if room:
        from .room import install  # the room is rehearse serve's only: the harness never loads it

        install(app)
    server.wsgi_app = app
    return MockServer(app, app.extensions["world"], server, "http").start()
