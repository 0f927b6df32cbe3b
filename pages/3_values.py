"""Value declaration: Mora's "Värdegrund", each point confirmed on its own, plus the signer.

Every point has three states (intygar / kan inte intyga / inte besvarad). The framework's own
context (Botkyrka's principles, Helsingborg's demokrativillkor, …) is shown above. Whether an
incomplete declaration blocks is decided by the rule values.incomplete, not here.
"""

from datetime import date

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from iop_core.documents.declaration import (
    declaration,
    declaration_context,
    declaration_intro,
    is_signed,
    point_state,
    set_point,
    signer_organisation,
)
from iop_core.rules.catalogue import framework
from iop_core.rules.checks import value_declaration_gaps, value_declaration_started
from iop_core.screening.model import VALUE_POINTS
from iop_shell import state
from iop_shell.navigation import next_link
from iop_shell.ui import (
    INDENT,
    UNKNOWN,
    action,
    bound,
    cite,
    cite_all,
    commit,
    current,
    current_assessment,
    finding_box,
    plain,
    show_error,
    tr,
    wkey,
)

OPTIONS = [True, False, UNKNOWN]
CHOICE = {True: "values.confirm", False: "values.refuse", UNKNOWN: "values.unanswered"}


@action
def _on_point(point_id: str, key: str) -> None:
    value = state.widget_value(key)
    set_point(current(), point_id, None if value == UNKNOWN else value)


def point_control(point_id: str, label: str) -> None:
    state = point_state(current(), point_id)
    key = wkey(f"value_declaration.confirmed.{point_id}")
    st.radio(label, OPTIONS, index=OPTIONS.index(UNKNOWN if state is None else state), horizontal=True,
             key=key, on_change=_on_point, args=(point_id, key), format_func=lambda v: tr(CHOICE[v]))


s = current()
fw = framework(s.framework, s.language)
d = declaration(s.language)

st.title(tr("values.title"), anchor=False)
st.caption(tr("values.intro", framework=fw.name))

ctx = declaration_context(fw.id, s.language)
if ctx:
    with st.container(border=True):
        st.markdown(f":material/account_balance: **{plain(ctx.title)}**")
        if ctx.quote:
            st.markdown(f"> {plain(ctx.quote)}")
        if ctx.items:
            st.markdown("\n".join(f"- {plain(item)}" for item in ctx.items))
        st.markdown(plain(ctx.note))
        st.caption(f"{tr('answer.source')}: {cite_all(ctx.citations)}")

# --- status -----------------------------------------------------------------------------------
vd = s.value_declaration
counts = {True: 0, False: 0, None: 0}
for pid in VALUE_POINTS:
    counts[point_state(s, pid)] += 1
signed = is_signed(s)
status = tr("values.status", confirmed=counts[True], refused=counts[False], open=counts[None], total=len(VALUE_POINTS),
            signature=tr("values.signed" if signed else "values.not_signed"))
if value_declaration_started(s) and not value_declaration_gaps(s):
    st.success(f"{tr('values.complete')} {status}", icon=":material/check_circle:")
elif counts[False]:
    st.error(f"{tr('values.cannot')} {status}", icon=":material/block:")
else:
    st.warning(f"{tr('values.incomplete')} {status}", icon=":material/pending:")

# --- the declaration --------------------------------------------------------------------------
st.subheader(tr("values.declaration_title"), anchor=False)
st.caption(f"{tr('values.declaration_help')} {tr('answer.source')}: {cite(d.citation)}")
with st.container(border=True):
    st.markdown(f"**{plain(declaration_intro(s))}**")
    st.caption(tr("values.covers"))
    groups: dict[str, DeltaGenerator] = {}
    for p in d.points:
        if p.id == "routines":
            continue
        if p.group and p.group not in groups:
            st.markdown(f"**{p.group}.** {plain(d.group(p.group).text)}")
            groups[p.group] = st.container(key=f"{INDENT}{p.group}")  # one block for the group, not a column pair each
        if p.group:  # 4a-4g: indented under point 4's stem, in Mora's own words
            with groups[p.group]:
                point_control(p.id, f"{p.id} – {p.label}")
        else:
            point_control(p.id, f"{p.id}. {p.label}")
    st.divider()
    point_control("routines", d.point("routines").label)

if s.language != "sv":  # a translation helps to read; the Swedish text is what is certified
    original = declaration()
    with st.expander(tr("declaration_original.title"), icon=":material/translate:"):
        st.caption(tr("declaration_original.help"))
        st.markdown(f"**{plain(declaration_intro(s, 'sv'))}**")
        st.markdown("\n".join(f"- {p.number or '–'}: {plain(p.text)}" for p in original.points))

# --- signature --------------------------------------------------------------------------------
st.subheader(tr("values.signer_title"), anchor=False)
st.caption(tr("values.signer_help"))
c1, c2 = st.columns(2)
with c1:
    bound(st.text_input, "value_declaration.signer_name", tr("values.signer_name"), max_chars=300)
    bound(st.text_input, "value_declaration.signer_role", tr("values.signer_role"), max_chars=300,
          placeholder=tr("values.signer_role_placeholder"))
with c2:
    # Shown filled in with the organisation from Start (what the app counts), never as a grey hint.
    key = wkey("value_declaration.signer_organisation")
    st.text_input(tr("values.signer_organisation"), value=signer_organisation(s), key=key, max_chars=300,
                  on_change=commit, args=("value_declaration.signer_organisation", key),
                  help=tr("values.signer_organisation_help"))
    show_error("value_declaration.signer_organisation")
    bound(st.date_input, "value_declaration.signed_on", tr("values.signed_on"), min_value=date(2000, 1, 1),
          max_value=date(2100, 12, 31), format="YYYY-MM-DD")

findings = current_assessment().findings_for("values")
if findings:
    st.subheader(tr("values.meaning_title"), anchor=False)
    for finding in findings:
        finding_box(finding)
elif not value_declaration_started(s):
    missing = next((m for m in current_assessment().missing if m.fact == "value_declaration"), None)
    if missing:
        st.info(tr("values.required_untouched", framework=fw.short), icon=":material/info:")

next_link("values")
