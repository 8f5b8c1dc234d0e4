"""The shape of the code, so it stays: no import circles anywhere (lazy imports inside functions count), `kie/`
free of Streamlit (and Starlette), imports only run down the layers (kie, components, app_pages, navigation),
and pages import components (and at most kie's types), never each other, each stated in a few lines; and
docs/DESIGN.md, the map of where things go, names only files that exist.

Each check is a function over a source tree, run on the project and on small broken trees made here, so a check
that stopped finding what it looks for fails too. The graph walk is that of ../shared/tools/import_circles.py."""

from __future__ import annotations

import ast
import importlib
import re
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIP = {"tests", ".venv", "venv", "node_modules", ".git", "build", "dist", "__pycache__"}
UI_LIBRARIES = ("streamlit", "starlette")  # kie/ is plain Python: no UI, no web server
LAYERS = {"kie": 0, "components": 1, "app_pages": 2, "navigation": 3}  # a module imports its own layer or lower
ENTRY_POINTS = 4  # server.py, app.py, scripts/, bench/: nothing in the layers imports them
PAGE_LINES = 60  # a page states itself, calling components


def modules(root: Path) -> dict[str, Path]:
    """Every Python module of the tree outside tests and environments, by dotted name."""
    found = {}
    for path in root.rglob("*.py"):
        rel = path.relative_to(root)
        if SKIP & set(rel.parts) or "site-packages" in rel.parts:
            continue
        parts = list(rel.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts:
            found[".".join(parts)] = path
    return found


@cache
def imports(name: str, path: Path) -> list[tuple[str, list[str]]]:
    """Every import of a module at any depth (inside functions too): (the module named, the names taken from it),
    relative imports made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".") if package else []
                up = up[: len(up) - (node.level - 1)] if node.level > 1 else up
                base = ".".join(p for p in (*up, base) if p)
            found.append((base, [alias.name for alias in node.names]))
    return found


def own_target(target: str, known: dict[str, Path]) -> str | None:
    """The project's module an import names (its longest known prefix), or None for a library."""
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target or None


def graph(known: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the project's modules it imports (`from a import b` names a.b when b is a module)."""
    arrows: dict[str, set[str]] = {}
    for name, path in known.items():
        out = set()
        for module, names in imports(name, path):
            for target in [f"{module}.{n}" for n in names] + [module]:
                if (found := own_target(target, known)) and found != name:
                    out.add(found)
        arrows[name] = out
    return arrows


def circles(arrows: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other round (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(arrows.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        for v in sorted(arrows):
            if v not in index:
                visit(v)
    finally:
        sys.setrecursionlimit(limit)
    return found


def layer(module: str) -> int:
    return LAYERS.get(module.split(".")[0], ENTRY_POINTS)


def ui_in_core(known: dict[str, Path]) -> list[str]:
    """kie modules that import Streamlit or Starlette (anywhere in the file)."""
    return [f"{name} imports {module}" for name, path in known.items() if name.split(".")[0] == "kie"
            for module, _ in imports(name, path) if module.split(".")[0] in UI_LIBRARIES]


def imports_up(known: dict[str, Path]) -> list[str]:
    """Imports that run back up the layers: kie importing components, a component importing a page, ..."""
    arrows = graph(known)
    return [f"{name} imports {target}" for name in sorted(arrows) if name.split(".")[0] in LAYERS
            for target in sorted(arrows[name]) if layer(target) > layer(name)]


def is_class(module: str, name: str) -> bool:
    """Whether `from module import name` takes a class (a type), not a function, a value or a module."""
    return isinstance(getattr(importlib.import_module(module), name, None), type)


def page_imports(known: dict[str, Path], is_type: Callable[[str, str], bool] = is_class) -> list[str]:
    """What pages import besides components and kie's types: another page, a kie module or function, the rest."""
    own = {module.split(".")[0] for module in known}
    wrong = []
    for name, path in known.items():
        if name.split(".")[0] != "app_pages":
            continue
        for module, names in imports(name, path):
            top = module.split(".")[0]
            if top == "components" or top not in own:
                continue  # a component, or a library (streamlit)
            if top != "kie":
                wrong.append(f"{name} imports {module}")
            elif not names:
                wrong.append(f"{name} imports the module {module}")
            else:
                wrong += [f"{name} takes {module}.{n} (not a type)" for n in names
                          if own_target(f"{module}.{n}", known) == f"{module}.{n}" or not is_type(module, n)]
    return wrong


def long_pages(known: dict[str, Path]) -> list[str]:
    return [f"{path.relative_to(path.parents[1])} has {lines} lines" for name, path in known.items()
            if name.split(".")[0] == "app_pages"
            and (lines := len(path.read_text(encoding="utf-8").splitlines())) > PAGE_LINES]


DESIGN = Path("docs") / "DESIGN.md"
PROJECT_PATH = re.compile(r"`((?:kie|components|app_pages|tests|scripts|bench)/[\w/.]*|\w+\.py)`")


def design_names_missing(root: Path) -> list[str]:
    """Files docs/DESIGN.md names that the tree does not have: a path in backticks (`kie/masks.py`, `kie/families/`,
    `kie/masks.Drawing`: a module and a name in it), or a module named in the drawing of the layers (`masks.py`,
    found anywhere in the tree), so the map of where things go follows the splits."""
    text = (root / DESIGN).read_text(encoding="utf-8")
    drawing = text.split("```")[1] if text.count("```") >= 2 else ""
    present = {path.name for path in root.rglob("*.py") if not SKIP & set(path.relative_to(root).parts)}
    missing = [name for name in sorted(set(re.findall(r"(?<![\w/*])(\w+\.py)\b", drawing))) if name not in present]
    for named in sorted(set(PROJECT_PATH.findall(text))):
        module, _, attribute = named.rpartition(".")
        if not (root / named).exists() and not (attribute.isidentifier() and (root / f"{module}.py").exists()):
            missing.append(named)
    return missing


# -- the project -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def project() -> dict[str, Path]:
    known = modules(ROOT)
    assert {"kie", "components", "app_pages.generate", "navigation"} <= set(known)  # the tree was read
    return known


def test_no_import_circles_anywhere(project):
    assert circles(graph(project)) == []


def test_the_core_imports_no_streamlit_or_starlette(project):
    assert ui_in_core(project) == []


def test_imports_run_down_the_layers_only(project):
    assert imports_up(project) == []


def test_pages_import_components_and_at_most_kie_types_never_each_other(project):
    assert page_imports(project) == []


def test_each_page_is_stated_in_a_few_lines(project):
    assert long_pages(project) == []


def test_design_names_only_files_that_exist():
    assert design_names_missing(ROOT) == []


# -- the checks find what they look for ------------------------------------------------------------------

def tree(root: Path, files: dict[str, str]) -> dict[str, Path]:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return modules(root)


def test_a_circle_through_a_lazy_import_is_found(tmp_path):
    known = tree(tmp_path, {
        "components/__init__.py": "",
        "components/card.py": "from components.picker import pick\n",
        "components/picker.py": "def pick():\n    from components import card  # at use\n",
        "components/text.py": "",
        "kie/__init__.py": "",
        "kie/a.py": "from . import b\n",
        "kie/b.py": "import kie.a\n",
    })
    assert circles(graph(known)) == [["components.card", "components.picker"], ["kie.a", "kie.b"]]


def test_streamlit_or_starlette_in_the_core_is_found_anywhere_in_a_file(tmp_path):
    known = tree(tmp_path, {
        "kie/__init__.py": "",
        "kie/plain.py": "import json\n",
        "kie/ui.py": "def draw():\n    import streamlit as st\n",
        "kie/web.py": "from starlette.responses import Response\n",
        "components/view.py": "import streamlit\n",  # components may
    })
    assert sorted(ui_in_core(known)) == ["kie.ui imports streamlit", "kie.web imports starlette.responses"]


def test_imports_running_up_are_found(tmp_path):
    known = tree(tmp_path, {
        "kie/__init__.py": "",
        "kie/core.py": "from components import card\n",
        "components/__init__.py": "",
        "components/card.py": "import kie.core\n",
        "components/back.py": "from app_pages import history\n",
        "app_pages/history.py": "from components import card\n",
        "navigation.py": "import app_pages.history\n",
        "server.py": "",
        "components/server_use.py": "import server\n",
    })
    assert imports_up(known) == ["components.back imports app_pages.history", "components.server_use imports server",
                                 "kie.core imports components", "kie.core imports components.card"]


def test_a_page_importing_a_page_or_more_than_kie_types_is_found(tmp_path):
    known = tree(tmp_path, {
        "kie/__init__.py": "",
        "kie/catalog.py": "",
        "kie/models.py": "",
        "components/__init__.py": "",
        "components/card.py": "",
        "app_pages/good.py": "import streamlit as st\nfrom components import card\nfrom kie.models import Task\n",
        "app_pages/other.py": "from app_pages import good\n",
        "app_pages/core.py": "from kie import catalog\nfrom kie.models import build\nimport kie.models\n",
        "app_pages/shell.py": "import navigation\n",
        "navigation.py": "",
    })
    types = {("kie.models", "Task")}
    assert sorted(page_imports(known, lambda module, name: (module, name) in types)) == [
        "app_pages.core imports the module kie.models", "app_pages.core takes kie.catalog (not a type)",
        "app_pages.core takes kie.models.build (not a type)", "app_pages.other imports app_pages",
        "app_pages.shell imports navigation"]


def test_a_long_page_is_found(tmp_path):
    known = tree(tmp_path, {"app_pages/short.py": "x = 1\n" * PAGE_LINES, "app_pages/long.py": "x = 1\n" * 61})
    assert long_pages(known) == ["app_pages/long.py has 61 lines"]


def test_a_design_naming_a_file_that_is_gone_is_found(tmp_path):
    tree(tmp_path, {"kie/__init__.py": "", "kie/masks.py": "", "kie/families/__init__.py": "", "app.py": ""})
    (tmp_path / DESIGN).parent.mkdir()
    (tmp_path / DESIGN).write_text("```\n app.py  the entry\n kie/\n   masks.py  ok\n   studio.py  gone\n```\n"
                                   "A family goes in `kie/families/`, a mask is `kie/masks.Drawing`; not in "
                                   "`kie/catalog.py` nor `kie/old/`, and `components/*.py` is no file.\n")
    assert design_names_missing(tmp_path) == ["studio.py", "kie/catalog.py", "kie/old/"]
