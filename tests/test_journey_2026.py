"""Binds features/journey_2026.feature: the dress rehearsal of the 2026 guide (make rehearse SCREENS=2026)."""

from pytest_bdd import scenarios

scenarios("journey_2026.feature")
