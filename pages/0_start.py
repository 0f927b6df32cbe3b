"""Start: the language, what IOP is, the disclaimer, who you are, organisation basics, load a file or a demo."""

import streamlit as st

from iop_core.i18n import LANGUAGES, t
from iop_core.report.triage import triage_questions
from iop_core.rules.catalogue import frameworks
from iop_core.screening.demo import demo_cases
from iop_core.screening.persistence import ScreeningFileError, load_screening
from iop_shell import state
from iop_shell.drafts import privacy_text
from iop_shell.navigation import next_link, page_link
from iop_shell.ui import (
    action,
    bound,
    current,
    lazy_expander,
    notify,
    plain,
    replace_screening,
    show_notice,
    tr,
    wkey,
)
from iop_shell.unsaved import demo_button, demo_undo_button, open_demo, switch_language

NOTICE = "start"  # the notice slot of this page: a file loaded, an example opened
DEMO_BOX = "demo_case_"  # + a demo case's id: the key of its box in the gallery (open or not)


@action
def _load_file(key: str) -> None:
    upload = state.widget_value(key)
    if upload is None:
        return
    try:
        loaded = load_screening(upload.getvalue(), current().language)
        replace_screening(loaded)
        notes = [tr(f"migration.{note}") for note in loaded.migration_notes]
        notify(NOTICE, "success", plain(" ".join([tr("save.loaded"), *notes])))
    except ScreeningFileError as exc:
        notify(NOTICE, "error", plain(f"{tr('save.failed')} {exc}"))  # names keys from the file


@action
def _set_language(key: str) -> None:
    """on_change: switch the language and re-seed every widget, so that no widget keeps a label
    (a selectbox's state is its option's label) from the language it was drawn in."""
    switch_language(state.widget_value(key))
    replace_screening(current())


@action
def _open_demo(case_id: str, title: str) -> None:
    new = open_demo(case_id)
    notify(NOTICE, "success", plain(tr("start.demo_opened", title=title) + " "
                                    + tr("demo.framework", framework=frameworks(new.language)[new.framework].name)))


s = current()
st.title(tr("app.title"))
st.caption(tr("app.tagline"))
# Each language is named in itself, so the choice is readable whatever is chosen now.
language_key = wkey("language")
st.radio(tr("start.language"), options=list(LANGUAGES), index=LANGUAGES.index(s.language), key=language_key,
         on_change=_set_language, args=(language_key,), format_func=lambda lang: t(f"language.{lang}", lang),
         horizontal=True)
st.info(tr("app.disclaimer"), icon=":material/gavel:")

show_notice(NOTICE)
demo_undo_button("start_undo")

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(tr("start.what_title"))
    st.write(tr("start.what"))
    st.write(tr("start.how"))

    roles = ["organisation", "officer", "trainer"]
    bound(st.radio, "role", tr("start.role"), options=roles, format_func=lambda r: tr(f"start.role_{r}"))

    st.subheader(tr("start.org_title"))
    bound(st.text_input, "organisation.name", tr("start.org_name"), max_chars=300)
    # Row by row, the boxes aligned at the bottom: a label that wraps to two lines ("Kommun eller
    # region …") moves only its own label, never the field beside it or the row below.
    rows = (
        (("organisation.org_number", tr("start.org_number")),
         ("organisation.public_partner", tr("start.public_partner"))),
        (("organisation.contact_name", tr("start.contact_name")),
         ("organisation.contact_email", tr("start.contact_email"))),
    )
    for row in rows:
        with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):  # one block, not three
            for path, label in row:
                bound(st.text_input, path, label, max_chars=300)
    next_link("start", tr("start.begin"))

with right:
    st.subheader(tr("start.load_title"))
    key = wkey("load_file")
    st.file_uploader(tr("start.load_label"), type=["json"], key=key, on_change=_load_file, args=(key,))

    st.subheader(tr("start.demo_title"))
    st.caption(tr("start.demo_help"))
    for case in demo_cases(s.language):  # drawn when opened: seven closed boxes were 14 messages a rerun
        lazy_expander(f"{case.title} · {tr('start.fictional')}", f"{DEMO_BOX}{case.id}", lambda case=case: (
            st.write(case.story),
            demo_button(case.id, case.title, f"demo_{case.id}", tr("start.demo_open"), _open_demo)))

    st.subheader(tr("start.shortcuts"))
    page_link("triage", tr("start.triage_link", n=len(triage_questions())), icon=":material/timer:")
    st.caption(tr("start.triage_link_help"))
    page_link("trainer", tr("start.trainer_link"), icon=":material/school:")
    st.caption(privacy_text())
