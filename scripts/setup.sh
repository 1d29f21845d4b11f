#!/usr/bin/env bash
# Idempotent set-up (run by `make setup`): a virtualenv with the project and its dev tools, then a Chromium.
#
#   scripts/setup.sh               venv + project + browser
#   scripts/setup.sh --no-browser  venv + project only (lint, unit tests, rehearse serve)
#
# A second run reuses everything and takes about a second. Stamp files in .venv/:
#   .installed                    the project was installed from pyproject.toml (redone when it is newer)
#   .playwright-download-failed   `playwright install chromium` failed once: not retried on every run
#                                 (`make browser` removes it and tries again)
# Environment: PYTHON (default python3) makes the venv; REHEARSE_CHROMIUM names a browser to use as is.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

VENV=.venv
PY="$VENV/bin/python"
INSTALLED_STAMP="$VENV/.installed"
DOWNLOAD_FAILED_STAMP="$VENV/.playwright-download-failed"
PYTHON="${PYTHON:-python3}"
WITH_BROWSER=1

for arg in "$@"; do
    case "$arg" in
        --no-browser) WITH_BROWSER=0 ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "setup: unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done

log() { echo "setup: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }
have() { command -v "$1" >/dev/null 2>&1; }
with_timeout() {  # with_timeout SECONDS command...
    local seconds=$1; shift
    if have timeout; then timeout "$seconds" "$@"; else "$@"; fi
}
apt_install() {
    log "apt-get install $* (as root)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# --------------------------------------------------------------------------- virtualenv
venv_works() { [ -x "$PY" ] && "$PY" -m pip --version >/dev/null 2>&1; }

if venv_works; then
    : # reuse it
else
    have "$PYTHON" || die "$PYTHON not found: install Python 3.11+ (Debian: apt-get install python3 python3-venv)"
    if [ -e "$VENV" ]; then
        log "$VENV is broken (no working pip): recreating it"
        rm -rf "$VENV"
    fi
    log "creating $VENV with $("$PYTHON" --version 2>&1)"
    if ! "$PYTHON" -m venv "$VENV" >&2; then
        rm -rf "$VENV"
        if is_root && have apt-get; then
            apt_install python3-venv
            "$PYTHON" -m venv "$VENV" >&2 || die "cannot create $VENV even after installing python3-venv"
        else
            die "cannot create $VENV: install the venv module (Debian: sudo apt-get install python3-venv)"
        fi
    fi
    venv_works || die "$VENV was created but its pip does not work"
fi

# --------------------------------------------------------------------------- the project
if [ ! -f "$INSTALLED_STAMP" ] || [ pyproject.toml -nt "$INSTALLED_STAMP" ]; then
    log "installing the project and its dev tools into $VENV (pip install -e '.[dev]')"
    "$PY" -m pip install --quiet --disable-pip-version-check -e '.[dev]' >&2
    touch "$INSTALLED_STAMP"
fi

[ "$WITH_BROWSER" = 1 ] || exit 0

# --------------------------------------------------------------------------- the browser
# Sets BROWSER to the browser rehearse would use; fails (status 2) if it does not start: `--version`
# catches missing shared libraries.
find_browser() {
    BROWSER=$("$PY" -m rehearse.browser 2>/dev/null) || return 1
    if ! with_timeout 60 "$BROWSER" --version >/dev/null 2>&1; then
        log "found $BROWSER but it does not start (missing system libraries?)"
        return 2
    fi
}

browser_ready() {  # find_browser; for Playwright's own download, install its system libraries once if needed
    local status=0 downloaded
    find_browser || status=$?
    if [ "$status" = 2 ] && is_root && have apt-get; then
        downloaded=$("$PY" -c 'from rehearse.browser import playwright_chromium as p; print(p() or "")')
        if [ "$BROWSER" = "$downloaded" ]; then
            log "installing the browser's system libraries (playwright install-deps chromium)"
            with_timeout 900 "$PY" -m playwright install-deps chromium >&2 || true
            status=0
            find_browser || status=$?
        fi
    fi
    [ "$status" = 0 ] || return 1
    log "browser: $BROWSER"
}

if [ -n "${REHEARSE_CHROMIUM:-}" ]; then
    # An explicit choice: use it or say why not, never install something else instead.
    browser_ready && exit 0
    "$PY" -m rehearse.browser >/dev/null || true  # prints why
    die "REHEARSE_CHROMIUM=$REHEARSE_CHROMIUM is not a working Chromium: fix or unset it"
fi

browser_ready && exit 0

if [ ! -f "$DOWNLOAD_FAILED_STAMP" ]; then
    log "no browser yet: trying Playwright's own Chromium (python -m playwright install chromium)"
    if with_timeout 300 "$PY" -m playwright install chromium >&2; then
        browser_ready && exit 0
    else
        log "Playwright's download failed (no access to its download host?); not retrying on later runs"
        log "(make browser tries again)"
        date -u +"%Y-%m-%dT%H:%M:%SZ playwright install chromium failed" >"$DOWNLOAD_FAILED_STAMP"
    fi
fi

if is_root && have apt-get; then
    log "installing the system Chromium with apt-get (about a minute)"
    apt_install chromium
    browser_ready && exit 0
    die "apt-get installed chromium, but no working Chromium was found afterwards"
fi

"$PY" -m rehearse.browser >/dev/null || true  # prints where it looked and the fixes
die "no Chromium found and not root, so nothing was installed. Either:
    sudo apt-get install chromium                     (Debian/Ubuntu without snap)
    $PY -m playwright install --with-deps chromium    (needs access to Playwright's download host)
  or set REHEARSE_CHROMIUM=/path/to/chromium, then run make setup again."
