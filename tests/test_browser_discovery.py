"""Chromium discovery (rehearse.browser): fake executables in tmp folders, no browser is launched."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from rehearse import browser


def make_exe(path: Path, content: str = "#!/bin/sh\nexit 0\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def playwright_install(registry: Path, revision: str, *, complete: bool = True,
                       folder: str = "chrome-linux64") -> Path:
    directory = registry / f"chromium-{revision}"
    exe = make_exe(directory / folder / "chrome")
    if complete:
        (directory / browser.INSTALLATION_MARKER).write_text("")
    return exe


@pytest.fixture
def clean(monkeypatch, tmp_path):
    """No env var, an empty Playwright registry, no system browser: nothing is found."""
    monkeypatch.delenv(browser.ENV_VAR, raising=False)
    registry = tmp_path / "ms-playwright"
    registry.mkdir()
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(registry))
    monkeypatch.setattr(browser, "SYSTEM_CANDIDATES", (str(tmp_path / "system" / "chromium"),))
    monkeypatch.setattr(browser, "expected_revision", lambda: "1255")
    return registry


def test_nothing_found_returns_none_and_explains_the_fix(clean, capsys):
    assert browser.find_chromium() is None
    with pytest.raises(browser.BrowserNotFound) as error:
        browser.chromium_path()
    message = str(error.value)
    for fix in ("make browser", "apt-get install chromium", browser.ENV_VAR):
        assert fix in message
    assert str(clean) in message  # says where it looked

    assert browser.main([]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "apt-get install chromium" in captured.err


def test_env_var_wins_over_everything(clean, monkeypatch, tmp_path):
    playwright_install(clean, "1255")
    make_exe(tmp_path / "system" / "chromium")
    mine = make_exe(tmp_path / "my chrome" / "chrome")
    monkeypatch.setenv(browser.ENV_VAR, str(mine))
    assert browser.find_chromium() == str(mine.resolve())
    assert browser.chromium_path() == str(mine.resolve())


@pytest.mark.parametrize("problem", ["missing", "directory", "not executable"])
def test_wrong_env_var_is_a_clear_error_not_a_fallback(clean, monkeypatch, tmp_path, problem, capsys):
    make_exe(tmp_path / "system" / "chromium")  # would be found without the env var
    target = tmp_path / "chrome"
    if problem == "directory":
        target.mkdir()
    elif problem == "not executable":
        target.write_text("binary")
        target.chmod(0o644)
    monkeypatch.setenv(browser.ENV_VAR, str(target))
    if problem == "not executable" and os.access(target, os.X_OK):
        pytest.skip("this user can execute anything")
    with pytest.raises(browser.BrowserNotFound, match=browser.ENV_VAR) as error:
        browser.find_chromium()
    assert str(target) in str(error.value)
    assert "wrong" in str(error.value)
    assert browser.main([]) == 1
    assert "wrong" in capsys.readouterr().err


def test_blank_env_var_is_ignored(clean, monkeypatch, tmp_path):
    system = make_exe(tmp_path / "system" / "chromium")
    monkeypatch.setenv(browser.ENV_VAR, "  ")
    assert browser.find_chromium() == str(system)


def test_complete_playwright_download_is_preferred_to_system(clean, tmp_path, capsys):
    exe = playwright_install(clean, "1255")
    make_exe(tmp_path / "system" / "chromium")
    assert browser.find_chromium() == str(exe)
    assert browser.main([]) == 0
    assert capsys.readouterr().out.strip() == str(exe)


def test_partial_playwright_download_does_not_count(clean, tmp_path):
    playwright_install(clean, "1255", complete=False)  # executable there, marker missing
    (clean / "chromium-1300" / "chrome-linux64").mkdir(parents=True)  # marker, but no executable
    (clean / "chromium-1300" / browser.INSTALLATION_MARKER).write_text("")
    assert browser.playwright_chromium() is None
    assert browser.find_chromium() is None
    system = make_exe(tmp_path / "system" / "chromium")
    assert browser.find_chromium() == str(system)


def test_expected_revision_first_then_newest_other(clean):
    older = playwright_install(clean, "1100", folder="chrome-linux")
    newer = playwright_install(clean, "1200")
    playwright_install(clean, "headless-shell-1300")  # chromium-headless-shell-*: not a full browser
    assert browser.playwright_chromium() == str(newer)
    wanted = playwright_install(clean, "1255")
    assert browser.playwright_chromium() == str(wanted)
    assert older.exists()


def test_registry_follows_playwright_rules(monkeypatch, tmp_path):
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "pw"))
    assert browser.playwright_registry() == tmp_path / "pw"
    monkeypatch.delenv("PLAYWRIGHT_BROWSERS_PATH")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert browser.playwright_registry() == tmp_path / "cache" / "ms-playwright"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert browser.playwright_registry() == tmp_path / "home" / ".cache" / "ms-playwright"


def test_default_registry_under_home_cache(monkeypatch, tmp_path):
    monkeypatch.delenv(browser.ENV_VAR, raising=False)
    monkeypatch.delenv("PLAYWRIGHT_BROWSERS_PATH", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(browser, "SYSTEM_CANDIDATES", ())
    monkeypatch.setattr(browser, "expected_revision", lambda: None)
    exe = playwright_install(tmp_path / ".cache" / "ms-playwright", "1255")
    assert browser.find_chromium() == str(exe)


def test_expected_revision_reads_the_installed_playwright():
    pytest.importorskip("playwright")
    revision = browser.expected_revision()
    assert revision is not None and revision.isdigit()


def test_system_candidates_in_order_skipping_unusable(clean, monkeypatch, tmp_path):
    not_exe = tmp_path / "a" / "chromium"
    not_exe.parent.mkdir()
    not_exe.write_text("x")
    not_exe.chmod(0o644)
    stub = make_exe(tmp_path / "b" / "chromium-browser",
                    "#!/bin/sh\necho 'requires the chromium snap'\necho 'snap install chromium'\n"
                    "exec /snap/bin/chromium \"$@\"\n")
    real = make_exe(tmp_path / "c" / "chromium")
    later = make_exe(tmp_path / "d" / "google-chrome")
    candidates = (str(tmp_path / "missing"), str(not_exe), str(stub), str(real), str(later))
    monkeypatch.setattr(browser, "SYSTEM_CANDIDATES", candidates)
    if os.access(not_exe, os.X_OK):
        pytest.skip("this user can execute anything")
    assert browser.system_chromium() == str(real)
    assert browser.find_chromium() == str(real)


def test_debian_real_binary_comes_before_the_wrapper():
    assert browser.SYSTEM_CANDIDATES[0] == "/usr/lib/chromium/chromium"
    assert browser.SYSTEM_CANDIDATES.index("/usr/lib/chromium/chromium") < browser.SYSTEM_CANDIDATES.index(
        "/usr/bin/chromium")


def test_main_help_and_bad_arguments(capsys):
    assert browser.main(["--help"]) == 0
    assert "usage" in capsys.readouterr().err
    assert browser.main(["--bogus"]) == 2
