"""The package's layers, read from its import graph: the models know nothing of Sphinx, the
delivery side or the command line; the Sphinx extension knows nothing of the delivery side or
the command line. Imports inside functions and modules named in strings (loaded with
``importlib``) count too."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import tipcourse

PACKAGE = Path(tipcourse.__file__).parent

MODELS = ("tipcourse.quiz", "tipcourse.lessons", "tipcourse.data", "tipcourse.facts",
          "tipcourse.yamlio", "tipcourse.course", "tipcourse.errors", "tipcourse.sources")
SPHINX = ("tipcourse.sphinx",)
DOTTED = re.compile(r"tipcourse(\.[a-z_]+)+")
RULES = [
    (MODELS, ("tipcourse.sphinx", "tipcourse.publish", "tipcourse.cli")),
    (SPHINX, ("tipcourse.publish", "tipcourse.cli")),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """Every module the file imports, at the top or anywhere inside it."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and DOTTED.fullmatch(node.value):
            found.add(node.value)
    return found


GRAPH = {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


@pytest.mark.parametrize(("layer", "forbidden"), RULES, ids=["models", "sphinx"])
def test_layer_imports_nothing_above_it(layer: tuple[str, ...],
                                        forbidden: tuple[str, ...]) -> None:
    members = [m for m in GRAPH if within(m, layer)]
    assert len(members) >= len(layer) // 2, f"no modules found for {layer}"
    wrong = sorted(f"{m} imports {i}" for m in members for i in GRAPH[m] if within(i, forbidden))
    assert wrong == []


def test_the_graph_sees_imports_inside_functions() -> None:
    # tipcourse.sphinx.__init__ loads its parts by name; the lessons loader imports at the top.
    assert "tipcourse.sphinx.teacher" in GRAPH["tipcourse.sphinx"]
    assert "tipcourse.yamlio" in GRAPH["tipcourse.lessons.loader"]
    assert "tipcourse.publish.build" in GRAPH["tipcourse.cli.build"]
