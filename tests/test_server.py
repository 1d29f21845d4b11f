"""The server under the mock sites (``mock_sites.server``, cheroot): connections kept alive, nothing left running."""

from __future__ import annotations

import http.client
import ssl
import subprocess
import sys
from pathlib import Path

import pytest

from mock_sites import rules
from mock_sites.server import start_plain, start_tls
from mock_sites.world import World

ROOT = Path(__file__).parents[1]


@pytest.fixture(params=["tls", "plain"])
def server(request):
    running = (start_tls if request.param == "tls" else start_plain)(World(seed=3))
    yield running
    running.stop()


def _connection(server) -> http.client.HTTPConnection:
    if server.scheme == "https":
        context = ssl.create_default_context(cafile=str(server.ca_file))
        context.check_hostname = False
        return http.client.HTTPSConnection("127.0.0.1", server.port, context=context, timeout=10)
    return http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)


def test_one_connection_serves_page_after_page(server):
    """A browser's pages, pictures and form posts share one kept-alive connection: no new TCP and TLS handshake
    per request (Werkzeug's development server closed every connection)."""
    connection = _connection(server)
    host = {"Host": rules.EU_HOSTS[0]} if server.scheme == "https" else {}
    try:
        sockets = []
        for method, path, body in (("GET", "/cas", None), ("POST", "/cas/login", "email=nobody"),
                                   ("GET", "/nowhere", None), ("GET", "/RCAM/", None)):
            headers = {**host, "Content-Type": "application/x-www-form-urlencoded"} if body else host
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            assert response.status < 500, (method, path, response.status)
            assert (response.getheader("Connection") or "").lower() != "close", (method, path)
            sockets.append(connection.sock)
        assert sockets[0] is not None and all(sock is sockets[0] for sock in sockets)
    finally:
        connection.close()


def test_a_server_left_running_does_not_keep_python_from_exiting():
    code = ("import sys; from mock_sites.server import start_tls, start_plain; start_tls(); start_plain(); "
            "print('serving', flush=True)")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert run.returncode == 0 and run.stdout.strip() == "serving", run.stderr[-2000:]
