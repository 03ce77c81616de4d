"""The library's imports, read from its source (ast): no import cycle among its modules or its packages,
no click and no command-line layer outside ``generator/cli/``."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

import generator

PACKAGE = Path(generator.__file__).resolve().parent


def read_imports(package: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """For every module of the package in the folder ``package``: the package's modules it imports, and
    the top-level names of the other modules it imports.

    Every import counts, at module level or inside a function, and so does ``import_module("...")``
    with a literal name; imports under ``if TYPE_CHECKING:`` never run and do not count. Importing
    ``a.b.c`` runs ``a`` and ``a.b`` first, so they count too, except a module's own packages, which
    Python has initialised (or is initialising) before the module itself.
    """
    paths = {}
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        paths[".".join(parts)] = path
    internal: dict[str, set[str]] = {}
    external: dict[str, set[str]] = {}
    for name, path in paths.items():
        is_package = path.name == "__init__.py"
        here = name.split(".") if is_package else name.split(".")[:-1]
        targets: set[str] = set()
        others: set[str] = set()

        def add(module: str) -> None:
            if module.split(".")[0] != package.name:
                others.add(module.split(".")[0])
                return
            parts = module.split(".")
            prefixes = (".".join(parts[:i]) for i in range(1, len(parts) + 1))
            targets.update(prefix for prefix in prefixes if prefix in paths)

        for node in _run_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    add(alias.name)
            elif isinstance(node, ast.ImportFrom):
                base = ".".join(here[:len(here) - node.level + 1] + ([node.module] if node.module else [])) \
                    if node.level else node.module or ""
                add(base)
                for alias in node.names:  # `from . import wording` imports the module wording
                    if f"{base}.{alias.name}" in paths:
                        add(f"{base}.{alias.name}")
            elif isinstance(node, ast.Call) and _is_import_module(node):
                add(node.args[0].value)
        ancestors = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)}
        internal[name] = targets - ancestors - {name}
        external[name] = others
    return internal, external


def _run_nodes(tree: ast.AST):
    """The nodes of ``tree`` that can run: everything but the body of ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
        else:
            stack.extend(ast.iter_child_nodes(node))


def _is_import_module(node: ast.Call) -> bool:
    func = node.func
    named = (isinstance(func, ast.Name) and func.id == "import_module") or (
        isinstance(func, ast.Attribute) and func.attr == "import_module")
    return named and bool(node.args) and isinstance(node.args[0], ast.Constant) and isinstance(
        node.args[0].value, str) and not node.args[0].value.startswith(".")


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph`` (module -> modules it imports) as a path, or ``None``."""
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as exc:
        return list(reversed(exc.args[1]))
    return None


def packages(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """``graph`` between the top-level parts of the package (``generator.agreement``, ``generator.store``)."""
    def top(module: str) -> str:
        return ".".join(module.split(".")[:2])

    out: dict[str, set[str]] = {}
    for module, targets in graph.items():
        out.setdefault(top(module), set()).update(top(t) for t in targets if top(t) != top(module))
    return out


INTERNAL, EXTERNAL = read_imports(PACKAGE)


def test_no_import_cycle_among_the_modules():
    found = cycle(INTERNAL)
    assert found is None, "import cycle: " + " -> ".join(found)


def test_no_import_cycle_among_the_packages():
    # agreement, monitoring and progress share the periods (generator.periods) and the store, the
    # monitoring and the database share the tables (generator.tables), rather than each other.
    found = cycle(packages(INTERNAL))
    assert found is None, "import cycle between packages: " + " -> ".join(found)


def test_the_library_imports_no_click_and_not_the_command_line():
    library = [name for name in INTERNAL if not name.startswith("generator.cli")]
    assert library and "generator.store" in library
    assert [name for name in library if "click" in EXTERNAL[name]] == []
    assert [name for name in library if any(t.startswith("generator.cli") for t in INTERNAL[name])] == []
    assert "click" in EXTERNAL["generator.cli"]  # the reader does see click where it is imported


def test_the_reader_sees_every_kind_of_import():
    assert {"generator.tables", "generator.database"} <= INTERNAL["generator.store"]
    assert {"generator.store", "generator.tables", "generator.monitoring.check"} <= INTERNAL[
        "generator.monitoring.db"]
    assert "generator.periods" in INTERNAL["generator.agreement.terms"]
    assert "generator.agreement" not in INTERNAL["generator.agreement.terms"]  # its own package
    assert "generator.ocds.check" in INTERNAL["generator.cli.award"]  # imported inside a function
    assert "jsonschema" in EXTERNAL["generator.ocds.check"]


@pytest.mark.parametrize("files, expected", [
    ({"a.py": "def f():\n    from . import b\n",
      "b.py": "import importlib\nimportlib.import_module('pkg.a')\n"},
     {"pkg.a", "pkg.b"}),
    ({"a.py": "from .sub.c import x\n", "sub/__init__.py": "from ..a import y\n", "sub/c.py": ""},
     {"pkg.a", "pkg.sub"}),
    ({"a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import b\n",
      "b.py": "from . import a\n"}, None),
    ({"__init__.py": "from .a import x\n", "a.py": "from . import b\n", "b.py": ""}, None),
])
def test_a_cycle_is_found_wherever_it_hides(tmp_path, files, expected):
    for name, text in {"__init__.py": "", **files}.items():
        (tmp_path / "pkg" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "pkg" / name).write_text(text, encoding="utf-8")
    internal, _ = read_imports(tmp_path / "pkg")
    found = cycle(internal)
    if expected is None:
        assert found is None, found
    else:
        assert found is not None and found[0] == found[-1] and set(found) == expected, found
