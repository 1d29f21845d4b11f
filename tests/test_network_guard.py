"""The network guard: a page that asks for a host the mocks do not serve fails its scenario, naming the host.

A tiny feature runs in a child pytest (inside the project, so that the harness's conftest applies): one
scenario whose page fetches ``https://evil.example/``, one whose page loads an image from ``example.com``,
and a control scenario that asks for nothing outside.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
FEATURE = """# language: fr
Fonctionnalité: garde du réseau

  Scénario: une page qui appelle un hôte extérieur
    Étant donné un pensionné connecté à EU Login
    Quand sa page appelle https://evil.example/collect

  Scénario: une page qui charge une image d'un hôte extérieur
    Étant donné un pensionné connecté à EU Login
    Quand sa page charge l'image https://example.com/x.png

  Scénario: une page qui ne demande rien au dehors
    Étant donné un pensionné connecté à EU Login
    Alors il est connecté à EU Login
"""
BINDING = '''from pytest_bdd import parsers, scenarios, when

scenarios("guard.feature")


@when(parsers.parse("sa page appelle {url}"))
def fetch(pensioner, url):
    pensioner.page.evaluate("url => fetch(url).then(() => 'loaded', () => 'blocked')", url)


@when(parsers.parse("sa page charge l'image {url}"))
def image(pensioner, url):
    with pensioner.page.expect_event("requestfailed"):
        pensioner.page.evaluate("url => document.body.append(Object.assign(new Image(), {src: url}))", url)
'''


@pytest.mark.browser
def test_a_request_to_an_outside_host_fails_the_scenario_and_names_the_host():
    (ROOT / "reports").mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="network-guard-", dir=ROOT / "reports"))
    try:
        (folder / "guard.feature").write_text(FEATURE, encoding="utf-8")
        (folder / "test_guard.py").write_text(BINDING, encoding="utf-8")
        run = subprocess.run(
            [sys.executable, "-m", "pytest", str(folder / "test_guard.py"), "-q", "-p", "no:randomly",
             "-o", f"bdd_features_base_dir={folder}", "--report-dir", str(folder / "reports"),
             "--step-screenshots=none"],
            cwd=ROOT, capture_output=True, text=True, timeout=300,
        )
        out = run.stdout + run.stderr
        assert run.returncode != 0, out[-3000:]
        assert "3 passed, 2 errors" in out, out[-3000:]  # the steps pass; the guard fails them at teardown
        assert "the browser asked for hosts the mocks do not serve" in out
        assert "evil.example (https://evil.example/collect)" in out, out[-3000:]
        assert "example.com (https://example.com/x.png)" in out, out[-3000:]
        outcomes = {s["name"]: s["outcome"] for s in json.loads(
            (folder / "reports" / "scenarios.json").read_text(encoding="utf-8"))["scenarios"]}
        assert outcomes == {"une page qui appelle un hôte extérieur": "failed",
                            "une page qui charge une image d'un hôte extérieur": "failed",
                            "une page qui ne demande rien au dehors": "passed"}, outcomes
    finally:
        shutil.rmtree(folder, ignore_errors=True)
