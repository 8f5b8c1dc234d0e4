"""Issue 24's closing checks that no single behaviour test makes: docs/RELIABILITY.md has a row for each attack the
issue lists and names test files that exist (tests/unit/test_docs.py checks file::test names), every Components-v2
component bounds what the page sends before Streamlit decodes it, and no module outside the guard sends a request
to an address a person or the provider chose.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RELIABILITY = (ROOT / "docs" / "RELIABILITY.md").read_text()

# The attacks of issue 24 (items 1-7), each by words its row must hold.
ATTACKS = {
    "result addresses into the server's network": "a result address into the server's own network",
    "a redirect there": "answering 302",
    "the guard's missing ranges": "100.64.0.0/10",
    "a result that is not a picture": "a result that is not a picture",
    "decompression bombs": "decompression bombs of 144 and 400 megapixels",
    "a bad stored file on every page": "a stored file that is not a picture",
    "5,000 results": "5,000 addresses",
    "retried for ever": "retried every 5 s for ever",
    "a resultJson that is not JSON": "that is not JSON",
    "the mask canvas's size": "a mask-canvas drawing too large",
    "a drawing nested 5,000 deep": "a drawing nested 5,000 levels deep",
    "run_tool on another person's task": "another person's task handed to a core action",
    "a comparison's budget words": "this request needs 1",
    "Restore naming an unknown model": "Restore from a PNG naming a model",
    "a comparison older than 500 tasks": "older than the newest 500 tasks",
    "copied prompts with U+2060": "U+2060",
}


def issue_24_rows() -> list[str]:
    return [line for line in RELIABILITY.splitlines() if line.startswith("| issue 24:")]


def test_every_attack_of_issue_24_has_a_row_naming_a_test():
    rows = issue_24_rows()
    missing = [attack for attack, words in ATTACKS.items() if not any(words in row for row in rows)]
    assert missing == []
    for row in rows:
        assert re.search(r"`(?:unit|app|e2e)/test_[a-z_0-9]+\.py", row), row[:80]


def test_every_test_file_the_reliability_table_names_exists():
    named = set(re.findall(r"`((?:unit|app|e2e)/test_[a-z_0-9]+\.py)", RELIABILITY))
    assert len(named) > 20
    assert sorted(f for f in named if not (ROOT / "tests" / f).is_file()) == []


def test_every_component_bounds_what_the_page_sends():
    makers = [p for p in (ROOT / "components").rglob("*.py") if "components.v2.component(" in p.read_text()]
    assert len(makers) >= 3  # the mask canvas, the listener, before/after
    assert [p.name for p in makers if "browser_values.install()" not in p.read_text()] == []


def test_only_the_guarded_modules_send_requests():
    """Outgoing HTTP from the server's own code: the API client (configured hosts) and kie/fetch.py (the guard);
    the simulator's callbacks are checked by the guard it is given (kie.service.check_outgoing_url)."""
    sends = re.compile(r"\brequests\.(get|post|put|head|request|Session)\b|urllib\.request|http\.client|\bhttpx\b|"
                       r"\baiohttp\b|socket\.create_connection")
    found = []
    for folder in ("kie", "components", "app_pages"):
        for path in (ROOT / folder).rglob("*.py"):
            if sends.search(path.read_text()):
                found.append(path.relative_to(ROOT).as_posix())
    found += [name for name in ("server.py", "app.py", "navigation.py") if sends.search((ROOT / name).read_text())]
    assert sorted(found) == ["kie/client.py", "kie/fetch.py", "kie/simulator/callbacks.py"]
    assert "self.guard(callback[\"url\"])" in (ROOT / "kie" / "simulator" / "callbacks.py").read_text()
