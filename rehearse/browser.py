"""Find a Chromium executable for Playwright, without launching anything.

Order of preference:

1. ``REHEARSE_CHROMIUM``: an explicit path. If it is set but wrong (missing, a directory, not executable)
   that is an error, never a silent fall-back to another browser.
2. Playwright's own Chromium (``python -m playwright install chromium``), when its download completed:
   the revision that the installed Playwright expects first, then any other revision, newest first.
   A partial download (no executable, or no ``INSTALLATION_COMPLETE`` marker) does not count.
3. A system Chromium: ``/usr/lib/chromium/chromium`` (Debian's real binary; ``/usr/bin/chromium`` is a
   wrapper script), ``/usr/bin/chromium``, ``/usr/bin/chromium-browser``, ``/usr/bin/google-chrome``.
   Ubuntu's snap stubs (scripts that only ask for the snap) are skipped.

``python -m rehearse.browser`` prints the path found, or the reason and the fix (exit 1).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
from pathlib import Path

__all__ = ["ENV_VAR", "BrowserNotFound", "chromium_path", "find_chromium", "playwright_chromium",
           "system_chromium"]

ENV_VAR = "REHEARSE_CHROMIUM"

SYSTEM_CANDIDATES: tuple[str, ...] = (
    "/usr/lib/chromium/chromium",
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
)

# Where a Playwright download puts the executable inside ``chromium-<revision>/`` (newer, then older).
PLAYWRIGHT_EXECUTABLES: tuple[tuple[str, ...], ...] = (
    ("chrome-linux64", "chrome"),
    ("chrome-linux", "chrome"),
    ("chrome-linux-arm64", "chrome"),
)
INSTALLATION_MARKER = "INSTALLATION_COMPLETE"

FIX = (
    "Install one of:\n"
    "  make browser                              (or: python -m playwright install chromium)\n"
    "  apt-get install chromium                  (Debian; as root)\n"
    f"or point {ENV_VAR} at a Chromium/Chrome executable:\n"
    f"  export {ENV_VAR}=/path/to/chromium"
)


class BrowserNotFound(RuntimeError):
    """No usable Chromium; the message says what to install or set."""


def _is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def _env_chromium() -> str | None:
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.exists():
        problem = "does not exist"
    elif path.is_dir():
        problem = "is a directory, not an executable"
    elif not os.access(path, os.X_OK):
        problem = "is not executable (chmod +x?)"
    else:
        return str(path.resolve())
    raise BrowserNotFound(
        f"{ENV_VAR}={value} is wrong: the path {problem}. "
        f"Point {ENV_VAR} at a Chromium/Chrome executable, or unset it to let rehearse look for one."
    )


def _playwright_package() -> Path | None:
    """The installed ``playwright`` package folder, found without importing it."""
    try:
        spec = importlib.util.find_spec("playwright")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent


def playwright_registry() -> Path:
    """Where Playwright keeps its browsers (the same rules as Playwright's own registry)."""
    value = os.environ.get("PLAYWRIGHT_BROWSERS_PATH", "")
    if value == "0":
        package = _playwright_package()
        if package is not None:
            return package / "driver" / "package" / ".local-browsers"
    if value:
        return Path(value).expanduser().absolute()
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "ms-playwright"


def expected_revision(name: str = "chromium") -> str | None:
    """The revision of browser ``name`` (``chromium``, ``chromium-headless-shell``…) the installed Playwright
    wants, from its ``browsers.json``."""
    package = _playwright_package()
    if package is None:
        return None
    try:
        data = json.loads((package / "driver" / "package" / "browsers.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for browser in data.get("browsers", []):
        if browser.get("name") == name:
            return str(browser.get("revision") or "") or None
    return None


def _complete_executable(directory: Path) -> Path | None:
    if not (directory / INSTALLATION_MARKER).is_file():
        return None  # a download that did not finish
    for parts in PLAYWRIGHT_EXECUTABLES:
        candidate = directory.joinpath(*parts)
        if _is_executable(candidate):
            return candidate
    return None


def playwright_chromium() -> str | None:
    """Playwright's own, completely installed Chromium, or None."""
    registry = playwright_registry()
    if not registry.is_dir():
        return None
    wanted = expected_revision()
    if wanted:
        found = _complete_executable(registry / f"chromium-{wanted}")
        if found:
            return str(found)
    others = []
    for directory in registry.glob("chromium-*"):
        match = re.fullmatch(r"chromium-(\d+)", directory.name)  # not chromium-headless-shell-*, tip-of-tree
        if match and directory.is_dir():
            others.append((int(match.group(1)), directory))
    for _, directory in sorted(others, reverse=True):
        found = _complete_executable(directory)
        if found:
            return str(found)
    return None


def _is_snap_stub(path: Path) -> bool:
    """Ubuntu's ``chromium-browser`` may be a script that only says to install the snap."""
    try:
        if path.stat().st_size > 64 * 1024:
            return False
        head = path.read_bytes()
    except OSError:
        return True
    return head.startswith(b"#!") and (b"/snap/bin/" in head or b"snap install" in head)


def system_chromium() -> str | None:
    """The first usable system Chromium/Chrome of ``SYSTEM_CANDIDATES``, or None."""
    for candidate in SYSTEM_CANDIDATES:
        path = Path(candidate)
        if _is_executable(path) and not _is_snap_stub(path):
            return str(path)
    return None


def find_chromium() -> str | None:
    """The Chromium to use, or None if there is none.

    Raises ``BrowserNotFound`` when ``REHEARSE_CHROMIUM`` is set to a path that is not an executable.
    """
    return _env_chromium() or playwright_chromium() or system_chromium()


def chromium_path() -> str:
    """The Chromium to use; raises ``BrowserNotFound`` with the fix when there is none."""
    found = find_chromium()
    if found is None:
        looked = [f"${ENV_VAR} (unset)", f"Playwright's browsers in {playwright_registry()}",
                  *SYSTEM_CANDIDATES]
        raise BrowserNotFound("No Chromium found. Looked at: " + ", ".join(looked) + ".\n" + FIX)
    return found


def main(argv: list[str] | None = None) -> int:
    if argv:
        print("usage: python -m rehearse.browser\n\nPrints the Chromium that rehearse will use, "
              "or why there is none (exit 1).", file=sys.stderr)
        return 0 if argv[0] in ("-h", "--help") else 2
    try:
        print(chromium_path())
    except BrowserNotFound as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
