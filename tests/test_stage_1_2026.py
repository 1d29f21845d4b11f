"""Binds features/stage_1_2026.feature: the 2026 guide's 1ère étape, instructions 1.1–1.17, on the 2026 screens."""

from pytest_bdd import scenarios

scenarios("stage_1_2026.feature")
