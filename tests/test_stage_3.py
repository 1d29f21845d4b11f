"""Binds features/stage_3.feature."""

from pytest_bdd import scenarios

scenarios("stage_3.feature")
