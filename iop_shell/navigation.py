"""The pages and the ways between them: each page's file by its id (PAGE_FILES), the sidebar's page list, and
the links between pages, which name a page by id, never by file.

The walk's order is STEPS (iop_core.screening.model); app.py hands `navigation()` to
st.navigation, which draws the sidebar's list. Only this module knows the files of pages/
(tests/pages/test_navigation.py).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from iop_core.screening.model import STEPS
from iop_shell import state
from iop_shell.ui import current, tr

PAGE_FILES = {
    "start": "pages/0_start.py", "initiative": "pages/1_initiative.py", "documents": "pages/2_documents.py",
    "values": "pages/3_values.py", "budget": "pages/4_budget.py", "summary": "pages/5_summary.py",
    "agreement": "pages/6_agreement.py", "triage": "pages/7_triage.py", "trainer": "pages/8_trainer.py",
    "register": "pages/9_register.py", "followup": "pages/10_followup.py",
}
"""Each page's file by its id, which is also its address (/values; Start is /). The walk's order
is STEPS (iop_core.screening.model); pages name each other by id (`page_link`, `next_link`),
never by file."""
MODES = ("triage", "trainer")
REGISTER = ("register", "followup")  # the council's register: officers only, [iop] register = true

def page_title(page: str) -> str:
    """A page's name in the sidebar: "2. Dokument" for a step of the walk after Start."""
    if page in REGISTER:
        return tr(f"nav.register_pages.{page}")
    number = STEPS.index(page) if page in STEPS else 0
    return f"{number}. {tr(f'nav.{page}')}" if number else tr(f"nav.{page}")


def navigation(register: bool) -> list[Any]:
    """Every page as an st.Page in the sidebar's order: the walk (STEPS), the other ways in and, when
    the council's register is on, its pages. app.py hands it to st.navigation, which draws the list.

    Streamlit's own list, flat: a list with sections is a `<ul>` with `<div>` children (axe-core
    `list`, `listitem`; WCAG 1.3.1), and a list of our own (`st.page_link` per page) cost every
    rerun a message per link, a fifth of a light page's server time (docs/performance.md). The
    walk's pages carry their step number; the other ways in and the council's pages none."""
    ids = [*STEPS, *MODES, *(REGISTER if register else ())]

    def pages() -> list[Any]:
        return [st.Page(PAGE_FILES[p], title=page_title(p), url_path=p, default=p == STEPS[0]) for p in ids]

    # Kept per session: an st.Page resolves its file on the disk (a stat per folder of its path),
    # 3-5 ms a run for the list. Not shared between sessions: st.navigation marks the page it
    # returns as the one its run may call.
    return state.memo(state.NAV_PAGES, (current().language, register), pages)


def page_link(page: str, label: str, icon: str = ":material/arrow_forward:") -> None:
    """A link to another page, named by its id (PAGE_FILES)."""
    st.page_link(PAGE_FILES[page], label=label, icon=icon)


def next_link(step: str, label: str | None = None) -> None:
    """The link at the foot of a step to the step after it in STEPS ("Nästa: Dokument")."""
    following = STEPS[STEPS.index(step) + 1]
    page_link(following, label or tr("nav.next", page=tr(f"nav.{following}")))


