"""IOP-screening: router and frame. Pages live in pages/ and are registered here."""

import streamlit as st

st.set_page_config(page_title="IOP-screening", page_icon="🤝", layout="wide")
st.title("IOP-screening")
st.write("Ett stöd för en första bedömning av idéburet offentligt partnerskap (IOP). Inte ett juridiskt besked.")
