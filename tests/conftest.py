"""Fixtures shared by the test modules (the harness's own fixtures are in the top-level ``conftest.py``).

``check_run``: ONE ``rehearse check`` per session, in this process, of the bundled guide, every revision of
``tests/guides/revisions``, the follower's trip-ups and harmless rewrites (``tests/guides/follow``) and an unreadable
file: the checker's tests read its JSON, JUnit and report, and its rehearsal (``tests/test_check_rehearsal.py``:
``check_run["spy"].rehearsal``, with the revisions' example passwords and URLs), instead of each following the guide
again.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from flask import Flask
from xdist.scheduler import LoadScopeScheduling

import rehearse.check.rehearsal as rehearsal_module
from mock_sites import create_app
from mock_sites.world import Identity, World
from rehearse import cli
from rehearse.check.capture import Rehearsal
from rehearse.guide import BUNDLED_GUIDE
from tests.guides.follow.expected import follow_paths
from tests.guides.revisions.expected import EXPECTED, REVISIONS
from tests.site_client import Visitor, french_visitor


def run_check(*args: str) -> tuple[int, str, str]:
    """``rehearse check ARGS`` in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = cli.main(["check", *args])
        except SystemExit as exit_:
            code = exit_.code
    return code, out.getvalue(), err.getvalue()


class Spy:
    """Counts the rehearsals and keeps the last one: the proof that several guides share one."""

    def __init__(self, real) -> None:
        self.real = real
        self.calls: list[dict] = []
        self.rehearsal: Rehearsal | None = None

    def __call__(self, **kwargs) -> Rehearsal:
        self.calls.append(kwargs)
        self.rehearsal = self.real(**kwargs)
        return self.rehearsal


def check_run_modules(config) -> frozenset[str]:
    """The test modules whose tests read ``check_run``, as the start of their node ids."""
    return frozenset(path.relative_to(config.rootpath).as_posix()
                     for path in sorted(Path(__file__).parent.glob("test_*.py"))
                     if "check_run" in path.read_text(encoding="utf-8"))


class _CheckRunTogether(LoadScopeScheduling):
    """xdist's load scheduling, except that the modules reading ``check_run`` make one unit of work."""

    def __init__(self, config, log=None, modules: frozenset[str] = frozenset()) -> None:
        super().__init__(config, log)
        self.modules = modules

    def _split_scope(self, nodeid: str) -> str:
        return "check_run" if nodeid.split("::", 1)[0] in self.modules else nodeid


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """Under ``-n`` (xdist's default ``--dist load``) the test modules that read ``check_run`` go to one worker:
    else each worker would run the whole ``rehearse check`` again. xdist's own ``--dist loadgroup`` cannot do it
    on pytest 9.2 (it renames node ids, which pytest 9.2 no longer allows: pytest-xdist issue #1386)."""
    if config.getvalue("dist") != "load":
        return None
    return _CheckRunTogether(config, log, check_run_modules(config))


def pytest_collection_modifyitems(config, items):
    """With ``--splits`` (pytest-split, which cuts the collection into runs of consecutive tests after this hook),
    the modules reading ``check_run`` come last, together: one shard runs that check, the one whose stored
    durations include it, instead of two shards each running it. Every shard orders alike, so each test is
    still in exactly one."""
    if not config.getoption("splits", None):
        return
    modules = check_run_modules(config)
    together = [item for item in items if item.nodeid.split("::", 1)[0] in modules]
    items[:] = [item for item in items if item.nodeid.split("::", 1)[0] not in modules] + together


@pytest.fixture(scope="session")
def unreadable(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("unreadable") / "guide-latin1.txt"
    path.write_bytes("1ère étape\n1. Clic sur « Suivant »\n".encode("latin-1"))
    return path


def _name(path: str) -> str:
    """A guide's key in ``check_run["guides"]``: its file name, ``follow/<name>`` for the follower's set."""
    path_ = Path(path)
    return f"follow/{path_.name}" if path_.parent.name == "follow" else path_.name


@pytest.fixture(scope="session")
def check_run(tmp_path_factory, unreadable: Path):
    """ONE ``rehearse check`` of the bundled guide, every revision and an unreadable file."""
    report_dir = tmp_path_factory.mktemp("check-report")
    junit = report_dir / "junit.xml"
    paths = [str(BUNDLED_GUIDE), *(str(REVISIONS / name) for name in EXPECTED),
             *(str(path) for path in follow_paths()), str(unreadable)]
    spy = Spy(rehearsal_module.rehearse)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rehearsal_module, "rehearse", spy)
        code, out, err = run_check(*paths, "--json", "--junit", str(junit), "--report-dir", str(report_dir))
    assert out.strip(), err[-3000:]
    document = json.loads(out)
    guides = {_name(entry["path"]): entry for entry in document["guides"]}
    return {"code": code, "document": document, "guides": guides, "err": err, "spy": spy, "junit": junit,
            "report_dir": report_dir, "paths": paths}


# --------------------------------------------------------------------------- the sites without a browser
# A fresh world, the Flask app around it and a French-speaking test client: the unit tests of the sites' views
# (names that do not clash with the harness's ``world``, which is the mock server's, in ``conftest.py``).


@pytest.fixture
def site_world() -> World:
    return World()


@pytest.fixture
def site_app(site_world: World) -> Flask:
    return create_app(site_world)


@pytest.fixture
def site_visitor(site_app: Flask) -> Visitor:
    return french_visitor(site_app)


@pytest.fixture
def site_identity(site_world: World) -> Identity:
    return site_world.new_identity()
