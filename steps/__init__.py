"""Step definitions, grouped by the guide's vocabulary; imported once from the root conftest.py."""
