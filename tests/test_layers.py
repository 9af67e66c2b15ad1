"""The layers keep to their places: nothing imports from ``logic/action`` but its blanket."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ckanext" / "lutsk_charter"
ACTION = PACKAGE / "logic" / "action"


def _imports(path: Path) -> list[str]:
    """Every module a file imports, relative imports resolved against its package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append(module)
            found += [f"{module}.{alias.name}" for alias in node.names]
    return found


def test_nothing_imports_from_logic_action_but_its_blanket():
    offenders = []
    for folder in ("ckanext", "tests", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == ACTION / "__init__.py":
                continue
            for module in _imports(path):
                if module.startswith("ckanext.lutsk_charter.logic.action."):
                    offenders.append(f"{path.relative_to(ROOT)}: {module}")
    assert not offenders, "\n".join(offenders)
    # and the blanket itself does import its modules (so the check above sees real imports)
    assert any(
        m.startswith("ckanext.lutsk_charter.logic.action.")
        for m in _imports(ACTION / "__init__.py")
    )


def test_the_private_common_module_of_the_actions_is_gone():
    assert not (ACTION / "_common.py").exists()
