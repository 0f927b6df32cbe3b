""""Regelverket som text" in Utbildning (not a page): a framework's rules as rule text, the same
text as tests/golden/<framework>.txt (iop_core.rules.rulebook), with downloads as PDF and text.

The text is always the Swedish model (the one a lawyer reviews); the English UI says so in one
line. It is drawn only while its expander is open, and the PDF is built only when its download
button is clicked (a deferred download, like "Spara"). Every text goes through plain().
"""

from __future__ import annotations

import streamlit as st

from iop_core.report.rulebook_pdf import rulebook_file_name, rulebook_pdf
from iop_core.rules.catalogue import frameworks
from iop_core.rules.rulebook import Rulebook, render, rulebook
from iop_shell import state
from iop_shell.ui import current, lazy_expander, plain, select_placeholder, tr

MODEL_LANGUAGE = "sv"
"""The rule text is reviewed in Swedish, the model every translation follows."""
FRAMEWORK_KEY = "trainer_rulebook_framework"


def _markdown(book: Rulebook) -> str:
    """The rulebook as markdown: headings and bold from the structure, every text through plain()."""
    lines: list[str] = []
    for section in book.sections:
        lines.append(f"#### {plain(section.title)}")
        lines += [plain(p) for p in section.paragraphs]
        for part in section.parts:
            if part.title:
                lines.append(f"**{plain(part.title)}** {plain(' '.join(part.marks))}".rstrip())
            lines += [plain(p) for p in part.intro]
            lines += ["- " + "  \n  ".join([plain(item.text), *(plain(m) for m in item.marks),
                                            *([f"*{plain(item.note)}*"] if item.note else [])])
                      for item in part.items]
    return "\n\n".join([f"### {plain(book.title)}", *(plain(p) for p in book.intro), *lines])


def _draw() -> None:
    s = current()
    fws = frameworks(MODEL_LANGUAGE)
    ids = list(fws)
    st.caption(tr("rulebook.ui_intro"))
    if s.language != MODEL_LANGUAGE:
        st.caption(tr("rulebook.ui_language_note"))
    fid = st.selectbox(tr("rulebook.ui_framework"), options=ids, index=ids.index(s.framework) if s.framework in ids else 0,
                       format_func=lambda f: fws[f].name, key=FRAMEWORK_KEY, placeholder=select_placeholder(ids))
    fw = fws[fid]
    pdf_col, txt_col = st.columns(2)
    pdf_col.download_button(tr("rulebook.ui_pdf"), data=lambda: rulebook_pdf(fw), file_name=rulebook_file_name(fw, "pdf"),
                            mime="application/pdf", on_click="ignore", icon=":material/picture_as_pdf:",
                            help=tr("rulebook.ui_pdf_help"), key="trainer_rulebook_pdf")
    txt_col.download_button(tr("rulebook.ui_txt"), data=lambda: render(fw).encode("utf-8"),
                            file_name=rulebook_file_name(fw, "txt"), mime="text/plain", on_click="ignore",
                            icon=":material/description:", key="trainer_rulebook_txt")
    text = state.memo(state.RULEBOOK_TEXT, fid, lambda: _markdown(rulebook(fw)))
    with st.container(height=600, border=True):
        st.markdown(text)


def rulebook_section() -> None:
    """The section, folded: it costs nothing until it is opened."""
    lazy_expander(tr("rulebook.ui_title"), "trainer_rulebook", _draw, icon=":material/gavel:")
