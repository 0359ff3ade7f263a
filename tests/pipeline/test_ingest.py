"""Ingest end to end: idempotent re-ingest, duplicates and syndicated copies, bad items reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from counterclaim.pipeline import extract_records, ingest
from counterclaim.store import Store
from counterclaim.store.models import AppearanceRow, ArticleRow

STORY = (
    "Flood Waters Reach Kostel, Governor Says\n"
    "date 2026-03-04\n\n"
    "KOSTEL, March 4 (Test Wire) - Flood water reached the centre of Kostel on Wednesday, the provincial "
    "governor said, and about 3,000 people left their homes overnight. Governor Ruslan Teyk told reporters "
    "that the dam had failed after days of heavy rain. The army denied that its shelling had weakened the "
    "wall. \"We fired nowhere near the dam,\" a spokeswoman said. Relief workers said at least 40 people "
    "were missing and that roads into the valley remained closed on Thursday morning.\n"
)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def file_store(tmp_path: Path) -> Store:
    s = Store(str(tmp_path / "t.db"))
    yield s
    s.close()


def count(store: Store, model: type) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_reingest_adds_nothing(tmp_path: Path, file_store: Store) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a.txt", STORY)
    first = ingest([str(folder)], file_store)
    assert [o.status for o in first] == ["ingested"]
    before = (count(file_store, ArticleRow), count(file_store, AppearanceRow))
    second = ingest([str(folder)], file_store)
    assert [o.status for o in second] == ["duplicate"]
    assert (count(file_store, ArticleRow), count(file_store, AppearanceRow)) == before


def test_exact_and_near_copies_become_appearances(tmp_path: Path, file_store: Store) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a.txt", STORY)
    write(folder, "b.txt", STORY.replace("\n\n", "\n\n\n"))  # same text, different whitespace
    write(folder, "c.txt", STORY.replace("Flood Waters Reach Kostel, Governor Says", "Kostel flooded").replace(
        "on Thursday morning", "on Thursday"))
    outcomes = {Path(o.source).name: o for o in ingest([str(folder)], file_store)}
    assert outcomes["a.txt"].status == "ingested"
    assert outcomes["b.txt"].status == "duplicate"
    assert outcomes["c.txt"].status == "syndicated"
    assert outcomes["b.txt"].article_id == outcomes["c.txt"].article_id == outcomes["a.txt"].article_id
    assert count(file_store, ArticleRow) == 1
    assert count(file_store, AppearanceRow) == 3


def test_bad_items_are_reported_and_the_rest_goes_on(tmp_path: Path, file_store: Store) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "binary.txt", bytes(range(256)) * 64)
    write(folder, "empty.txt", "")
    write(folder, "latin1.txt", STORY.replace("Kostel", "Kostël").encode("latin-1"))
    big = folder / "huge.txt"
    with big.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1024 * 1024)
    write(folder, "good.txt", STORY.replace("Kostel", "Drevac"))
    outcomes = {Path(o.source).name: o for o in ingest([str(folder), str(tmp_path / "missing.txt")], file_store)}
    assert outcomes["good.txt"].status == "ingested"
    assert outcomes["latin1.txt"].status == "ingested"
    for name in ("binary.txt", "empty.txt", "huge.txt", "missing.txt"):
        assert outcomes[name].status == "skipped", name
        assert outcomes[name].code and outcomes[name].reason
    with file_store.session() as session:
        texts = list(session.scalars(select(ArticleRow.text)))
    assert any("Kostël" in t for t in texts)


def test_extract_keeps_input_order_and_reports_errors(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", STORY)
    records = list(extract_records([str(tmp_path / "nope.txt"), str(good)]))
    assert [r["source"] for r in records] == [str(tmp_path / "nope.txt"), str(good)]
    assert "error" in records[0]
    assert records[1]["text"] == STORY


def test_extract_gives_foreign_text_without_analysis(tmp_path: Path) -> None:
    """Cleaning works in any language; only the English-only analysis is left out, and said so."""
    german = (
        "Der Stadtrat hat am Dienstag die Schätzung der Opposition zu den Kosten der Brückenreparatur "
        "abgelehnt. Der Bürgermeister sagte, die Arbeiten würden 40 Millionen Euro kosten.\n"
    )
    foreign = write(tmp_path, "de.txt", german)
    good = write(tmp_path, "good.txt", STORY)
    records = list(extract_records([str(foreign), str(good)]))
    assert records[0]["text"] == german and "error" not in records[0]
    assert records[0]["language"] == "de" and records[0]["warning"].startswith("CC202")
    assert records[0]["statements"] == [] and records[0]["quantities"] == []
    assert "warning" not in records[1] and records[1]["text"] == STORY
