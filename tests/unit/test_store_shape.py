"""The store's shape: a thin front (`SqlStore`) over one repository per job, one protocol per repository, `Store`
their union; the front hands every call, with every argument, to the right repository; a person's view scopes
every repository alike; the package's modules are small, say their job, and import their siblings, never the
package."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from typing import Protocol

import pytest

import kie.store as store_package
from kie.store import (
    AuditRepository,
    BatchRepository,
    PeopleRepository,
    SpendRepository,
    SqlStore,
    Store,
    TaskRepository,
    TaskStore,
)
from kie.store.audit import SqlAudit
from kie.store.batches import SqlBatches
from kie.store.people import SqlPeople
from kie.store.spend import SqlSpend
from kie.store.tasks import SqlTasks

# protocol -> (the front's attribute holding its repository, the repository's class)
REPOSITORIES = {
    TaskRepository: ("task_repository", SqlTasks),
    SpendRepository: ("spend_repository", SqlSpend),
    AuditRepository: ("audit_repository", SqlAudit),
    BatchRepository: ("batch_repository", SqlBatches),
    PeopleRepository: ("people_repository", SqlPeople),
}
STORE_DIR = Path(store_package.__file__).parent


def methods(protocol: type) -> set[str]:
    """The methods a protocol declares itself (not those of `Protocol` or `object`)."""
    return {name for name, value in vars(protocol).items() if callable(value) and not name.startswith("_")}


def shape(function) -> list[tuple]:
    """A signature without its annotations (written `rows.Budget` in one module, `Budget` in another)."""
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


def test_store_is_the_union_of_the_repository_protocols():
    union = set().union(*(methods(p) for p in REPOSITORIES))
    every = {name for name in dir(Store) if not name.startswith("_") and callable(getattr(Store, name))}
    assert every == union | {"scoped"}
    assert all(Protocol in p.__mro__ for p in REPOSITORIES)
    for a in REPOSITORIES:  # each method belongs to one repository only
        for b in REPOSITORIES:
            assert a is b or not methods(a) & methods(b), (a.__name__, b.__name__)


@pytest.mark.parametrize("protocol", list(REPOSITORIES), ids=lambda p: p.__name__)
def test_each_repository_has_its_protocol_s_methods_with_the_front_s_signatures(protocol):
    _, implementation = REPOSITORIES[protocol]
    for name in methods(protocol):
        assert shape(getattr(SqlStore, name)) == shape(getattr(implementation, name)), name
        assert list(inspect.signature(getattr(protocol, name)).parameters) == \
            list(inspect.signature(getattr(implementation, name)).parameters), name


class Recorder:
    """Stands in for a repository: records the call it gets and answers with a token of its own."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple, dict]] = []

    def __getattr__(self, name: str):
        def call(*args, **kwargs):
            self.calls.append((name, args, kwargs))
            return ("answer of", name)
        return call


@pytest.mark.parametrize("protocol", list(REPOSITORIES), ids=lambda p: p.__name__)
def test_the_front_hands_each_call_with_every_argument_to_its_repository(tmp_path, protocol):
    attribute, implementation = REPOSITORIES[protocol]
    store = TaskStore(tmp_path, "demo")
    for name in sorted(methods(protocol)):
        recorder = Recorder()
        setattr(store, attribute, recorder)
        params = list(inspect.signature(getattr(implementation, name)).parameters.values())[1:]
        args = [object() for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
        kwargs = {p.name: object() for p in params if p.kind is p.KEYWORD_ONLY}
        assert getattr(store, name)(*args, **kwargs) == ("answer of", name)
        [(called, got_args, got_kwargs)] = recorder.calls
        bound = inspect.signature(getattr(implementation, name)).bind(None, *got_args, **got_kwargs)
        assert called == name
        assert list(bound.arguments.values())[1:] == [*args, *kwargs.values()], name


def test_a_person_s_view_scopes_every_repository_on_the_same_database(tmp_path):
    store = TaskStore(tmp_path, "demo")
    ann = store.scoped("ann")
    for attribute, _ in REPOSITORIES.values():
        assert getattr(store, attribute).owner is None and getattr(ann, attribute).owner == "ann"
        assert getattr(ann, attribute).database is store.database
    assert ann.task_repository.files is store.files
    assert (store.owner, ann.owner, type(ann)) == (None, "ann", TaskStore)
    assert ann.scoped(None).task_repository.owner is None
    with pytest.raises(AttributeError):
        ann.owner = "bob"  # a view is fixed: its repositories were made for ann; scoped("bob") makes bob's


def modules() -> list[Path]:
    return sorted(p for p in STORE_DIR.glob("*.py"))


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.name)
def test_each_module_says_its_job_stays_small_and_never_imports_the_package(path):
    tree = ast.parse(path.read_text())
    assert ast.get_docstring(tree), f"{path.name} has no docstring saying its job"
    assert len(path.read_text().splitlines()) <= 300, path.name
    if path.name == "__init__.py":
        return
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)} | \
        {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert "kie.store" not in imported, f"{path.name} imports the package front; import the sibling module"
    assert "kie.store.sql" not in imported, f"{path.name} imports the front; repositories never need it"
