"""Text from people (prompts, names, tags, file names, taskIds, API messages) shown as text, never as markup.

Streamlit renders Markdown in `st.markdown`, captions, toasts, alerts, expander/tab/popover/dialog titles, widget
labels, radio/pills options, image captions and tooltips: GitHub-flavoured Markdown with raw-HTML-as-text, KaTeX
(`$..$`, `$$..$$`), colour and badge directives (`:red[x]`), Material icons (`:material/home:`, rewritten to
`:material_home:` in the source before parsing), `:streamlit:` and emoji shortcodes (`:smile:`, turned on when the
source matches `:word:`), links, images, and bare-URL, `www.` and e-mail autolinks.

`literal` backslash-escapes (CommonMark allows it for any ASCII punctuation) every character that can start one
of these wherever it stands, and the block markers (`#`, `>`, `-`, `+`, `=`, `1.`) at a line's start. Icons,
shortcodes, autolinks and Streamlit's typographic arrows (` -> ` shown as ` → `, ` -- ` as ` — `) are found in the
parsed text, where escapes are gone: there the text is cut in two by an empty inline span (`SPLIT`, Streamlit's
colour directive with no colour: `<span></span>`) after the `:` of `:name` and `scheme:`, after an e-mail's `@`,
inside `www.` and between the two characters of an arrow. The span adds no character, so the page's text, and
what is copied from it, is exactly the text typed. Punctuation that starts nothing (`, . : ! ( ) "` in a
sentence) stays as typed, so that ordinary sentences read the same in the page and in AppTest values.

Which function where:
- `literal(text)`: a Markdown fragment to put inside Markdown the app writes itself (`st.markdown`, `st.caption`,
  `st.success`, labels, `format_func` of radio/pills/segmented controls, `help=`): f"Batch {literal(name)} ended".
- `code(text)`: the same but in a monospace code span (taskIds); falls back to `literal` where a code span
  cannot hold the text literally.
- `identity(text)`: a signed-in person's name or e-mail (sidebar, "Made by", Admin messages).
- `task_href(task_id)`: the target of a Markdown link to a task's History page.
- `plain(text)`: one line of unescaped text for elements that do NOT render Markdown: selectbox/multiselect
  options (`format_func`), `st.text`, text-input placeholders, dataframe cells and column names, CSV/JSON.
- `show_text`, `show_caption`, `show_heading`, `show_message`, `show_toast`: draw people's text alone.
"""

from __future__ import annotations

import re
import string
from typing import Any, Literal
from urllib.parse import quote

import streamlit as st

ELLIPSIS = "…"
# An empty inline span: Streamlit's colour directive with no colour renders `<span></span>`, nothing else. It ends
# one text node of the parsed Markdown and starts another, which is all that breaks the patterns Streamlit finds in
# parsed text (autolinks, icons, shortcodes, arrows), without adding a character to what is shown or copied.
SPLIT = ":color[]"
# Escaped wherever they are: code spans, emphasis, strikethrough, links/images/directive labels, raw HTML and
# <autolinks>, math, table cells, and the escape character itself. Other punctuation stays as typed, so that
# ordinary sentences read the same in the page and in AppTest values.
_ALWAYS = r"[\\`*_~\[\]<$|]"
# ':' starts directives (:red[x]), icons (:material/x:), shortcodes (:smile:, :100:) and URL schemes (http://);
# ': ' and "1:1" start nothing. Escaping alone is not enough: icons, shortcodes and autolinks are found in the
# parsed text, so a SPLIT after the ':' (and after an e-mail's '@', inside 'www.') breaks them.
_COLON = r":(?=[A-Za-z_/+-]|[\w+-]+:)"
_EMAIL_AT = r"(?<=[\w.+-])@(?=[\w-])"
_WWW = r"(?i:www)(?=\.)"
_ENTITY = r"&(?=#?\w+;)"  # a character reference (&amp; &#36;) would be decoded
_INLINE = re.compile("|".join((_ALWAYS, _COLON, _EMAIL_AT, _WWW, _ENTITY)))
# Streamlit turns "->", "<-", "<->", "--", ">=", "<=" and "~=" between spaces into arrows and dashes in the parsed
# text: a SPLIT between their two characters (in the escaped line, where '<' and '~' carry a backslash) keeps them.
_ARROW = re.compile(r"(?<=-)(?=\\?[->])|(?<=<)(?=\\?[-=])|(?<=[>~])(?=\\?=)")
# At a line's start: headings, blockquotes, list items, setext underlines and thematic breaks.
_LINE_START = re.compile(r"^([ \t]*)(?:([#>+=-])|(\d{1,9})([.)]))")
_LEADING_SPACE = re.compile(r"^[ \t]+")
_UNESCAPE = re.compile(r"\\\n|" + re.escape(SPLIT) + r"|&#32;|&#9;|\\([" + re.escape(string.punctuation) + "])")
_UNESCAPED = {"\\\n": "\n", SPLIT: "", "&#32;": " ", "&#9;": "\t"}
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


def _escape_match(match: re.Match) -> str:
    found = match.group(0)
    if found == "@" or found.lower() == "www":
        return found + SPLIT
    if found == ":":
        return "\\:" + SPLIT
    return "\\" + found


def _escape_line(line: str) -> str:
    escaped = _LINE_START.sub(lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else
                                                      f"{m.group(3)}\\{m.group(4)}"), line, count=1)
    head = len(escaped) - len(line)  # the line-start escape already made; the inline pass must not redo it
    start = head and escaped.index("\\") + 2
    escaped = _ARROW.sub(SPLIT, escaped[:start] + _INLINE.sub(_escape_match, escaped[start:]))
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
    return _UNESCAPE.sub(lambda m: m.group(1) if m.group(1) is not None else _UNESCAPED[m.group(0)], markdown)


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


def identity(text: object) -> str:
    """A person's name or e-mail on one line. An e-mail goes in a code span, set apart from the words around it."""
    value = plain(text)
    return code(value) if "@" in value else literal(value, one_line=True)


def task_href(task_id: str) -> str:
    """The History link of a task, its ID URL-encoded so that it cannot end the Markdown link early."""
    return "/history?task=" + quote(str(task_id), safe="")


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
