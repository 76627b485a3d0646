"""The project's structure, checked: dependencies point one way, no import cycles, and no
module grows past what a reader can hold.

Layers, lowest first (an app may import only from layers below its own):

    core ← registry ← licensing ← inspections ← public_register
         ← office, portal, public_site, api, accounts ← demo ← config

Imports are read from the source, wherever they are written: a deferred import inside a
function counts as much as one at the top of a module.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {
    "core": 0,
    "registry": 1,
    "licensing": 2,
    "inspections": 3,
    "public_register": 4,
    "office": 5,
    "portal": 5,
    "accounts": 5,
    "public_site": 5,
    "api": 5,
    "demo": 6,
    "config": 7,
}
MAX_LINES = 600


def project_modules() -> dict[str, Path]:
    """Every module of the apps, by dotted name (packages by their own name), outside
    migrations and tests."""
    modules = {}
    for package in LAYERS:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts:
                continue
            parts = list(relative.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def imported_modules(path: Path, name: str, modules: dict[str, Path]) -> set[str]:
    """The project modules `path` imports, anywhere in it."""
    found = set()
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join([*base, node.module] if node.module else base)
            else:
                prefix = node.module or ""
            # `from a.b import c` imports module a.b.c when c is a module, else a name of a.b.
            targets = [
                f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in modules else prefix
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imported_modules(path, name, modules) for name, path in modules.items()}


def app_of(module: str) -> str:
    return module.split(".")[0]


def test_every_import_points_down_the_layers():
    wrong = []
    for module, targets in import_graph().items():
        for target in targets:
            source_app, target_app = app_of(module), app_of(target)
            if source_app != target_app and LAYERS[target_app] >= LAYERS[source_app]:
                wrong.append(f"{module} imports {target}")
    assert not wrong, "Imports against the layers:\n" + "\n".join(sorted(wrong))


def test_no_module_imports_itself_round_in_a_cycle():
    graph = import_graph()
    cycles = []
    state = {}  # module -> "visiting" | "done"

    def visit(module, path):
        state[module] = "visiting"
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "visiting":
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, "Import cycles:\n" + "\n".join(cycles)


# URL namespaces of the apps that face people: a lower app that reverses one of them depends
# on it by name, which an import check cannot see.
NAMESPACES = {"office": "office", "portal": "portal", "public_site": "public_site", "api": "api"}


def test_no_lower_app_links_to_a_page_of_a_higher_one_by_name():
    pattern = re.compile(r"""(?:reverse\(|\{% url )["']([a-z_]+):""")
    wrong = []
    for package, layer in LAYERS.items():
        for path in sorted((ROOT / package).rglob("*")):
            if path.suffix not in {".py", ".html", ".txt"} or "migrations" in path.parts:
                continue
            for namespace in pattern.findall(path.read_text()):
                owner = NAMESPACES.get(namespace)
                if owner and owner != package and LAYERS[owner] >= layer:
                    wrong.append(f"{path.relative_to(ROOT)} links to {namespace}:")
    assert not wrong, "Links against the layers:\n" + "\n".join(wrong)


@pytest.mark.parametrize("module", sorted(project_modules()))
def test_no_module_is_longer_than_a_reader_can_hold(module):
    lines = len(project_modules()[module].read_text().splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by topic"


def test_the_checker_sees_a_deferred_upward_import(tmp_path):
    """The checks above are only as good as the import reader: it must see imports hidden
    inside functions and relative imports."""
    modules = {"licensing.views": tmp_path, "office": tmp_path, "licensing": tmp_path}
    source = tmp_path / "views.py"
    source.write_text("def f():\n    from office import thing\n\nfrom . import x\n")
    assert imported_modules(source, "licensing.views", modules) == {"office", "licensing"}
