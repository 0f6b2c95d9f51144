"""The house's layering (docs/layout.md), read from the imports with ``ast``.

knowledge/ is the core both servers import: it imports no other package of
the project and nothing of Rasa. Only actions/ imports actions/. No module
of the project imports itself back through others (a cycle).
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, List, Set

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("actions", "bench", "channels", "components", "deploy", "knowledge", "privacy", "report", "scripts",
            "stores")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> Dict[str, Path]:
    return {module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}


def imports_of(path: Path) -> List[str]:
    """Every module a file imports, at the top or inside a function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            # "from knowledge import names" imports the module knowledge.names
            found += [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
    return found


MODULES = project_modules()


def project_imports(path: Path) -> Set[str]:
    return {name for name in imports_of(path) if name in MODULES}


def test_the_layout_is_read():
    assert "knowledge.settings" in MODULES and "actions.aftercare_actions" in MODULES
    assert "knowledge.names" in project_imports(MODULES["actions.aftercare_actions"])


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.split(".")[0] == "knowledge"))
def test_the_core_imports_no_other_package_and_nothing_of_rasa(module):
    outside = [name for name in imports_of(MODULES[module])
               if name.split(".")[0] in PACKAGES + ("rasa", "rasa_sdk", "sanic", "tensorflow") and
               name.split(".")[0] != "knowledge"]
    assert outside == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.split(".")[0] != "actions"))
def test_only_actions_imports_actions(module):
    assert [name for name in imports_of(MODULES[module]) if name.split(".")[0] == "actions"] == []


def test_no_import_cycle():
    graph = {name: project_imports(path) - {name} for name, path in MODULES.items()}
    # a package's __init__ is imported with its modules: not an edge of its own
    graph = {name: {t for t in targets if not name.startswith(t + ".")} for name, targets in graph.items()}
    state: Dict[str, int] = {}
    cycles: List[List[str]] = []

    def visit(node: str, trail: List[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target):] + [target] if target in trail else [node, target])
            elif target not in state:
                visit(target, trail + [target])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_a_wrong_way_import_is_seen(tmp_path):
    """The check itself: a core module that imports an action is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("from actions.clinic_actions import clinic_contact\nimport rasa_sdk\n", encoding="utf-8")
    assert {"actions.clinic_actions", "rasa_sdk"} <= set(imports_of(bad))
