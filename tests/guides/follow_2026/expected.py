"""Trip-ups of the 2026 guide (``guides/acces-rcam-eu-login-2026.md``), as data any test can import.

Each revision here is the 2026 guide with ONE change an author could plausibly make, keeping its instruction ids;
``rehearse check --screens 2026`` must catch it at the expected instruction with the expected verdict (the same
contract as ``tests/guides/follow/expected.py``: the finding's detail contains every one of ``words``, compared
case-insensitively; later instructions may get findings too).

``method_wrong.md``   2.21 chooses « Mot de passe » instead of « Application mobile EU Login : code PIN »: RCAM
                      refuses a password alone on today's screens.
``pin_on_pc.md``      1.15 types the PIN « Sur votre PC » instead of on the smartphone: the computer's QR screen has
                      no « Code PIN ».
``scan_missing.md``   1.14 keeps « Un code QR s’affiche… » but drops « appuyez sur « Scanner le code QR » … »: the
                      phone never read the code, so at 1.15 the app asks for no PIN (nor does the computer).
``label_wrong.md``    1.11 says « Ajouter un appareil » where the screen says « Ajouter un appareil mobile ».
"""

from __future__ import annotations

from pathlib import Path

FOLLOW_2026 = Path(__file__).resolve().parent

# file -> (verdict, instruction id, words the finding's detail must contain)
TRIP_UPS_2026: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "method_wrong.md": ("stuck", "2.21", ("Mot de passe",)),
    "pin_on_pc.md": ("stuck", "1.15", ("Code PIN",)),
    "scan_missing.md": ("stuck", "1.15", ("Code PIN",)),
    "label_wrong.md": ("stuck", "1.11", ("Ajouter un appareil",)),
}

# The instruction each trip-up edits, when it is not the instruction the check must flag.
CHANGED_2026: dict[str, set[str]] = {
    "scan_missing.md": {"1.14"},  # the scan is gone; the reader trips at 1.15 (no PIN asked anywhere)
}


def follow_2026_paths() -> list[Path]:
    return [FOLLOW_2026 / name for name in TRIP_UPS_2026]
