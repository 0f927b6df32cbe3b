"""IOP screening core: models, the cited rules catalogue, assessment, budget, documents, PDF.

Pure Python: nothing here imports Streamlit. Start with `assess(Screening(...), "skr")`.
"""

from iop_core.rules.assessment import assess, assess_all, disclaimer
from iop_core.rules.catalogue import CatalogueError, Framework, Question, Rule, framework, frameworks, questions
from iop_core.rules.wording import check_text
from iop_core.screening.model import SCHEMA_VERSION, Assessment, Citation, Finding, Screening
from iop_core.screening.persistence import ScreeningFileError, dump_screening, load_screening

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
