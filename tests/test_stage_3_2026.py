"""Binds features/stage_3_2026.feature: the 2026 guide's 3ème étape, instructions 3.1–3.8, on the 2026 screens."""

from pytest_bdd import scenarios

scenarios("stage_3_2026.feature")
