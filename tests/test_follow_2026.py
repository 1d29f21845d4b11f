"""The 2026 guide (EU Login since 1 July 2025, the EU Login Mobile App with its PIN) is followed in its own words.

Two ``rehearse check`` runs for the whole module, side by side in subprocesses (each starts its own mock sites and
Chromium): on the 2026 screens, the 2026 guide and its trip-ups (``tests/guides/follow_2026``) in one rehearsal;
on the 2020 screens, the 2026 guide alone, which must fail there (no « Application mobile EU Login : code PIN »,
no app on the phone).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rehearse.guide import bundled_guide, instruction_sort_key
from tests.guides.follow_2026.expected import CHANGED_2026, TRIP_UPS_2026, follow_2026_paths

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
GUIDE_2026 = bundled_guide("2026").path
FAILING = ("mismatch", "stuck")
RUN_TIMEOUT = 900  # seconds: a generous bound (each run takes about a minute)


@pytest.fixture(scope="module")
def runs_2026(tmp_path_factory) -> dict[str, dict]:
    base = tmp_path_factory.mktemp("check-2026")
    started = {}
    for screens, paths in (("2026", [GUIDE_2026, *follow_2026_paths()]), ("2020", [GUIDE_2026])):
        out = (base / f"{screens}.json").open("w", encoding="utf-8")
        command = [sys.executable, "-m", "rehearse.cli", "check", "--screens", screens, "--json",
                   "--report-dir", str(base / screens), *map(str, paths)]
        started[screens] = (subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.PIPE, text=True), out)
    runs = {}
    for screens, (process, out) in started.items():
        _, err = process.communicate(timeout=RUN_TIMEOUT)
        out.close()
        document = json.loads((base / f"{screens}.json").read_text(encoding="utf-8"))
        runs[screens] = {"code": process.returncode, "err": err,
                         "guides": {Path(entry["path"]).name: entry for entry in document["guides"]}}
    return runs


def _findings(entry: dict, *verdicts: str) -> list[dict]:
    return [f for f in entry["findings"] if f["verdict"] in verdicts]


def test_the_2026_guide_holds_on_the_2026_screens(runs_2026):
    entry = runs_2026["2026"]["guides"][GUIDE_2026.name]
    assert entry["ok"], [(f["instruction"], f["detail"]) for f in _findings(entry, *FAILING)]
    assert not _findings(entry, *FAILING)
    steps = {(f["instruction"], f["kind"]): f for f in entry["findings"] if f["verdict"] == "ok"}
    # every gesture of the app was done, and what the guide says one sees there was seen
    for id in ("1.7", "1.8", "1.14", "1.15", "2.22", "2.23", "3.5", "3.6"):
        assert (id, "step") in steps, id
    assert "scanned the computer's QR code" in " ".join(f["detail"] for f in entry["findings"] if f["instruction"]
                                                          == "1.14")
    assert "Demande de connexion" in steps[("2.22", "app")]["detail"]
    assert "went on by itself" in steps[("2.23", "goes_on")]["detail"]
    assert "went on by itself" in steps[("3.6", "goes_on")]["detail"]
    assert steps[("1.16", "channel")]["detail"].startswith("came: email, screen")
    assert steps[("3.8", "next_sign_in")]
    # its quoted labels are checked on the screens its own follow saw (the seed guide's have none of the app's)
    labels = [(f["instruction"], f["claim"], f["verdict"]) for f in entry["findings"] if f["kind"] == "label"]
    for id, label in (("1.10", "Gérer mes appareils mobiles"), ("1.11", "Ajouter un appareil mobile"),
                      ("1.13", "Votre code PIN à 4 chiffres"), ("1.14", "Scanner le code QR"), ("2.23", "Code PIN")):
        assert [verdict for i, claim, verdict in labels if i == id and label in claim] == ["ok"], (id, label, labels)
    assert sum(f["verdict"] == "unchecked" for f in entry["findings"]) <= 5
    # installing the app is no step of these screens: a note, not a finding that fails
    assert all(f["verdict"] == "unchecked" for f in entry["findings"] if f["instruction"] == "1.6")


@pytest.mark.parametrize("name", list(TRIP_UPS_2026))
def test_each_2026_trip_up_is_caught_at_its_instruction(runs_2026, name):
    verdict, instruction, words = TRIP_UPS_2026[name]
    entry = runs_2026["2026"]["guides"][name]
    assert not entry["ok"]
    mine = [f for f in entry["findings"] if f["instruction"] == instruction and f["verdict"] == verdict]
    assert any(all(word.casefold() in f["detail"].casefold() for word in words) for f in mine), (
        name, [(f["instruction"], f["verdict"], f["detail"]) for f in _findings(entry, *FAILING)])
    # nothing before the trip-up's instruction fails: the check blames the change, not the guide
    ids = [i["instruction"] for i in entry["findings"]]
    before = ids[: ids.index(instruction)]
    assert not [f for f in _findings(entry, *FAILING) if f["instruction"] in before], name


def test_the_2026_run_fails_because_of_the_trip_ups_only(runs_2026):
    run = runs_2026["2026"]
    assert run["code"] == 1, run["err"][-2000:]
    assert {name for name, entry in run["guides"].items() if not entry["ok"]} == set(TRIP_UPS_2026)


def test_the_trip_ups_share_the_2026_guides_follow_up_to_their_change(runs_2026):
    """Each trip-up forks from the 2026 guide's follow (it shares more with it than with the seed's) at the
    instruction it changes, and recovers with it after: it follows only that instruction, or the few it changes."""
    lines = runs_2026["2026"]["err"].splitlines()
    for name, (_, id, _) in TRIP_UPS_2026.items():
        at = next(i for i, line in enumerate(lines) if "following" in line and name in line)
        own = next(line for line in lines[at + 1:] if "of its own" in line)
        first = min(CHANGED_2026.get(name, {id}), key=instruction_sort_key)
        assert f"of its own ({first}" in own, (name, own)
        assert f"the rest as {GUIDE_2026}'s" in own, (name, own)  # not the bundled (seed) guide's


def test_the_2026_guide_fails_on_the_2020_screens(runs_2026):
    run = runs_2026["2020"]
    assert run["code"] == 1, run["err"][-2000:]
    entry = run["guides"][GUIDE_2026.name]
    assert not entry["ok"]
    stuck = {f["instruction"]: f["detail"] for f in _findings(entry, "stuck")}
    assert "EU Login app" in stuck["1.7"]  # the phone of the 2020 screens has no app
    assert "Application mobile EU Login : code PIN" in stuck["2.21"]  # not a method of the 2020 screens
