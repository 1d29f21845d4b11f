"""A byte forwarder between a TCP port on loopback and a unix socket: the bridge into a network namespace.

``python tests/forward.py unix-to-tcp SOCKET PORT`` (run inside the namespace) accepts on the unix socket and
connects each client to ``127.0.0.1:PORT``; ``python tests/forward.py tcp-to-unix PORT SOCKET`` (outside)
accepts on ``127.0.0.1:PORT`` and connects each client to the unix socket. Loopback only; stdlib only; it
runs until killed. ``tests/test_browser_server.py`` puts a Playwright server in its own namespace this way.
"""

from __future__ import annotations

import socket
import sys
import threading


def _pump(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for sock, how in ((target, socket.SHUT_WR), (source, socket.SHUT_RD)):
            try:
                sock.shutdown(how)
            except OSError:
                pass


def _serve(listener: socket.socket, connect) -> None:
    listener.listen(64)
    while True:
        client, _ = listener.accept()
        try:
            upstream = connect()
        except OSError:
            client.close()
            continue
        for source, target in ((client, upstream), (upstream, client)):
            threading.Thread(target=_pump, args=(source, target), daemon=True).start()


def _tcp_connect(port: int):
    return lambda: socket.create_connection(("127.0.0.1", port))


def _unix_connect(path: str):
    def connect() -> socket.socket:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(path)
        return sock
    return connect


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "unix-to-tcp":
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(argv[1])
        _serve(listener, _tcp_connect(int(argv[2])))
    elif len(argv) == 3 and argv[0] == "tcp-to-unix":
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", int(argv[1])))
        _serve(listener, _unix_connect(argv[2]))
    else:
        print("usage: forward.py unix-to-tcp SOCKET PORT | tcp-to-unix PORT SOCKET", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
