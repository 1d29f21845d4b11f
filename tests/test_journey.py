"""Binds features/journey.feature: the dress rehearsal of the whole guide (make rehearse)."""

from pytest_bdd import scenarios

scenarios("journey.feature")
