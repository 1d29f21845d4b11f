"""``scripts/check_guides.py``: every bundled guide checked on the screens it is written for (``guide-check.yml``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from rehearse.guide import BUNDLED_GUIDES

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("check_guides", ROOT / "scripts" / "check_guides.py")
check_guides = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_guides)


def test_every_guide_in_guides_names_its_screens():
    assert check_guides.unregistered() == []
    assert {bundled.screens for bundled in BUNDLED_GUIDES} == {"2020", "2026"}


def test_a_guide_without_a_profile_is_refused(monkeypatch, tmp_path, capsys):
    stray = tmp_path / "nouvelle-version.md"
    stray.write_text("# 1ère étape\n\n1. Clic sur « Suivant ».\n", encoding="utf-8")
    monkeypatch.setattr(check_guides, "GUIDES_DIR", tmp_path)
    assert check_guides.unregistered() == ["nouvelle-version.md"]
    monkeypatch.setattr(check_guides.cli, "main", lambda argv: pytest.fail("checked a guide without a profile"))
    assert check_guides.main([]) == 2
    assert "nouvelle-version.md" in capsys.readouterr().err


def test_each_guide_is_checked_on_its_own_screens_into_its_own_folder(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(check_guides.cli, "main", lambda argv: calls.append(argv) or (1 if len(calls) == 2 else 0))
    assert check_guides.main(["--report-dir", str(tmp_path), "--strict"]) == 1
    assert [(c[1], c[c.index("--screens") + 1], c[c.index("--report-dir") + 1]) for c in calls] == [
        (str(b.path), b.screens, str(tmp_path / b.path.stem)) for b in BUNDLED_GUIDES]
    assert all(c[-1] == "--strict" for c in calls)


def test_the_guide_check_workflow_runs_the_script():
    workflow = (ROOT / ".github" / "workflows" / "guide-check.yml").read_text(encoding="utf-8")
    assert "python scripts/check_guides.py" in workflow
    assert "rehearse check \"${guides[@]}\"" not in workflow  # every guide on one profile: the old way
