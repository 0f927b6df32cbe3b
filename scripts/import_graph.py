"""Figures of the import graph: circles, imports against the layer order, largest modules.

Usage: python3 scripts/import_graph.py [CHECKOUT] [--alias OLD=NEW ...]

CHECKOUT defaults to this one. The layers and the graph reader are tests/support/layers.py's
(tests/core/test_layers.py keeps the figures at zero); --alias maps an old module prefix onto a layer-map
name, to measure a checkout from before a rename (e.g. iop_core.register=iop_core.council).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _layers():
    """tests/support/layers.py, the one home of the layer map and the graph reader."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.support import layers

    return layers


def packages(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The graph between packages (iop_core.<package>, iop_shell, pages; a top-level module is its own)."""
    def package(module: str) -> str:
        return ".".join(module.split(".")[:2]) if module.startswith("iop_core.") else module.split(".")[0]

    out: dict[str, set[str]] = {}
    for module, targets in graph.items():
        out.setdefault(package(module), set()).update(package(t) for t in targets if package(t) != package(module))
    return out


def figures(root: Path, aliases: dict[str, str]) -> str:
    lt = _layers()
    layers = dict(lt.LAYERS)
    for old, new in aliases.items():
        layers.update({key.replace(new, old, 1): value for key, value in lt.LAYERS.items() if key.startswith(new)})
    graph = lt.import_graph(root)
    edges = sum(len(targets) for targets in graph.values())
    lines = [f"{len(graph)} modules, {edges} imports between them"]
    found = lt.circles(graph)
    lines.append(f"circles: {len(found)}")
    lines += [f"  {' <-> '.join(group)}" for group in found]
    between = lt.circles(packages(graph))
    lines.append(f"circles between packages (for information: the test checks modules): {len(between)}")
    lines += [f"  {' <-> '.join(group)}" for group in between]
    against = lt.against_order(graph, layers)
    lines.append(f"imports against the order: {len(against)}")
    lines += [f"  {edge}" for edge in against]
    lost = lt.unplaced(graph, layers)
    if lost:
        lines.append(f"modules without a layer: {', '.join(lost)}")
    lines.append("largest modules: " + ", ".join(f"{name} {n}" for name, n in lt.largest(root)))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=ROOT)
    parser.add_argument("--alias", action="append", default=[], metavar="OLD=NEW")
    args = parser.parse_args()
    print(figures(args.root, dict(alias.split("=", 1) for alias in args.alias)))


if __name__ == "__main__":
    main()
