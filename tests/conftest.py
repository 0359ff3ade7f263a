"""Shared fixtures: paths to ../shared, a session ``nlp``, an in-memory store and seed-corpus stores.

Texts under ../shared belong to their publishers: tests read them from there at run time and skip
when the folder is absent, never copying them into the repo.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
SEEDS = SHARED / "corpus" / "seeds"
DATA = Path(__file__).resolve().parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False, help="also run slow, corpus-wide tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the checkout")
    return SEEDS


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from counterclaim.analyse.nlp import load_nlp

    return load_nlp()


@pytest.fixture()
def store() -> Iterator[object]:
    """A fresh in-memory store, closed after the test."""
    from counterclaim.store import Store

    s = Store(":memory:")
    yield s
    s.close()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Iterator[object]:
    """The five seed articles ingested once per session into an SQLite file (about 20 s)."""
    from counterclaim.pipeline import ingest
    from counterclaim.store import Store

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    s = Store(str(db))
    s.outcomes = ingest([str(seeds_dir)], s)  # type: ignore[attr-defined]
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """The bundled demo corpus ingested once per session."""
    from importlib.resources import files

    from counterclaim.pipeline import ingest
    from counterclaim.store import Store

    db = tmp_path_factory.mktemp("demo") / "demo.db"
    s = Store(str(db))
    demo = files("counterclaim") / "data" / "demo"
    # as `counterclaim ingest --demo` does: with the demo's analyst alias file
    s.outcomes = ingest([str(demo)], s, aliases_path=str(demo / "aliases.toml"))  # type: ignore[attr-defined]
    yield s
    s.close()
