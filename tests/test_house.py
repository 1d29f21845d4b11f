"""The project stands on its own: no file of it names the workshop folder that sits beside it.

What a user needs to know about the real sites is in ``docs/real-sites.md``, with its public sources.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parents[1]
SKIPPED = {".git", ".venv", "reports", "test-results", ".hypothesis", ".ruff_cache", ".pytest_cache"}
WORKSHOP = "../" + "shared"  # spelt in two parts so that this file does not name it


def project_files(root: Path = ROOT):
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if path.is_file() and not SKIPPED.intersection(parts) and not any(p.endswith(".egg-info") for p in parts):
            yield path


def test_no_file_of_the_project_names_the_shared_folder():
    naming = [str(path.relative_to(ROOT)) for path in project_files()
              if path.suffix not in (".png", ".jpg", ".pyc") and WORKSHOP in path.read_text(encoding="utf-8",
                                                                                              errors="ignore")]
    assert naming == []


def test_the_real_sites_page_gives_its_sources():
    page = (ROOT / "docs" / "real-sites.md").read_text(encoding="utf-8")
    assert "https://aiace-europa.eu/tools/eu-login-app" in page and "EU Login after 1 July 2025" in page
    assert "docs/real-sites.md" in (ROOT / "README.md").read_text(encoding="utf-8")
