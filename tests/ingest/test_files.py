"""Files and folders: formats by extension and content, and bad files as coded Skipped items."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counterclaim.clean import clean
from counterclaim.errors import Code
from counterclaim.ingest import iter_documents
from counterclaim.settings import Settings
from counterclaim.types import Article, RawDocument, Skipped

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
STORY = (DATA / "article.txt").read_text(encoding="utf-8")


def documents(*sources: str | Path, **settings: object) -> list[RawDocument | Skipped]:
    return list(iter_documents([str(s) for s in sources], Settings(**settings)))  # type: ignore[arg-type]


def test_mixed_folder_yields_articles_for_good_files_and_clear_skips_for_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a_binary.txt").write_bytes(b"\x00\x01\x02\x03" * 2000)
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_latin1.txt").write_bytes(STORY.replace("canal", "canal de l'Écluse à Noël").encode("latin-1"))
    with (folder / "d_huge.txt").open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.seek(50 * 1024 * 1024 - 1)
        handle.write(b"\n")
    (folder / "e_good.txt").write_text(STORY, encoding="utf-8")

    items = documents(folder)
    outcomes = [item if isinstance(item, Skipped) else clean(item) for item in items]

    by_name = {Path(o.source).name: o for o in outcomes}
    assert list(by_name) == ["a_binary.txt", "b_empty.txt", "c_latin1.txt", "d_huge.txt", "e_good.txt"]
    assert isinstance(by_name["e_good.txt"], Article)
    latin = by_name["c_latin1.txt"]
    assert isinstance(latin, Article) and "l'Écluse à Noël" in latin.text
    expected = {"a_binary.txt": Code.BINARY, "b_empty.txt": Code.EMPTY, "d_huge.txt": Code.TOO_LARGE}
    for name, code in expected.items():
        skipped = by_name[name]
        assert isinstance(skipped, Skipped) and skipped.code == code.value, skipped
    assert "52.4 MB" in by_name["d_huge.txt"].reason and "--max-bytes" in by_name["d_huge.txt"].reason


def test_large_file_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.seek(50 * 1024 * 1024)
        handle.write(b"x")
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read the whole file"))
    (item,) = documents(huge)
    assert isinstance(item, Skipped) and item.code == Code.TOO_LARGE.value


def test_folder_walk_is_sorted_recursive_skips_hidden_and_reports_unsupported(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "two.txt").write_text(STORY)
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / ".hidden.txt").write_text(STORY)
    (tmp_path / ".git" / "x.txt").write_text(STORY)
    (tmp_path / "notes.md").write_text(STORY)
    items = documents(tmp_path)
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in items] == ["a.txt", "notes.md", "b/two.txt"]
    assert isinstance(items[1], Skipped) and items[1].code == Code.UNSUPPORTED.value


def test_named_unsupported_and_missing_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(STORY)
    unsupported, missing = documents(tmp_path / "notes.md", tmp_path / "absent.txt")
    assert isinstance(unsupported, Skipped) and unsupported.code == Code.UNSUPPORTED.value
    assert isinstance(missing, Skipped) and missing.code == Code.NOT_FOUND.value and "check the path" in missing.reason


@pytest.mark.parametrize(
    ("magic", "name"),
    [(b"%PDF-1.7\n", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"PK\x03\x04", "ZIP")],
)
def test_known_binary_formats_are_named(tmp_path: Path, magic: bytes, name: str) -> None:
    path = tmp_path / "looks.html"
    path.write_bytes(magic + b"some bytes that would decode fine" * 10)
    (item,) = documents(path)
    assert isinstance(item, Skipped) and item.code == Code.BINARY.value and name in item.reason


def test_kind_follows_extension_and_content(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes((DATA / "article.html").read_bytes())
    (tmp_path / "saved.txt").write_bytes((DATA / "article.html").read_bytes())  # HTML saved as .txt
    (tmp_path / "story.txt").write_text(STORY)
    kinds = {Path(d.source).name: d.kind for d in documents(tmp_path) if isinstance(d, RawDocument)}
    assert kinds == {"page.html": "html", "saved.txt": "html", "story.txt": "text"}


def test_jsonl_records_carry_hints_and_bad_lines_are_skipped(tmp_path: Path) -> None:
    lines = [
        json.dumps({"body": STORY, "headline": "Trees", "url": "https://www.voanews.com/a/1", "date": "2024-04-07T10:00:00Z",
                    "publisher": {"name": "Canal News"}}),
        "{not json",
        json.dumps({"raw_html": (DATA / "article.html").read_text()}),
        json.dumps({"id": 7}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": ""}),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = documents(path)
    assert [i.source.rsplit("#", 1)[1] for i in items] == ["1", "2", "3", "4", "5", "7"]
    first, bad_json, html, no_text, not_object, empty = items
    assert isinstance(first, RawDocument) and first.kind == "text"
    assert first.hints == {"title": "Trees", "url": "https://www.voanews.com/a/1", "published": "2024-04-07T10:00:00Z",
                           "publisher": "Canal News"}
    assert isinstance(html, RawDocument) and html.kind == "html"
    assert [s.code for s in (bad_json, no_text, not_object)] == [Code.MALFORMED.value] * 3
    assert "no text field" in no_text.reason
    assert isinstance(empty, Skipped) and empty.code == Code.EMPTY.value
    article = clean(first)
    assert isinstance(article, Article)
    assert (article.title, article.published, article.date_confidence) == ("Trees", "2024-04-07", "high")


def test_json_file_holds_one_record_or_a_list(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"content": STORY, "title": "One"}))
    (tmp_path / "many.json").write_text(json.dumps([{"text": STORY}, {"articleBody": STORY}]))
    (tmp_path / "broken.json").write_text("[{")
    items = documents(tmp_path / "one.json", tmp_path / "many.json", tmp_path / "broken.json")
    assert [Path(i.source).name for i in items] == ["one.json", "many.json#1", "many.json#2", "broken.json"]
    assert items[0].hints["title"] == "One"  # type: ignore[union-attr]
    assert isinstance(items[-1], Skipped) and items[-1].code == Code.MALFORMED.value


def test_size_cap_applies_per_jsonl_record(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": STORY}) + "\n")
    big, good = documents(path, max_bytes=1000)
    assert isinstance(big, Skipped) and big.code == Code.TOO_LARGE.value
    assert isinstance(good, RawDocument)


def test_utf16_text_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(STORY.encode("utf-16"))
    (raw,) = documents(path)
    article = clean(raw)  # type: ignore[arg-type]
    assert isinstance(article, Article) and article.text == STORY
