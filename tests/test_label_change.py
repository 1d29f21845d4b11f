"""Changing a label the guide quotes makes the scenario fail, and the failure names that label."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
BINDING = '''from pytest_bdd import scenarios

scenarios("original.feature", "changed.feature")
'''


@pytest.mark.browser
def test_a_changed_label_fails_its_scenario_naming_the_label():
    # Inside the project so that the root conftest.py (the harness) applies; reports/ is not versioned.
    (ROOT / "reports").mkdir(exist_ok=True)
    tmp_path = Path(tempfile.mkdtemp(prefix="label-change-", dir=ROOT / "reports"))
    try:
        run_copies(tmp_path)
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)


def run_copies(tmp_path: Path):
    feature = (ROOT / "features" / "stage_1.feature").read_text(encoding="utf-8")
    assert "« Suivant »" in feature
    (tmp_path / "original.feature").write_text(feature, encoding="utf-8")
    changed = feature.replace("Fonctionnalité: 1ère étape", "Fonctionnalité: copie modifiée", 1)
    (tmp_path / "changed.feature").write_text(changed.replace("« Suivant »", "« Poursuivre »"), encoding="utf-8")
    (tmp_path / "test_copy.py").write_text(BINDING, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", str(tmp_path / "test_copy.py"), "-q",
         "-o", f"bdd_features_base_dir={tmp_path}",
         "-m", "1.1 and not compte-existant", "--report-dir", str(tmp_path / "reports"), "--step-screenshots=none",
         "--expect-timeout=2000"],  # the label is missing from a loaded screen: no need to wait 5 s for it
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    out = run.stdout + run.stderr
    assert "1 failed, 1 passed" in out, out[-3000:]
    assert "« Poursuivre » not found as a button or link" in out, out[-3000:]
