"""The verdict every guide revision of this folder must get from ``rehearse check``, as data any test can import.

Each revision is the bundled guide (``guides/acces-rcam-eu-login.txt``, or ``tests/guides/bundled.md`` for
``markdown.md``) with one kind of change. The same table serves the unit tests (a rehearsal recorded from a
real follow, ``recorded.py``) and the end-to-end tests (the real browser rehearsal)::

    from tests.guides.revisions.expected import EXPECTED, REVISIONS

    for name, expected in EXPECTED.items():
        result = check_guide(REVISIONS / name, rehearsal)
        ...

Keys of an entry:

``ok``           the guide passes (no mismatch); absent for an unusable guide.
``mismatch_in``  ids (in the revision) of the instructions with a mismatch; exactly these.
``details``      id -> strings that the detail of one of that instruction's mismatches contains.
``unmapped``     ids of the revision's instructions that have no counterpart in the bundled guide (all their
                 findings are unchecked and say so).
``mapped``       some revision id -> bundled id the checker must map it to.
``removed``      bundled ids that the revision no longer has.
``error``        True: the guide is unusable (``GuideResult.error`` is set, exit code 2).
"""

from __future__ import annotations

from pathlib import Path

REVISIONS = Path(__file__).resolve().parent

EXPECTED: dict[str, dict] = {
    # --- revisions that must fail, each at exactly one instruction
    "label_changed.txt": {  # 1.1: ”Suivant” → ”Poursuivre”
        "ok": False,
        "mismatch_in": {"1.1"},
        "details": {"1.1": ["« Poursuivre »", "did you mean « Suivant »"]},
    },
    "label_moved.txt": {  # 1.4: « Continuer » → « Connexion », a button of stage 2's sign-in screens
        "ok": False,
        "mismatch_in": {"1.4"},
        "details": {"1.4": ["« Connexion » is on", "2.15", "not on this instruction's screens"]},
    },
    "url_changed.txt": {  # 1.1: https://webgate.ec.europa.eu/cas → …/eulogin
        "ok": False,
        "mismatch_in": {"1.1"},
        "details": {"1.1": ["https://webgate.ec.europa.eu/eulogin"]},
    },
    "code_format_changed.txt": {  # 1.9: 2 x 4 → 2 x 5
        "ok": False,
        "mismatch_in": {"1.9"},
        "details": {"1.9": ["2 x 5", "2 x 4"]},
    },
    "password_rule_changed.txt": {  # 1.3: au moins 10 → au moins 8 caractères
        "ok": False,
        "mismatch_in": {"1.3"},
        "details": {"1.3": ["min_length 8", "min_length 10"]},
    },
    "example_password_invalid.txt": {  # 1.3: Exemple: 23-11Ukraine → ukraine2311 (2 groups of 4)
        "ok": False,
        "mismatch_in": {"1.3"},
        "details": {"1.3": ["'ukraine2311' was refused"]},
    },
    # --- revisions that must still pass
    "inserted_instruction.txt": {  # a new 5. in stage 1; 5–18 renumbered 6–19
        "ok": True,
        "mismatch_in": set(),
        "unmapped": {"1.5"},
        "mapped": {"1.4": "1.4", "1.6": "1.5", "1.13": "1.12", "2.14": "2.13", "2.19": "2.18", "3.1": "3.1"},
    },
    "removed_instruction.txt": {  # 11. removed; 12–18 renumbered 11–17
        "ok": True,
        "mismatch_in": set(),
        "unmapped": set(),
        "removed": {"1.11"},
        "mapped": {"1.10": "1.10", "1.11": "1.12", "2.12": "2.13", "2.17": "2.18", "3.4": "3.4"},
    },
    "prose_reworded.txt": {"ok": True, "mismatch_in": set(), "unmapped": set()},
    "whitespace_reflowed.txt": {"ok": True, "mismatch_in": set(), "unmapped": set()},  # re-wrapped, NBSP in « »
    "quotes_changed.txt": {"ok": True, "mismatch_in": set(), "unmapped": set()},  # « » ↔ “ ” ↔ " ", case, '
    "markdown.md": {"ok": True, "mismatch_in": set(), "unmapped": set()},  # links, emphasis, code spans
    # --- unusable
    "no_stages.txt": {"error": True},
}


def revision_paths() -> list[Path]:
    """Every revision of the table, in table order."""
    return [REVISIONS / name for name in EXPECTED]
