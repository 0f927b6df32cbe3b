"""Where the data files are read from, and which frameworks they hold.

The data folder is `iop_core/data/`, or the folder named by the environment variable
`IOP_CATALOGUE_DIR` (e.g. a deployment's own copy with its municipality's framework). It is read
once, when iop_core is first imported; the loaders cache what they read, so a changed folder
needs a restart. A framework is one file, `frameworks/<id>.toml`: the ids found there are the
closed set a screening's `framework` must be one of (iop_core.screening.model.FrameworkId), and
iop_core.rules.catalogue.frameworks() loads exactly those files. Nothing here parses a data file.
"""

from __future__ import annotations

import os
from pathlib import Path

ENVIRONMENT = "IOP_CATALOGUE_DIR"
SHIPPED = Path(__file__).resolve().parent / "data"
"""The data folder that comes with the app."""
DATA: Path = Path(os.environ.get(ENVIRONMENT) or SHIPPED).expanduser().resolve()
"""The data folder in use (read once, at start)."""

NATIONAL = "skr"
"""The national baseline framework (SKR): the default, the comparison's reference, and the outline
and process a framework without its own follows."""


def framework_ids(folder: Path = DATA) -> tuple[str, ...]:
    """The ids of the frameworks in `folder` (the names of frameworks/*.toml), sorted by name.
    The display order is each file's `order`, known once the catalogue has loaded them."""
    ids = tuple(sorted(p.stem for p in (folder / "frameworks").glob("*.toml")))
    if NATIONAL not in ids:
        raise FileNotFoundError(
            f"{folder / 'frameworks'}: no {NATIONAL}.toml; the national framework is the baseline every other "
            f"one is compared with (check {ENVIRONMENT})"
        )
    return ids
