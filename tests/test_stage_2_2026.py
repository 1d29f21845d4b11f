"""Binds features/stage_2_2026.feature: the 2026 guide's 2ème étape, instructions 2.18–2.26, on the 2026 screens."""

from pytest_bdd import scenarios

scenarios("stage_2_2026.feature")
