"""Binds features/erreurs_rcam.feature: bad input and failures on RCAM (first access, final code)."""

from pytest_bdd import scenarios

scenarios("erreurs_rcam.feature")
