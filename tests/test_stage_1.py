"""Binds features/stage_1.feature: the guide's 1ère étape, instructions 1.1–1.12."""

from pytest_bdd import scenarios

scenarios("stage_1.feature")
