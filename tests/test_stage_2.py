"""Binds features/stage_2.feature."""

from pytest_bdd import scenarios

scenarios("stage_2.feature")
