"""Text from people (prompts, names, tags, file names, taskIds, API messages) shown as text, never as markup.

Streamlit renders Markdown in `st.markdown`, captions, toasts, alerts, expander/tab/popover/dialog titles, widget
labels, radio/pills options, image captions and tooltips: GitHub-flavoured Markdown with raw-HTML-as-text, KaTeX
(`$..$`, `$$..$$`), colour and badge directives (`:red[x]`), Material icons (`:material/home:`, rewritten to
`:material_home:` in the source before parsing), `:streamlit:` and emoji shortcodes (`:smile:`, turned on when the
source matches `:word:`), links, images and bare-URL autolinks. CommonMark lets every ASCII punctuation character be
escaped with a backslash, so `literal` escapes all of them: the parser then sees plain text only, `$` is not
math (Streamlit strips `\\$` before looking for math), `:` never starts a directive, and with `/` escaped too
`:material/` never appears in the source. What is left is line structure, which `literal` keeps with hard breaks.

Which function where:
- `literal(text)`: a Markdown fragment to put inside Markdown the app writes itself (`st.markdown`, `st.caption`,
  `st.success`, labels, `format_func` of radio/pills/segmented controls, `help=`): f"Batch {literal(name)} ended".
- `code(text)`: the same but in a monospace code span (taskIds); falls back to `literal` where a code span
  cannot hold the text literally.
- `plain(text)`: one line of unescaped text for elements that do NOT render Markdown: selectbox/multiselect
  options (`format_func`), `st.text`, text-input placeholders, dataframe cells and column names, CSV/JSON.
- `show_text`, `show_caption`, `show_heading`, `show_message`, `show_toast`: draw people's text alone.
"""

from __future__ import annotations

import re
import string
from typing import Any, Literal

import streamlit as st

ELLIPSIS = "…"
# CommonMark: every ASCII punctuation character can be escaped with a backslash
_ESCAPE = re.compile("[" + re.escape(string.punctuation) + "]")
_UNESCAPE = re.compile(r"\\([" + re.escape(string.punctuation) + "])")
_LEADING_SPACE = re.compile(r"^[ \t]+")
JOINER = "&#8288;"  # U+2060 WORD JOINER as a character reference: a person's own '&' is always escaped
_JOIN_AFTER = re.compile(r"\\[:@](?=\S)|(?i:www)(?=\\\.)")
# Long unbroken runs (a 10,000-character word) must wrap instead of widening the page; see `wrap_style`.
WRAP_CSS = ("<style>[data-testid='stMarkdownContainer'],[data-testid='stCaptionContainer'],"
            "[data-testid='stMarkdownContainer'] p,[data-testid='stCaptionContainer'] p,"
            "[data-testid='stMarkdownContainer'] code,[data-testid='stToast'],[data-testid='stAlert'],"
            "[data-testid='stText']{overflow-wrap:anywhere;word-break:break-word;}</style>")


def clip(text: object, limit: int | None = None) -> str:
    """`text` as a string, cut to `limit` characters with an ellipsis (cut before escaping, never inside one)."""
    value = "" if text is None else str(text)
    if limit is not None and len(value) > limit:
        return value[: max(0, limit - 1)].rstrip() + ELLIPSIS
    return value


def _escape_line(line: str) -> str:
    escaped = _ESCAPE.sub(lambda m: "\\" + m.group(0), line)
    # Escapes do not reach plugins that search the parsed text (bare-URL and e-mail autolinks, `:streamlit:`,
    # emoji shortcodes): an invisible word joiner after ':' and '@' and inside 'www.' breaks their patterns.
    escaped = _JOIN_AFTER.sub(lambda m: m.group(0) + JOINER, escaped)
    # Leading blanks would make an indented code block: keep them as character references instead.
    return _LEADING_SPACE.sub(lambda m: m.group(0).replace(" ", "&#32;").replace("\t", "&#9;"), escaped)


def literal(text: object, limit: int | None = None, *, one_line: bool = False) -> str:
    """Markdown that Streamlit shows as exactly `text`: every special escaped, line breaks kept as hard breaks."""
    value = clip(text, limit).replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    lines = value.split("\n")
    if one_line:
        return " ".join(_escape_line(line) for line in lines)
    # A backslash before a newline is CommonMark's hard line break; a person's own backslashes are doubled above.
    return "\\\n".join(_escape_line(line) for line in lines)


def unescape(markdown: str) -> str:
    """The text `literal` was given (used by tests and wherever escaped text must be read back)."""
    out = markdown.replace(JOINER, "").replace("\\\n", "\n").replace("&#32;", " ").replace("&#9;", "\t")
    return _UNESCAPE.sub(r"\1", out)


def code(text: object, limit: int | None = None) -> str:
    """`text` in an inline code span (monospace, nothing interpreted inside), or `literal` where that cannot hold."""
    value = clip(text, limit)
    # Streamlit rewrites ":material/" in the raw source, code spans included; a code span cannot carry a newline.
    if ":material/" in value or "\n" in value or "\r" in value or not value.strip():
        return literal(value, one_line=True)
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def plain(text: object, limit: int | None = None) -> str:
    """One line of unescaped text, for elements that show strings as they are (selectbox options, st.text, tables)."""
    return " ".join(clip(text, limit).splitlines())


def wrap_style() -> None:
    """Let long unbroken words wrap inside text elements (drawn once per page run; invisible)."""
    st.html(WRAP_CSS)


def show_text(text: object, limit: int | None = None, *, where: Any = st) -> None:
    """A person's text as a body paragraph."""
    where.markdown(literal(text, limit))


def show_caption(text: object, limit: int | None = None, *, where: Any = st) -> None:
    """A person's text as a caption."""
    where.caption(literal(text, limit))


def show_heading(text: object, level: int = 3, limit: int | None = None, *, where: Any = st) -> None:
    """A person's text as a heading (`level` 1-6), on one line."""
    where.markdown(f"{'#' * max(1, min(level, 6))} {literal(text, limit, one_line=True)}")


MessageKind = Literal["info", "warning", "error", "success"]


def show_message(text: object, kind: MessageKind = "info", *, icon: str | None = None, where: Any = st) -> None:
    """A person's or the API's text alone in an info/warning/error/success box."""
    getattr(where, kind)(literal(text), icon=icon)


def show_toast(text: object, *, icon: str | None = None) -> None:
    """A person's text alone in a toast."""
    st.toast(literal(text, 300), icon=icon)
