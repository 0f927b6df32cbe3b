"""IOP-screening: router and frame. Registers the pages, draws the sidebar on every page.

The sidebar holds what must be reachable from every step: the pages (Streamlit's list of
iop_shell/navigation.py navigation()), the framework picker, the progress of each step, "Spara"
(download the screening) and the draft (autosave, resume link, delete; see iop_shell/drafts.py).
Pages live in pages/ and stay thin; their order and ids are in iop_shell/navigation.py (PAGE_FILES, STEPS).
"""

import streamlit as st

from iop_core.rules.catalogue import frameworks
from iop_core.screening.persistence import save_file_name
from iop_shell import client_guard, council, drafts, uploads
from iop_shell.navigation import navigation
from iop_shell.ui import APP_CSS, PAGE_ICON, bound, current, current_step_states, page_shown, tr
from iop_shell.unsaved import leave_guard, save_file

st.set_page_config(page_title="IOP-screening", page_icon=PAGE_ICON, layout="wide")

client_guard.drop_foreign_widget_states()  # before any widget reads a hand-made widget id
client_guard.redact_run_errors()  # a run's error is logged without its message (client text)
uploads.bound()  # once per process: the upload bytes a session can make the server hold
drafts.start()  # a draft named in the link is opened before anything reads the screening
drafts.autosave()  # this run's callbacks have already written their changes to the screening
council.retry_pending()  # a submission that found the database down is tried again
council.sync_link()

s = current()
pages = navigation(council.enabled())  # the council's register: [iop] register = true (off by default)
page = st.navigation(pages, expanded=True)  # the sidebar's list, every page shown
page_shown(page.url_path)  # another page is a user action: the last action's notices are over

with st.sidebar:
    fw_ids = list(frameworks())
    bound(st.selectbox, "framework", tr("app.framework"), options=fw_ids,
          format_func=lambda f: frameworks(s.language)[f].name, help=tr("app.framework_help"))
    states = current_step_states()
    st.markdown(f"**{tr('progress.title')}**\n\n" + "  \n".join(  # one element: every page pays for each
        f"{tr(f'progress.icon_{state}')} {tr(f'nav.{step}')}: *{tr(f'progress.{state}')}*" for step, state in states.items()))
    # data as a callable: the file is made when "Spara" is clicked, from the answers at that
    # moment, and no copy of the screening sits at a /media/ address after every rerun.
    st.download_button(
        tr("save.button"), data=save_file(s), file_name=save_file_name(s), mime="application/json",
        help=tr("save.help"), icon=":material/download:", on_click="ignore", key="save_sidebar", width="stretch",
    )
    drafts.sidebar()
    st.caption(drafts.privacy_text())
    leave_guard(APP_CSS)  # with the app's CSS: focus rings, indented and even rows, whole tooltips (ui.py)
    link_slot = st.container()  # filled last: the address shows the draft of this very run

drafts.messages()
uploads.notice()
try:
    page.run()
finally:
    drafts.autosave(fresh=True)  # a write while drawing, which no page makes, is saved all the same
    drafts.sync_link(link_slot, council.link_token(), council.enabled())
