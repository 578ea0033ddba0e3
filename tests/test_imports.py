"""The modules of `generator` import one another without a cycle: the pipeline reads one way.

Every import counts, wherever it is written: at the top, inside a function, or under
`if TYPE_CHECKING:` (a cycle hidden there is still two modules that each need the other)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The modules of the package that the file at `path` imports, anywhere in it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name.split(".") for alias in node.names]
            found |= {parts[1] for parts in names if parts[0] == PACKAGE.name and len(parts) > 1}
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module and node.module.split(".")[0] == PACKAGE.name:
                parts = node.module.split(".")[1:]
            elif node.level == 1:
                parts = node.module.split(".") if node.module else []
            else:
                continue
            if parts:
                found.add(parts[0])
            else:  # `from . import a, b`: each name is a module of the package
                found |= {alias.name for alias in node.names}
    return (found & modules) - {path.stem}


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module of the package (by name) and the package's modules it imports."""
    modules = {p.stem for p in package.glob("*.py")}
    return {p.stem: imports_of(p, modules) for p in sorted(package.glob("*.py"))}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of imports (its modules in order, the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the path being walked; 2: done, no cycle through it
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state:
            cycle = visit(module)
            if cycle:
                return cycle
    return None


def test_generator_modules_import_one_another_without_a_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle among generator's modules: " + " -> ".join(cycle or [])


def test_a_cycle_is_found_however_it_is_imported(tmp_path: Path) -> None:
    package = tmp_path / PACKAGE.name
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from .b import thing\n")
    (package / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .c import other\n")
    (package / "c.py").write_text("def late():\n    from . import a\n")
    (package / "d.py").write_text(f"import {PACKAGE.name}.a\n")
    graph = import_graph(package)
    assert graph == {"__init__": set(), "a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    (package / "c.py").write_text("def late():\n    from . import __init__\n")
    assert find_cycle(import_graph(package)) is None
