"""IOP screening core: models, the cited rules catalogue, assessment, budget, documents, PDF.

Pure Python: nothing here imports Streamlit. Start with `assess(Screening(...), "skr")`.
"""

from importlib import import_module

# The public names, each from the module that owns it. Imported on first use (PEP 562), never when
# the package is: a package that imported its top layer on import would make every submodule import
# run the whole graph, and 30 first sessions importing at once on their own threads deadlocked on
# the module locks of that circle (_DeadlockError, tests/storage/test_first_crowd.py).
_HOMES = {
    "assess": "iop_core.rules.assessment", "assess_all": "iop_core.rules.assessment",
    "disclaimer": "iop_core.rules.assessment",
    "CatalogueError": "iop_core.rules.catalogue", "Framework": "iop_core.rules.catalogue",
    "Question": "iop_core.rules.catalogue", "Rule": "iop_core.rules.catalogue",
    "framework": "iop_core.rules.catalogue", "frameworks": "iop_core.rules.catalogue",
    "questions": "iop_core.rules.catalogue",
    "check_text": "iop_core.rules.wording",
    "SCHEMA_VERSION": "iop_core.screening.model", "Assessment": "iop_core.screening.model",
    "Citation": "iop_core.screening.model", "Finding": "iop_core.screening.model",
    "Screening": "iop_core.screening.model",
    "ScreeningFileError": "iop_core.screening.persistence", "dump_screening": "iop_core.screening.persistence",
    "load_screening": "iop_core.screening.persistence",
}


def __getattr__(name: str):
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'iop_core' has no attribute {name!r}")


__all__ = [
    "assess",
    "assess_all",
    "Assessment",
    "CatalogueError",
    "check_text",
    "Citation",
    "disclaimer",
    "dump_screening",
    "Finding",
    "Framework",
    "framework",
    "frameworks",
    "load_screening",
    "Question",
    "questions",
    "Rule",
    "SCHEMA_VERSION",
    "Screening",
    "ScreeningFileError",
]
