"""Binds features/erreurs_application.feature: bad input and failures with the EU Login Mobile App (2026 guide)."""

from pytest_bdd import scenarios

scenarios("erreurs_application.feature")
