"""Fixtures shared by the test modules (the harness's own fixtures are in the top-level ``conftest.py``).

``check_run``: ONE ``rehearse check`` per session, in this process, of the bundled guide, every revision of
``tests/guides/revisions``, the follower's trip-ups and harmless rewrites (``tests/guides/follow``) and an unreadable
file: the checker's tests read its JSON, JUnit and report instead of each following the guide again.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

import rehearse.check.rehearsal as rehearsal_module
from rehearse import cli
from rehearse.check.capture import Rehearsal
from rehearse.guide import BUNDLED_GUIDE
from tests.guides.follow.expected import follow_paths
from tests.guides.revisions.expected import EXPECTED, REVISIONS


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
