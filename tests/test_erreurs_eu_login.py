"""Binds features/erreurs_eu_login.feature: bad input and failures on EU Login (stage 1, sign-in for RCAM)."""

from pytest_bdd import scenarios

scenarios("erreurs_eu_login.feature")
