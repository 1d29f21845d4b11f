"""Which ``Host`` a request may name, and the short page that refuses the others.

A page that answers any host name can be read by any web site through DNS rebinding: the attacker's name first
points at the attacker, then at 127.0.0.1, and the attacker's script reads the mock mailbox (password links) as
if it were its own origin. So the harness answers only the guide's hosts and the ``.test`` devices, and
``rehearse serve`` only its own address, the loopback names and, when it listens on the network, the machine's
addresses (``serve_hosts``).
"""

from __future__ import annotations

import contextlib
import html
import ipaddress
import socket
from pathlib import Path

from flask import Response

from . import labels, rules

ANY_ADDRESS = ("0.0.0.0", "", "::")  # a server bound to one of these listens on every address of the machine


def host_name(host: str) -> str:
    """The name of a ``Host`` header, without its port: lower case, brackets of an IPv6 address and a final dot
    gone (``[::1]:8080`` → ``::1``, ``LocalHost.:80`` → ``localhost``); "" for an empty or broken header."""
    host = host.strip().lower()
    if host.startswith("["):
        end = host.find("]")
        return host[1:end] if end > 0 else ""
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


def allowed(host: str, hosts: tuple[str, ...]) -> bool:
    """Whether a request whose ``Host`` header is ``host`` is for this server (``"*"`` in ``hosts``: any)."""
    return "*" in hosts or host_name(host) in hosts


def serve_hosts(bind_host: str, public_host: str) -> tuple[str, ...]:
    """What ``rehearse serve`` answers: the host of its public URL, the loopback names, the address it listens
    on, and every address of the machine when it listens on all of them."""
    names = [host_name(public_host), *rules.LOOPBACK_HOSTS]
    if bind_host in ANY_ADDRESS:
        names += sorted(own_addresses())
    else:
        names.append(host_name(bind_host))
    return tuple(dict.fromkeys(name for name in names if name))


def own_addresses() -> set[str]:
    """The machine's IP addresses, as best the standard library can tell: its host name's addresses, the
    addresses it goes out on (a UDP ``connect`` sends nothing), and on Linux every interface's."""
    found: set[str] = set()
    with contextlib.suppress(OSError):
        found |= {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)}
    for family, target in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):  # RFC 5737, 3849
        with contextlib.suppress(OSError), socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.connect((target, 9))
            found.add(probe.getsockname()[0])
    found |= _linux_interface_addresses()
    return {str(ipaddress.ip_address(a.split("%", 1)[0])) for a in found if _is_address(a.split("%", 1)[0])}


def _linux_interface_addresses() -> set[str]:
    found: set[str] = set()
    with contextlib.suppress(OSError, ValueError):  # IPv6: /proc/net/if_inet6, one address in hex per line
        for line in Path("/proc/net/if_inet6").read_text().splitlines():
            found.add(str(ipaddress.IPv6Address(bytes.fromhex(line.split()[0]))))
    with contextlib.suppress(OSError, ValueError):  # IPv4: /proc/net/fib_trie lists each local address
        lines = Path("/proc/net/fib_trie").read_text().splitlines()
        found |= {lines[i - 1].split()[-1] for i, line in enumerate(lines) if "/32 host LOCAL" in line}
    return found


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def refusal() -> Response:
    """The short page for a host this server does not answer: 400, in both languages (the screen's language
    is not known yet), never the site."""
    lines = "".join(f'<p lang="{lang}">{html.escape(labels.text("err_unknown_host", lang))}</p>'
                    for lang in labels.LANGUAGES)
    body = (f'<!doctype html><html lang="{labels.LANGUAGES[0]}"><head><meta charset="utf-8">'
            f'<title>400</title></head><body><h1>400</h1>{lines}</body></html>')
    return Response(body, 400, content_type="text/html; charset=utf-8")
