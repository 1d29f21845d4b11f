"""Start a Playwright server on this machine whose browser is the Chromium rehearse uses.

    .venv/bin/python scripts/playwright_server.py                  ws://127.0.0.1:3000/, no --unsafe
    .venv/bin/python scripts/playwright_server.py --port 3001 --unsafe

then ``make test PYTEST_ARGS='--browser-server ws://127.0.0.1:3000/'`` or
``rehearse check --browser-server ws://127.0.0.1:3000/ GUIDE``. The server is ``python -m playwright run-server``
of this virtualenv's Playwright (so its version is the client's); ``PLAYWRIGHT_BROWSERS_PATH`` points it at a
folder (``--browsers``, default ``.venv/server-browsers``) where this machine's Chromium stands where the server
looks for its own build. Without ``--unsafe`` the server ignores the client's ``args`` and ``executablePath``,
as Playwright's container image does; rehearse works with both. It runs until Ctrl-C.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from rehearse.browser import BrowserNotFound  # noqa: E402
from rehearse.remote import BrowserServerError, prepare_browsers, server_command  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=3000, help="TCP port (default: 3000)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--unsafe", action="store_true",
                        help="let clients choose the browser's args and executable (run-server --unsafe)")
    parser.add_argument("--browsers", type=Path, default=ROOT / ".venv" / "server-browsers",
                        help="the PLAYWRIGHT_BROWSERS_PATH folder to prepare (default: .venv/server-browsers)")
    args = parser.parse_args(argv)
    try:
        folder = prepare_browsers(args.browsers)
    except (BrowserNotFound, BrowserServerError) as error:
        print(f"playwright_server: error: {error}", file=sys.stderr)
        return 1
    command = server_command(args.port, args.host, unsafe=args.unsafe)
    print(f"PLAYWRIGHT_BROWSERS_PATH={folder} {' '.join(command)}", file=sys.stderr, flush=True)
    os.execve(command[0], command, {**os.environ, "PLAYWRIGHT_BROWSERS_PATH": str(folder)})


if __name__ == "__main__":
    sys.exit(main())
