"""The layers, lowest first: text < screening < catalogue < budget, documents < rules < report <
storage, council < shell.

A module imports only from its own layer or the ones below it, and no modules import each other
in a circle (not even inside one layer). `LAYERS` maps every module of the project to its layer;
a module the map does not know fails the test, so a new package is placed on purpose.

What each layer is: **text** the app's own texts, formatting and clock (i18n, format, plain(), Swedish "today", where the
data folder is); **screening** the one model users fill in, its file format and progress;
**catalogue** the cited data the app judges with, loaded and validated (sources and citing them,
questions, rules and their conditions, frameworks, parameters, themes, the legal test's steps,
the agreement outlines, the word check's terms and allowed words); **budget** and
**documents** the two fact areas with arithmetic and files of their own; **rules** the judgement
(assessment, checks, wording, legal test, rulebook); **report** what the app shows and prints;
**storage** drafts and the case register in a database; **council** the council's side (officers,
sign-in, process steps, the case log, follow-up); **shell** what draws and serves (iop_shell/, pages/, app.py,
serve.py, the command line `python -m iop_core` and the public surface `iop_core/__init__.py`).

The map and the graph reader live here, in tests/support, for the test that keeps the figures at
zero (tests/core/test_layers.py) and for `python3 scripts/import_graph.py`, which prints the same
figures (circles, imports against the order, largest modules) for a checkout.
"""

from __future__ import annotations

import ast
from pathlib import Path

ORDER = ("text", "screening", "catalogue", ("budget", "documents"), "rules", "report", ("storage", "council"),
         "shell")
"""The layers, lowest first; a tuple is one step of layers beside each other (they may import each
other's modules, but not in a circle)."""

LAYERS: dict[str, str] = {
    "iop_core.i18n.*": "text",
    "iop_core.text": "text",
    "iop_core.format": "text",
    "iop_core.clock": "text",
    "iop_core.data_folder": "text",
    "iop_core.screening.*": "screening",
    "iop_core.rules.errors": "catalogue",
    "iop_core.rules.catalogue": "catalogue",
    "iop_core.rules.parameters": "catalogue",
    "iop_core.rules.themes": "catalogue",
    "iop_core.rules.allowed_words": "catalogue",
    "iop_core.rules.citations": "catalogue",
    "iop_core.rules.conditions": "catalogue",
    "iop_core.rules.outlines": "catalogue",
    "iop_core.rules.steps": "catalogue",
    "iop_core.rules.wording": "catalogue",
    "iop_core.budget.*": "budget",
    "iop_core.documents.*": "documents",
    "iop_core.rules.*": "rules",
    "iop_core.report.*": "report",
    "iop_core.storage.*": "storage",
    "iop_core.council.*": "council",
    "iop_core": "shell",
    "iop_core.__main__": "shell",
    "iop_shell.*": "shell",
    "pages.*": "shell",
    "app": "shell",
    "serve": "shell",
}
"""Module -> layer. `pkg.*` is a package with everything in it; a module's own entry wins over its
package's, a nearer package's over a farther one's."""


def rank(layer: str, order=ORDER) -> int:
    """A layer's step in `order` (layers beside each other share a step)."""
    for step, entry in enumerate(order):
        if layer == entry or (isinstance(entry, tuple) and layer in entry):
            return step
    raise KeyError(f"layer {layer!r} is not in the order {order}")


def layer_of(module: str, layers: dict[str, str] = LAYERS) -> str | None:
    """The layer of a module: its own entry or its nearest package's; None if the map has neither."""
    if module in layers:
        return layers[module]
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        package = ".".join(parts[:n]) + ".*"
        if package in layers:
            return layers[package]
    return None


def project_modules(root: Path) -> dict[str, Path]:
    """Every Python module of the project by dotted name: iop_core/ (migrations included), pages/,
    app.py and serve.py. A package's __init__.py is the package's own name."""
    files = [*(root / "iop_core").rglob("*.py"), *(root / "pages").glob("*.py")]
    files += [root / name for name in ("app.py", "serve.py") if (root / name).exists()]
    modules = {}
    for path in sorted(files):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute module an ImportFrom names (relative imports resolved against `module`)."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """The project modules `module` imports, wherever in the file (inside functions too: a late
    import is still a dependency). `from pkg import name` counts as importing pkg.name when that
    is a module, else pkg; `import a.b.c` as a.b.c."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, path, node)
            subs = {f"{target}.{alias.name}" for alias in node.names} & known
            found.update(subs or {target})
    return {name for name in found if name in known and name != module}


def import_graph(root: Path) -> dict[str, set[str]]:
    """module -> the project modules it imports."""
    modules = project_modules(root)
    return {name: imports_of(name, path, set(modules)) for name, path in modules.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted: every group
    is a circle of imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def against_order(graph: dict[str, set[str]], layers: dict[str, str] = LAYERS, order=ORDER) -> list[str]:
    """Every import from a lower layer up to a higher one, as "a (layer) -> b (layer)"."""
    found = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            low, high = layer_of(module, layers), layer_of(target, layers)
            if low and high and rank(low, order) < rank(high, order):
                found.append(f"{module} ({low}) -> {target} ({high})")
    return found


def unplaced(graph: dict[str, set[str]], layers: dict[str, str] = LAYERS) -> list[str]:
    """Modules the layer map does not know."""
    return sorted(module for module in graph if layer_of(module, layers) is None)


def largest(root: Path, n: int = 5) -> list[tuple[str, int]]:
    """The n longest modules (lines), longest first."""
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in project_modules(root).items()}
    return sorted(sizes.items(), key=lambda item: (-item[1], item[0]))[:n]
