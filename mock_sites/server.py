"""Run the mock sites in a thread: over TLS at the guide's hosts (harness), or plain HTTP (rehearse serve)."""

from __future__ import annotations

import ssl
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import trustme
from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

from . import create_app, rules
from .world import World


@dataclass
class MockServer:
    """A running server, its app and world; ``public_url`` is what a browser types for EU Login."""

    app: Flask
    world: World
    server: BaseWSGIServer
    scheme: str
    ca_file: Path | None = None
    thread: threading.Thread | None = field(default=None, repr=False)

    @property
    def host(self) -> str:
        return self.server.host

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def local_url(self) -> str:
        """The loopback address the server listens on: what server-side calls (back channel) use."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"{self.scheme}://{host}:{self.port}"

    @property
    def public_url(self) -> str:
        return self.app.config["PUBLIC_URL"]

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
        self.thread = threading.Thread(target=self.server.serve_forever, name="mock-sites", daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _bind(host: str, port: int, ssl_context=None) -> BaseWSGIServer:
    # Bind first (port 0 picks a free port), then give the server the app that needs that port.
    return make_server(host, port, Flask("placeholder"), threaded=True, ssl_context=ssl_context)


def start_tls(world: World | None = None, host: str = "127.0.0.1", port: int = 0) -> MockServer:
    """The harness's server: TLS with a throwaway certificate for every mock host, links to the guide's host."""
    ca = trustme.CA()
    cert = ca.issue_cert(*rules.MOCK_HOSTS, "127.0.0.1", "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    server = _bind(host, port, context)
    ca_file = Path(tempfile.mkdtemp(prefix="mock-ca-")) / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    app = create_app(world, public_url=rules.GUIDE_PUBLIC_URL,
                     allowed_hosts=rules.MOCK_HOSTS + ("127.0.0.1", "localhost"))
    app.config.update(BACKCHANNEL_URL=f"https://127.0.0.1:{server.port}", BACKCHANNEL_CA=str(ca_file))
    server.app = app
    return MockServer(app, app.extensions["world"], server, "https", ca_file).start()


def start_plain(world: World | None = None, host: str = "127.0.0.1", port: int = 0) -> MockServer:
    """``rehearse serve``: plain HTTP on one address, the devices under ``/_devices``."""
    server = _bind(host, port)
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    base = f"http://{shown}:{server.port}"
    app = create_app(world, public_url=base, mailbox_url=base + rules.Paths.MAILBOX,
                     phone_url=base + rules.Paths.PHONE, secure_cookies=False, allowed_hosts=("*",))
    app.config.update(BACKCHANNEL_URL=f"http://127.0.0.1:{server.port}", BACKCHANNEL_CA=None)
    server.app = app
    return MockServer(app, app.extensions["world"], server, "http").start()
