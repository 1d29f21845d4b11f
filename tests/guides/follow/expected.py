"""What a checker that *follows* a guide revision in the browser must find, as data any test can import.

The follower reads a revision and does only what its words say, on the mock EU Login and RCAM screens. It gives
every instruction findings, each with a verdict:

``ok``         the instruction could be done and what it states is what the screens show.
``mismatch``   a fact the instruction states (a position, a colour, a channel, a language, an example value,
               what is possible) is contradicted by the screens.
``stuck``      the reader cannot do what the text says: no control of that name, a field refused the value, no
               SMS came, the screen reached is not the one described.
``gap``        the screen demanded something the text does not mention and a sensible person resolves it (fills
               a required field from their own data, ticks a required box, takes the screen's single way back
               or forward).
``unchecked``  the follower could not check it (e.g. nothing on the screens to compare with).
``note``       anything worth saying that is not a verdict.

Every revision of this folder is the bundled guide (``guides/acces-rcam-eu-login.txt``; for
``markdown_headings.md``, ``tests/guides/bundled.md``) with ONE change, and keeps the instruction ids of the
bundled guide ("<stage>.<number as printed>": 1.1–1.12, 2.13–2.18, 3.1–3.4), so the expected id is unambiguous.
The only exception is ``instruction_removed.txt``: instruction 8 of stage 1 is gone *without* renumbering, so
1.6 is missing and 7 follows 5.

``TRIP_UPS``  revisions that change one thing a reader trips on, without renaming any quoted label (except
              ``method_wrong.txt``, which picks another real option of the list: the method is what changes).
              Each maps to ``(verdict, instruction id, words)``: the follower must give that instruction at least
              one finding with that verdict whose detail contains every one of ``words`` (compared
              case-insensitively). The words are modest: what the follower would say it looked for, taken
              from the revision's own text. Other instructions may get findings too (a follower that is stuck
              cannot go on, so later instructions are typically ``unchecked``).

              ``field_wrong.txt``           1.1 asks for the mobile number instead of the e-mail address in the
                                            box: EU Login's first screen has no phone field.
              ``position_wrong.txt``        1.5 puts the gear at the bottom left; it is at the top right.
              ``colour_wrong.txt``          1.3 puts « Soumettre » in a green zone; the zone is blue.
              ``channel_wrong.txt``         1.10 promises the confirmation by SMS; it comes by e-mail.
              ``method_wrong.txt``          2.15 chooses “Mot de passe” in the method list: then there is no
                                            phone field to fill and RCAM refuses that strength.
              ``email_language_wrong.txt``  1.3 says the e-mail comes in FR; it comes in EN.
              ``instruction_removed.txt``   1.8 (type the number + « Ajouter ») removed: at 1.9 no SMS comes.
                                            (Removing 1.6 is no trip-up: My Account has one way on, a gap.)
              ``instructions_swapped.txt``  the texts of 1.5 and 1.6 exchanged (numbers kept): at 1.5 the screen
                                            after « Continuer » has no « Gérer mes numéros de téléphone portable ».
              ``impossible_claimed.txt``    1.11 says adding another number is not possible; it is.
              ``example_invalid.txt``       1.8 gives 0032, 0033 … as examples; EU Login wants +32, +33 ….

``HARMLESS``  rewrites that change no label and no fact: the follower must give no ``mismatch`` and no
              ``stuck`` anywhere (``gap``, ``note`` and ``unchecked`` are allowed).

              ``cliquez_sur.txt``        every "Clic sur" / "clic sur" / "Clic ensuite sur" → "Cliquez …".
              ``markdown_headings.md``   the guide in Markdown, unlike ``bundled.md``: ``###`` stage headings,
                                         ``*`` bullets, the NB as a blockquote with its own line, Markdown links.
              ``privacy_ticked.txt``     1.2 also says to tick the privacy statement box (a true extra step).
              ``tip_added.txt``          1.9 ends with "Astuce : gardez votre téléphone à portée de main."
              ``prose_reworded.txt``     1.1, 1.2, 1.4, 1.9, 1.12, 2.13, 2.14 reworded in prose.
              ``quotes_unified.txt``     every quoted label in « … » with one plain space inside each guillemet.

Usage::

    from tests.guides.follow.expected import FOLLOW, HARMLESS, TRIP_UPS

    for name, (verdict, id, words) in TRIP_UPS.items():
        findings = follow(FOLLOW / name)
        ...
"""

from __future__ import annotations

from pathlib import Path

FOLLOW = Path(__file__).resolve().parent

# file -> (verdict, instruction id, words the finding's detail must contain)
TRIP_UPS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "field_wrong.txt": ("stuck", "1.1", ("téléphone",)),
    "position_wrong.txt": ("mismatch", "1.5", ("en bas",)),
    "colour_wrong.txt": ("mismatch", "1.3", ("verte",)),
    "channel_wrong.txt": ("mismatch", "1.10", ("sms",)),
    "method_wrong.txt": ("stuck", "2.15", ("Mot de passe",)),
    "email_language_wrong.txt": ("mismatch", "1.3", ("fr",)),
    "instruction_removed.txt": ("stuck", "1.9", ("sms",)),
    "instructions_swapped.txt": ("stuck", "1.5", ("Gérer mes numéros",)),
    "impossible_claimed.txt": ("mismatch", "1.11", ("possible",)),
    "example_invalid.txt": ("mismatch", "1.8", ("0032",)),
}

HARMLESS: tuple[str, ...] = (
    "cliquez_sur.txt",
    "markdown_headings.md",
    "privacy_ticked.txt",
    "tip_added.txt",
    "prose_reworded.txt",
    "quotes_unified.txt",
)


def follow_paths() -> list[Path]:
    """Every revision of this folder, trip-ups first, in table order."""
    return [FOLLOW / name for name in (*TRIP_UPS, *HARMLESS)]
