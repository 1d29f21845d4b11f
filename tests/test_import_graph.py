"""The house's rooms: ``mock_sites`` has no import circle, and the world store imports nothing of the sites.

The graph is read from the source (``ast``), every import counted wherever it sits, inside a function too: a
circle hidden in a function body is still a circle. ``from .. import rules`` is an edge to ``mock_sites.rules``,
not to the package.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = "mock_sites"
ROOT = Path(__file__).parents[1] / PACKAGE
STANDARD = set(sys.stdlib_module_names)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path = ROOT) -> dict[str, Path]:
    return {module_name(path): path for path in sorted(root.rglob("*.py"))}


def imports(path: Path, known: set[str]) -> set[str]:
    """Every module ``path`` imports: ``mock_sites`` modules by their full name, others by their top name."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name if alias.name.startswith(PACKAGE) else alias.name.split(".")[0]
                         for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if not source.startswith(PACKAGE):
                found.add(source.split(".")[0])
                continue
            for alias in node.names:  # from package import submodule: the submodule
                found.add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in known else source)
    found.discard(name)
    return found


def graph(root: Path = ROOT) -> dict[str, set[str]]:
    known = modules(root)
    return {name: imports(path, set(known)) for name, path in known.items()}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Each import circle among the package's own modules, as the path that closes it."""
    found: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if nxt not in edges:
                continue
            if state.get(nxt) == "open":
                found.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    return found


def test_the_graph_sees_the_package():
    edges = graph()
    assert {"mock_sites", "mock_sites.world", "mock_sites.eulogin", "mock_sites.rcam.service"} <= set(edges)
    assert "mock_sites.rules" in edges["mock_sites.world"]
    assert "mock_sites.eulogin.service" in edges["mock_sites.eulogin"]


def test_mock_sites_has_no_import_circle():
    assert circles(graph()) == []


def test_the_world_imports_only_rules_the_standard_library_and_faker():
    outside = {name for name in graph()["mock_sites.world"] if name not in STANDARD}
    assert outside <= {"mock_sites.rules", "faker"}, outside


@pytest.mark.parametrize("source, expected", [
    ({"a/__init__.py": "from .b import x\n", "a/b.py": "def f():\n    from . import c\n", "a/c.py": "import a\n"},
     [["a", "a.b", "a.c", "a"]]),
    ({"a/__init__.py": "", "a/b.py": "from . import c\n", "a/c.py": "import json\n"}, []),
], ids=["circle-through-a-function-body", "no-circle"])
def test_circles_are_found_even_inside_functions(tmp_path, monkeypatch, source, expected):
    for name, text in source.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", "a")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path / "a")
    assert circles(graph(tmp_path / "a")) == expected
