"""Documents: statutes and organisation type, and the partner documents the framework asks for.

Each document can be uploaded, marked "lämnas senare" or "finns inte" (with a reason). Uploads are
checked in iop_core.documents.upload_check (real type from the bytes, size, PDF pages); only metadata
goes into the Screening, the bytes stay in this session's memory (a FileStore in the session state,
iop_shell.state.DOCUMENT_FILES). A rejected file changes nothing else. Logic lives in iop_core.documents (register, uploads); this page
draws and collects.
"""

import streamlit as st
from pydantic import ValidationError

from iop_core.documents.checklist import (
    document_state,
    file_info,
    framework_note,
    optional_documents,
    required_documents,
    set_reason,
    set_status,
    state_label,
)
from iop_core.documents.upload_check import format_mb
from iop_core.documents.uploads import FileStore, accept_upload, max_upload_bytes, remove_upload
from iop_core.format import lower_first
from iop_core.rules.catalogue import DocumentSpec, framework, questions
from iop_core.screening.persistence import describe_validation_error
from iop_shell import state
from iop_shell.navigation import next_link
from iop_shell.ui import (
    UNKNOWN,
    action,
    bound,
    cite_all,
    current,
    current_assessment,
    finding_box,
    lazy_expander,
    live_findings,
    plain,
    question,
    tr,
    wkey,
)

STATUTES = ("initiative.org_type", "statutes.has_statutes", "statutes.democratic", "statutes.members")
STATE_ICONS = {
    "uploaded": ":material/check_circle:", "answered": ":material/check_circle:",
    "later": ":material/schedule:", "missing": ":material/cancel:", "open": ":material/radio_button_unchecked:",
}
LIMIT = max_upload_bytes(st.get_option("server.maxUploadSize"))


def store() -> FileStore:
    if not state.DOCUMENT_FILES.exists():
        state.DOCUMENT_FILES.set(FileStore())
    return state.DOCUMENT_FILES.get()


def _gen() -> int:
    return state.GENERATION.get(0)


def _notices() -> dict:
    return state.DOCUMENT_NOTICES.setdefault({})


def _upload_key(doc_id: str) -> str:
    return wkey(f"upload.{doc_id}.{state.DOCUMENT_ROUNDS.setdefault({}).get(doc_id, 0)}")


@action
def _on_upload(doc_id: str, key: str) -> None:
    upload = state.widget_value(key)
    if upload is None:  # the dropzone was cleared; removing is the "Ta bort" button's job
        return
    result = accept_upload(current(), store(), doc_id, upload.name, upload.getvalue(), max_bytes=LIMIT,
                           lang=current().language)
    _drop_streamlits_copy(upload.file_id)
    _notices()[doc_id] = (_gen(), result.ok, result.message)
    rounds = state.DOCUMENT_ROUNDS.setdefault({})
    rounds[doc_id] = rounds.get(doc_id, 0) + 1


def _drop_streamlits_copy(file_id: str) -> None:
    """Streamlit keeps every upload in memory until the session ends; we keep our own copy (or
    reject the file), so drop Streamlit's at once: half the memory, and "Ta bort" really removes.
    The uploader's key changes right after, so no widget refers to the file any more."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        if ctx is not None:
            ctx.uploaded_file_mgr.remove_file(ctx.session_id, file_id)
    except Exception:  # noqa: BLE001 - internal API: if it moves, Streamlit's copy simply lives until the session ends
        pass


@action
def _on_remove(doc_id: str) -> None:
    remove_upload(current(), store(), doc_id)
    _notices().pop(doc_id, None)


@action
def _on_status(doc_id: str, key: str) -> None:
    value = state.widget_value(key)
    try:
        set_status(current(), doc_id, None if value == UNKNOWN else value)
    except ValueError:  # a file arrived meanwhile; the file wins
        pass
    _notices().pop(doc_id, None)


@action
def _on_reason(doc_id: str, key: str) -> None:
    try:
        set_reason(current(), doc_id, state.widget_value(key) or "")
        _notices().pop(f"reason.{doc_id}", None)
    except ValidationError as exc:
        _notices()[f"reason.{doc_id}"] = (_gen(), False, describe_validation_error(exc, lang=current().language))


def document_box(spec: DocumentSpec) -> None:
    s = current()
    state = document_state(s, spec.id)
    entry = s.documents.get(spec.id)
    with st.container(border=True):
        st.markdown(f"**{plain(spec.label)}** · {STATE_ICONS[state]} {state_label(state, s.language)}\n\n"
                    f":small[{plain(spec.help)} {tr('answer.source')}: {cite_all(spec.citations)}]")  # one element a box
        if state == "uploaded" and entry and entry.file:
            info, remove = st.columns([5, 1], vertical_alignment="center")
            with info:
                st.markdown(f":material/description: {plain(file_info(entry.file, s.language))}")
                if store().get(spec.id, entry.file.sha256) is None:
                    st.caption(tr("documents.earlier_session"))
            with remove:
                st.button(tr("documents.remove"), key=wkey(f"remove.{spec.id}"), on_click=_on_remove,
                          args=(spec.id,), icon=":material/delete:", help=tr("documents.remove_help"))
        elif state == "answered":
            st.markdown(f":material/check: {tr('documents.answered')}")

        label = tr("documents.replace" if state == "uploaded" else "documents.upload",
                   document=lower_first(spec.label))
        key = _upload_key(spec.id)
        st.file_uploader(label, key=key, on_change=_on_upload, args=(spec.id, key), help=tr("documents.upload_help"))
        if state in ("later", "missing", "open"):  # under the upload, not beside it: no column blocks a box
            status_key = wkey(f"documents.{spec.id}.status")
            options = ["later", "missing", UNKNOWN]
            current_status = entry.status if entry and entry.status in ("later", "missing") else UNKNOWN
            st.radio(tr("documents.status_label"), options, index=options.index(current_status), horizontal=True,
                     key=status_key, on_change=_on_status, args=(spec.id, status_key),
                     format_func=lambda v: tr(f"documents.status_{'none' if v == UNKNOWN else v}"))
        notice = _notices().get(spec.id)
        if notice and notice[0] == _gen():
            if notice[1]:
                st.success(f"{tr('documents.accepted')} {plain(notice[2])}", icon=":material/check_circle:")
            else:
                st.error(f"{tr('documents.rejected')} {plain(notice[2])}", icon=":material/error:")
        if state == "missing":
            reason_key = wkey(f"documents.{spec.id}.reason")
            st.text_input(tr("documents.reason"), value=entry.reason if entry else "", max_chars=300,
                          key=reason_key, on_change=_on_reason, args=(spec.id, reason_key),
                          placeholder=tr("documents.reason_placeholder"))
            reason_notice = _notices().get(f"reason.{spec.id}")
            if reason_notice and reason_notice[0] == _gen():
                st.error(plain(reason_notice[2]), icon=":material/error:")


s = current()
fw = framework(s.framework, s.language)
store().sync(s)

st.title(tr("documents.title"), anchor=False)
st.caption(tr("documents.intro", framework=fw.name))
st.info(tr("documents.privacy", limit=format_mb(LIMIT, s.language)), icon=":material/lock:")

st.subheader(tr("documents.statutes_title"), anchor=False)
ask, explain = st.columns([3, 2], gap="large")
with ask:
    qs = questions(s.language)
    for fact in STATUTES[:-1]:
        question(qs[fact])
    # statutes.members is an int in the model; _ui.question() draws numbers as floats.
    members = qs["statutes.members"]
    bound(st.number_input, members.id, members.label, min_value=0, max_value=10_000_000, step=1,
          placeholder=tr("answer.unknown"), help=f"{members.help} {tr('answer.source')}: {cite_all(members.citations)}")
with explain:
    st.markdown(f"**{tr('documents.live_title')}**")
    on_statutes = live_findings(set(STATUTES))
st.divider()

st.subheader(tr("documents.required_title", framework=fw.short), anchor=False)
note = framework_note(fw.id, s.language)
st.markdown(plain(note.note))
if note.citations:
    st.caption(f"{tr('answer.source')}: {cite_all(note.citations)}")

required = required_documents(fw.id, s.language)
if required:
    states = [document_state(s, d.id) for d in required]
    done = sum(1 for x in states if x in ("uploaded", "answered"))
    st.markdown(f"**{tr('documents.progress', done=done, total=len(required))}**")
    for spec in required:
        document_box(spec)
    for f in current_assessment().findings_for("documents"):
        if f not in on_statutes:  # the documents still missing (the statutes' are shown beside them)
            finding_box(f, compact=True)
else:
    st.markdown(f":material/info: {tr('documents.none_required', framework=fw.short)}")

optional = optional_documents(fw.id, s.language)
if optional:
    touched = any(document_state(s, d.id) in ("uploaded", "later", "missing") for d in optional)

    def _optional() -> None:
        st.caption(tr("documents.optional_intro"))
        for spec in optional:
            document_box(spec)
    lazy_expander(tr("documents.optional_title"), "documents_optional", _optional, expanded=touched or not required)

next_link("documents")
