"""The ``rehearse`` command line: help, ``guide``, ``serve`` (through start_serve/describe) and ``run``."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from rehearse import cli
from rehearse.guide import BUNDLED_GUIDE, load_guide

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "rehearse.cli", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=60)


@pytest.mark.parametrize(("command", "options"), [
    ((), ("serve", "run", "guide", "check", "examples")),
    (("check",), ("GUIDE", "--json", "--junit", "--report-dir", "reports/check", "examples")),
    (("serve",), ("--port", "--host", "--seed", "8000", "127.0.0.1", "examples")),
    (("run",), ("--headed", "--report-dir", "--guide", "--screens", "reports/rehearse", "--", "examples")),
    (("guide",), ("PATH", "examples")),
])
def test_help_exits_0_and_mentions_the_options(command, options):
    result = run_cli(*command, "--help")
    assert result.returncode == 0, result.stderr
    for option in options:
        assert option in result.stdout


def test_no_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([])
    assert exit_info.value.code == 2
    assert "usage: rehearse" in capsys.readouterr().err


# --------------------------------------------------------------------------- guide


def test_guide_lists_every_instruction_of_the_bundled_guide(capsys):
    assert cli.main(["guide"]) == 0
    out = capsys.readouterr().out
    guide = load_guide(BUNDLED_GUIDE)
    assert guide.sha256 in out
    for stage in guide.stages:
        assert stage.title in out
    lines = out.splitlines()
    for instruction in guide.instructions:
        line = next(line for line in lines if line.split()[:1] == [instruction.id])
        assert f"line {instruction.first_line}" in line
        assert instruction.text[:40] in line
        shown = line.split(f"line {instruction.first_line}", 1)[1].strip()
        assert len(shown) <= cli.TEXT_WIDTH + 1  # 90 characters, and "…" when cut
    ids = [line.split()[0] for line in lines if line.startswith("  ")]
    assert ids[0] == "1.1" and ids[-1] == "3.4"
    assert "1.12" in ids and "2.13" in ids


def test_guide_with_an_explicit_path(capsys):
    assert cli.main(["guide", str(BUNDLED_GUIDE)]) == 0
    assert "3.4" in capsys.readouterr().out


def test_guide_missing_file_exits_2_with_a_message(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert cli.main(["guide", str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "nope.txt" in captured.err and "error" in captured.err
    assert "Traceback" not in captured.err


def test_guide_that_is_not_a_guide_exits_2(tmp_path, capsys):
    prose = tmp_path / "prose.txt"
    prose.write_text("Just some text.\nNo stages here.\n", encoding="utf-8")
    assert cli.main(["guide", str(prose)]) == 2
    assert "stage" in capsys.readouterr().err


def test_guide_missing_file_through_the_real_command():
    result = run_cli("guide", "/nonexistent/guide.txt")
    assert result.returncode == 2
    assert "/nonexistent/guide.txt" in result.stderr
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------- serve


def serve_args(**overrides) -> argparse.Namespace:
    args = cli.build_parser().parse_args(["serve"])
    for name, value in overrides.items():
        setattr(args, name, value)
    return args


@pytest.fixture
def served():
    server = cli.start_serve(serve_args(port=0, seed=11))
    yield server
    server.stop()


def test_start_serve_answers_on_cas(served):
    assert served.port != 0
    with urllib.request.urlopen(f"{served.public_url}/cas", timeout=10) as response:
        assert response.status == 200


def test_describe_gives_the_start_page_the_sites_and_the_facilitator(served):
    text = cli.describe(served, served.room)
    base = served.public_url
    assert f"{base}/\n" in text and "Commencer une répétition" in text
    assert f"{base}/cas" in text and "https://webgate.ec.europa.eu/cas" in text
    assert f"{base}/RCAM/" in text
    assert f"{base}/_room/facilitator/{served.room.facilitator_token}" in text
    assert len(served.room.facilitator_token) >= 24
    assert "J'ai fermé mon navigateur" in text and "3.2-3.3" in text
    assert "Ctrl-C" in text


def test_described_urls_answer(served):
    text = cli.describe(served, served.room)
    urls = [word for word in text.split() if word.startswith(served.public_url)]
    assert len(urls) >= 4
    for url in urls:
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200, url


@pytest.mark.parametrize("screens, shown", [("2020", "127.0.0.1"), ("2026", "localhost")])
def test_serve_shows_localhost_on_screens_with_security_keys(screens, shown):
    """Chromium allows WebAuthn on http://localhost, not on http://127.0.0.1: the 2026 screens' keys need it."""
    server = cli.start_serve(serve_args(port=0, seed=11, screens=screens))
    try:
        assert server.public_url == f"http://{shown}:{server.port}"
        assert f"http://{shown}:{server.port}/cas" in cli.describe(server, server.room)
        with urllib.request.urlopen(f"{server.public_url}/cas", timeout=10) as response:
            assert response.status == 200
    finally:
        server.stop()


def test_serve_is_for_a_room(served):
    assert served.room is not None
    assert served.app.config["DEVICE_ACCESS"] is not None  # each visitor sees only their own mailbox and phone


def test_every_address_is_served_at_the_machines_network_address(monkeypatch):
    import mock_sites.server

    asked = []
    monkeypatch.setattr(mock_sites.server, "start_plain", lambda world, **options: asked.append(options))
    monkeypatch.setattr(cli, "lan_address", lambda: "192.168.1.20")
    cli.start_serve(serve_args(port=8000, host="0.0.0.0"))
    cli.start_serve(serve_args(port=8000, host="0.0.0.0", public_host="salle.local"))
    cli.start_serve(serve_args(port=8000))
    assert [(o["host"], o["public_host"], o["room"]) for o in asked] == [
        ("0.0.0.0", "192.168.1.20", True), ("0.0.0.0", "salle.local", True), ("127.0.0.1", None, True)]
    assert cli.is_any_address("0.0.0.0") and cli.is_any_address("::") and not cli.is_any_address("127.0.0.1")
    monkeypatch.undo()
    assert cli.lan_address().count(".") == 3  # the real one answers an address, even without a network


def test_same_seed_same_identity():
    first = cli.start_serve(serve_args(port=0, seed=5))
    second = cli.start_serve(serve_args(port=0, seed=5))
    try:
        assert first.world.new_identity() == second.world.new_identity()
    finally:
        first.stop()
        second.stop()


@pytest.fixture
def taken_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_start_serve_on_a_taken_port_raises_a_one_line_error(taken_port):
    with pytest.raises(cli.ServeError) as error:
        cli.start_serve(serve_args(port=taken_port))
    message = str(error.value)
    assert str(taken_port) in message and "in use" in message
    assert "\n" not in message


def test_serve_on_a_taken_port_exits_2_without_traceback(taken_port, capsys):
    assert cli.main(["serve", "--port", str(taken_port)]) == 2
    err = capsys.readouterr().err
    assert "in use" in err and str(taken_port) in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_serve_on_a_taken_port_through_the_real_command(taken_port):
    result = run_cli("serve", "--port", str(taken_port))
    assert result.returncode == 2
    assert "in use" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_stops_cleanly_on_ctrl_c(monkeypatch, capsys):
    started = []
    real_start = cli.start_serve

    def start(args):
        server = real_start(args)
        started.append(server)

        def interrupted(timeout=None):
            raise KeyboardInterrupt

        monkeypatch.setattr(server.thread, "join", interrupted)
        return server

    monkeypatch.setattr(cli, "start_serve", start)
    assert cli.main(["serve", "--port", "0"]) == 0
    out = capsys.readouterr().out
    assert f"{started[0].public_url}/cas" in out
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{started[0].public_url}/cas", timeout=2)


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True),
    ("0.0.0.0", False), ("192.168.1.10", False), ("example.org", False), ("::", False),
])
def test_loopback_detection(host, loopback):
    assert cli.is_loopback(host) is loopback


def test_non_loopback_host_gives_a_loud_warning(monkeypatch, capsys):
    def start(args):
        raise cli.ServeError("stop here")

    monkeypatch.setattr(cli, "start_serve", start)
    assert cli.main(["serve", "--host", "0.0.0.0"]) == 2
    assert "WARNING" not in capsys.readouterr().err  # nothing served: no warning, just the error

    class Stopped(Exception):
        pass

    class FakeServer:
        port = 8000
        public_url = "http://127.0.0.1:8000"
        room = None

    def start_ok(args):
        return FakeServer()

    def describe(server, identity):
        raise Stopped

    monkeypatch.setattr(cli, "start_serve", start_ok)
    monkeypatch.setattr(cli, "describe", describe)
    monkeypatch.setattr(cli, "prepare_world", lambda world: None)
    FakeServer.world = None
    with pytest.raises(Stopped):
        cli.main(["serve", "--host", "0.0.0.0"])
    err = capsys.readouterr().err
    assert "WARNING" in err and "NOT a loopback" in err and "0.0.0.0" in err


def test_bad_port_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["serve", "--port", "70000"])
    assert exit_info.value.code == 2
    assert "port" in capsys.readouterr().err


# --------------------------------------------------------------------------- run


@pytest.fixture
def calls(monkeypatch):
    recorded = []

    def call(command, cwd=None):
        recorded.append((command, cwd))
        return 3

    monkeypatch.setattr(cli.subprocess, "call", call)
    return recorded


def test_run_passes_guide_report_dir_and_extra_args_to_pytest(calls, capsys, tmp_path):
    code = cli.main(["run", "--headed", "--report-dir", str(tmp_path / "r"), "--", "-k", "1.9", "-x"])
    assert code == 3  # pytest's exit code
    (command, cwd), = calls
    assert command[:5] == [sys.executable, "-m", "pytest", "-m", "journey"]
    assert command[command.index("--report-dir") + 1] == str(tmp_path / "r")
    assert command[command.index("--guide") + 1] == str(BUNDLED_GUIDE)
    assert "--headed" in command
    assert command[-3:] == ["-k", "1.9", "-x"]
    assert cwd == ROOT
    out = capsys.readouterr().out
    assert str(BUNDLED_GUIDE) in out
    assert load_guide(BUNDLED_GUIDE).sha256 in out


def test_run_defaults(calls):
    cli.main(["run"])
    (command, _), = calls
    assert command[command.index("--report-dir") + 1] == str(ROOT / "reports" / "rehearse")
    assert command[command.index("--screens") + 1] == "2020"
    assert "--headed" not in command


def test_run_on_the_2026_screens_plays_the_2026_guide_s_rehearsal(calls, capsys):
    """``make rehearse SCREENS=2026``: the bundled guide written for those screens, its journey marker, its
    screens."""
    from rehearse.guide import bundled_guide

    today = bundled_guide("2026")
    assert cli.main(["run", "--screens", "2026"]) == 3
    (command, _), = calls
    assert command[4] == today.journey == "journey-2026"  # pytest -m MARKER
    assert command[command.index("--guide") + 1] == str(today.path)
    assert command[command.index("--screens") + 1] == "2026"
    assert "Screens: 2026" in capsys.readouterr().out


def test_run_on_unknown_screens_exits_2(calls, capsys):
    assert cli.main(["run", "--screens", "1999"]) == 2
    assert calls == [] and "2020, 2026" in capsys.readouterr().err


def test_run_with_a_guide_follows_it_instead_of_running_pytest(calls, tmp_path, monkeypatch, capsys):
    """``--guide FILE``: the follower follows FILE (the checker on that one guide), into the run's report folder;
    no pytest. The real follow is in ``tests/test_check_cli.py``."""
    copy = tmp_path / "revision.txt"
    copy.write_bytes(BUNDLED_GUIDE.read_bytes() + b"\n")
    monkeypatch.chdir(tmp_path)
    followed = []
    monkeypatch.setattr(cli, "check", lambda args, name: followed.append((args, name)) or 1)
    assert cli.main(["run", "--guide", "revision.txt", "--report-dir", "out"]) == 1
    assert calls == []
    (args, name), = followed
    assert name == "run" and args.guides == [str(copy)] and args.report_dir == str(tmp_path / "out")
    assert load_guide(copy).sha256 in capsys.readouterr().out


def test_run_with_a_guide_refuses_pytest_arguments(calls, capsys):
    assert cli.main(["run", "--guide", str(BUNDLED_GUIDE), "--", "-k", "1.9"]) == 2
    assert calls == [] and "not for --guide" in capsys.readouterr().err


def test_run_with_a_bad_guide_exits_2_without_running_pytest(calls, tmp_path, capsys):
    assert cli.main(["run", "--guide", str(tmp_path / "missing.txt")]) == 2
    assert calls == []
    assert "missing.txt" in capsys.readouterr().err


def test_arguments_after_double_dash_are_only_for_run(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["guide", "--", "-k"])
    assert exit_info.value.code == 2
    assert "only for 'rehearse run'" in capsys.readouterr().err


def test_serve_prepares_an_identity_the_pmo_knows_and_an_immediate_final_code():
    from datetime import timedelta

    from mock_sites.world import World

    world = World(seed=3)
    identity = cli.prepare_world(world)
    pensioner = world.pensioner(identity.pension_number)
    assert pensioner is not None and pensioner.birth_date == identity.birth_date
    assert world.final_code_delay == timedelta(0)
