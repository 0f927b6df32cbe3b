"""plain(): user text made inert for markdown (Streamlit's st.markdown, st.error, captions ...).

Escaping is not enough on its own: Streamlit renders markdown with remark-gfm, whose autolink
literals ("https://…", "www.…", "name@host.se") are found in the text *after* backslash escapes
are resolved. So besides escaping every mark markdown reacts to, plain() puts an invisible
WORD JOINER (U+2060) between ":" or "@" and the character after it, and between "www" and its
dot, which the autolink patterns (ASCII word characters only) do not cross. The model keeps the text exactly as typed.
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")  # every mark markdown or Streamlit reacts to
_WWW = re.compile(r"(www)(?=\.)", re.IGNORECASE)
_JOIN_AFTER = re.compile(r"([:@])(?=[^\s\\])")  # "https:" + "//", "@" + host, ":" + "red[" / "material/"


def plain(text: str | None) -> str:
    """User text for use inside markdown: no links, autolinks, images, emphasis, directives or HTML."""
    text = _WWW.sub(rf"\1{WORD_JOINER}", text or "")
    text = _JOIN_AFTER.sub(rf"\1{WORD_JOINER}", text)
    return _MARKDOWN.sub(r"\\\1", text)
