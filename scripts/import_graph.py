"""Figures of the import graph: circles, imports against the layer order, largest modules.

Usage: python3 scripts/import_graph.py [CHECKOUT] [--alias OLD=NEW ...]

CHECKOUT defaults to this one. The layers and the graph reader are tests/core/test_layers.py's
(the test that keeps the figures at zero); --alias maps an old module prefix onto a layer-map
name, to measure a checkout from before a rename (e.g. iop_core.register=iop_core.council).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.core.test_layers import LAYERS, against_order, circles, import_graph, largest, unplaced  # noqa: E402


def figures(root: Path, aliases: dict[str, str]) -> str:
    layers = dict(LAYERS)
    for old, new in aliases.items():
        layers.update({key.replace(new, old, 1): value for key, value in LAYERS.items() if key.startswith(new)})
    graph = import_graph(root)
    edges = sum(len(targets) for targets in graph.values())
    lines = [f"{len(graph)} modules, {edges} imports between them"]
    found = circles(graph)
    lines.append(f"circles: {len(found)}")
    lines += [f"  {' <-> '.join(group)}" for group in found]
    against = against_order(graph, layers)
    lines.append(f"imports against the order: {len(against)}")
    lines += [f"  {edge}" for edge in against]
    lost = unplaced(graph, layers)
    if lost:
        lines.append(f"modules without a layer: {', '.join(lost)}")
    lines.append("largest modules: " + ", ".join(f"{name} {n}" for name, n in largest(root)))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--alias", action="append", default=[], metavar="OLD=NEW")
    args = parser.parse_args()
    print(figures(args.root, dict(alias.split("=", 1) for alias in args.alias)))


if __name__ == "__main__":
    main()
