"""Web fixtures: a hand-built store (no spaCy, milliseconds) for route tests, and a live server over the
ingested seed corpus plus an original payload article for the browser tests.

The hand-built store holds original texts written for these tests (tests/data/web/); the seed
corpus is read from ../shared at run time and never copied.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from counterclaim.store import Store
from counterclaim.store import repository as repo
from counterclaim.types import Analysis, Article, Quantity, Span, Speaker, Statement, TextRange

DATA = Path(__file__).resolve().parents[1] / "data" / "web"
PAYLOAD_ARTICLE = DATA / "inert_payloads.txt"
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

HARBOUR = """Harbour fees to rise by 8 percent, port authority says

Kell Reach, 2 May 2026 — The Kell Reach port authority said on Friday that mooring fees would rise by 8 percent in July.

Fishermen's association chair Odile Marsh disputed the need for the rise, saying the authority had a surplus of about 2 million euros.

Officials at the authority, speaking on condition of anonymity, said the surplus was closer to 400,000 euros.
"""


def make_analysis(text: str, *, title: str, publisher: str | None, published: str | None, source: str,
                  url: str | None = None, statements: list[dict[str, Any]] = (), quantities: list[dict[str, Any]] = (),
                  boilerplate: tuple[tuple[int, int], ...] = ()) -> Analysis:
    """An ``Analysis`` built by hand: items are located by their text, so offsets are always right."""

    def span(fragment: str, after: int = 0) -> Span:
        start = text.index(fragment, after)
        return Span.of(text, start, start + len(fragment))

    def sentence_of(start: int) -> TextRange:
        a = text.rfind("\n", 0, start) + 1
        b = text.find("\n", start)
        return TextRange(a, b if b != -1 else len(text))

    stmts = []
    for s in statements:
        content = span(s["content"])
        speaker = None
        if s.get("speaker"):
            speaker = Speaker(span(s["speaker"]), name=s.get("name", s["speaker"]), kind="person",
                              named=s.get("named", True), role=s.get("role"))
        cue = span(s["cue"], text.rfind("\n", 0, content.start) + 1) if s.get("cue") else None
        stmts.append(Statement(content=content, speaker=speaker, cue=cue, kind=s.get("kind", "indirect"),
                               stance=s["stance"], cue_lemma=s.get("cue"), sentence=sentence_of(content.start)))
    qtys = []
    for q in quantities:
        sp = span(q["text"])
        qtys.append(Quantity(start=sp.start, end=sp.end, text=sp.text, value=q.get("value"), low=q.get("low"),
                             high=q.get("high"), qualifier=q.get("qualifier", "="), unit=q.get("unit"),
                             concept=q.get("concept"), sentence=sentence_of(sp.start)))
    sentences = sorted({st.sentence for st in stmts} | {qt.sentence for qt in qtys}, key=lambda r: r.start)
    article = Article(source=source, text=text, kind="text", title=title, published=published, publisher=publisher,
                      url=url, boilerplate=tuple(TextRange(a, b) for a, b in boilerplate),
                      content_hash=f"hash-{source}")
    return Analysis(article=article, statements=tuple(stmts), quantities=tuple(qtys), sentences=tuple(sentences))


def fill_store(store: Store) -> dict[str, int]:
    """Two original articles, one full of script payloads; returns their ids by name."""
    payload = PAYLOAD_ARTICLE.read_text(encoding="utf-8")
    title = payload.splitlines()[0]
    analyses = {
        "payload": make_analysis(
            payload, title=title, publisher="Marlow <b>Bay</b> Gazette", published="2026-06-04", source="payload.txt",
            url="javascript:alert('xss-url')",
            statements=[
                {"speaker": "The Marlow Bay harbour board", "cue": "calling", "stance": "disputes",
                 "content": "\"a fiction <img src=x onerror=alert('xss-img')> from start to finish\""},
                {"speaker": "board spokeswoman Ilse Varga", "name": "Ilse Varga", "cue": "said", "stance": "asserts",
                 "content": "\"The figure of 40 empty berths is simply wrong, and the auditors know it,\"", "kind": "direct"},
                {"speaker": "Its director, Tomas Brenner", "name": "Tomas Brenner", "cue": "said", "stance": "asserts",
                 "content": "the count came from the harbour's own ledgers <svg onload=alert('xss-svg')></svg>"},
            ],
            quantities=[{"text": "40 berths", "value": 40, "unit": "berth", "concept": "empty berths"},
                        {"text": "fewer than 12 berths", "value": 12, "qualifier": "<", "unit": "berth",
                         "concept": "empty berths"}],
        ),
        "harbour": make_analysis(
            HARBOUR, title=HARBOUR.splitlines()[0], publisher="Kell Reach Courier", published="2026-05-02",
            source="harbour.txt", url="https://example.org/kell-reach/fees",
            statements=[
                {"speaker": "Fishermen's association chair Odile Marsh", "name": "Odile Marsh", "cue": "disputed",
                 "stance": "disputes", "content": "the need for the rise"},
                {"speaker": "Officials at the authority", "named": False, "cue": "said", "stance": "asserts",
                 "content": "the surplus was closer to 400,000 euros"},
            ],
            quantities=[{"text": "8 percent", "value": 8, "unit": "percent", "concept": "fee rise"},
                        {"text": "about 2 million euros", "value": 2_000_000, "qualifier": "~", "unit": "euro",
                         "concept": "surplus"}],
            boilerplate=((0, 55),),
        ),
    }
    ids = {}
    with store.session() as session:
        for name, analysis in analyses.items():
            ids[name] = repo.add_analysis(session, analysis).id
    with store.session() as session:
        ids.update(add_ledger(session, ids))
    return ids


def add_ledger(session: Any, ids: dict[str, int]) -> dict[str, int]:
    """A small, fixed ledger over the two articles, written by hand so the pages' tests do not
    depend on the linker's heuristics: two contested propositions, entities with aliases and an
    affiliation, two stories and conflicting figures."""
    from sqlalchemy import select

    from counterclaim.link.aliases import name_key
    from counterclaim.store.ledger_schema import ClaimLinkRow, PropositionRow, StoryRow
    from counterclaim.store.models import AliasRow, ArticleRow, EntityRow, QuantityRow, StatementRow

    board = EntityRow(canonical="Marlow Bay harbour board", type="organisation", source="learned", mention_count=3)
    audit = EntityRow(canonical="Marlow Bay audit office", type="organisation", source="learned", mention_count=2)
    session.add_all([board, audit])
    session.flush()
    varga = EntityRow(canonical="Ilse Varga", type="person", role="spokeswoman", affiliation_id=board.id, mention_count=1)
    brenner = EntityRow(canonical="Tomas Brenner", type="person", role="director", affiliation_id=audit.id, mention_count=1)
    marsh = EntityRow(canonical="Odile Marsh", type="person", role="association chair", mention_count=1)
    session.add_all([varga, brenner, marsh])
    session.flush()
    for entity, aliases in ((board, ["harbour board", "the board"]), (audit, ["audit office"]),
                            (varga, ["Ilse Varga", "Varga"]), (brenner, ["Tomas Brenner", "Brenner"]),
                            (marsh, ["Odile Marsh", "Marsh"])):
        for alias in dict.fromkeys([entity.canonical, *aliases]):
            session.add(AliasRow(entity_id=entity.id, alias=alias, key=name_key(alias)))
    rows = list(session.scalars(select(StatementRow)))

    class ByPrefix(dict):
        def __missing__(self, prefix: str) -> Any:
            return next(s for s in rows if s.content.startswith(prefix))

    statements = ByPrefix()
    speakers = {"\"a fiction <": board, "\"The figure": varga, "the count ca": brenner, "the need for": marsh}
    for key, entity in speakers.items():
        statements[key].speaker_entity_id = entity.id
    berths = PropositionRow(canonical="40 berths had stood empty for most of the spring", first_date="2026-06-04",
                            last_date="2026-06-04", first_article_id=ids["payload"], support_sources=1,
                            dispute_sources=1, n_members=3)
    surplus = PropositionRow(canonical="The port authority has a surplus of about 2 million euros",
                             first_date="2026-05-02", last_date="2026-05-02", first_article_id=ids["harbour"],
                             support_sources=1, dispute_sources=1, n_members=2)
    session.add_all([berths, surplus])
    session.flush()
    roles = [(berths, "the count ca", "supports"), (berths, "\"a fiction <", "disputes"),
             (berths, "\"The figure", "disputes"), (surplus, "the need for", "supports"),
             (surplus, "the surplus ", "disputes")]
    for prop, key, role in roles:
        stmt = statements[key]
        stmt.proposition_id = prop.id
        session.add(ClaimLinkRow(proposition_id=prop.id, statement_id=stmt.id, article_id=stmt.article_id, role=role,
                                 method="similar", score=0.9))
    berths.canonical_statement_id = statements["the count ca"].id
    for q in session.scalars(select(QuantityRow).where(QuantityRow.article_id == ids["payload"])):
        q.proposition_id = berths.id
    stories = []
    for name in ("payload", "harbour"):
        article = session.get(ArticleRow, ids[name])
        story = StoryRow(title=article.title, first_date=article.published, last_date=article.published, n_articles=1)
        session.add(story)
        session.flush()
        article.story_id = story.id
        stories.append(story)
    return {"berths": berths.id, "surplus": surplus.id, "story": stories[0].id, "varga": varga.id,
            "board": board.id, "concept": "empty berth"}


def new_web_store() -> Store:
    store = Store(":memory:")
    store.ids = fill_store(store)  # type: ignore[attr-defined]
    return store


@pytest.fixture(scope="module")
def web_store() -> Iterator[Store]:
    """Shared by a module's tests, which only read it (tests that write build their own)."""
    store = Store(":memory:")
    store.ids = fill_store(store)  # type: ignore[attr-defined]
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(web_store: Store) -> TestClient:
    from counterclaim.web import create_app

    return TestClient(create_app(web_store))


@pytest.fixture(scope="module")
def ingest_client(web_store: Store) -> TestClient:
    from counterclaim.web import create_app

    return TestClient(create_app(web_store, allow_ingest=True))


# ---------------------------------------------------------------- live server for the browser tests


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def browser_store(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Iterator[Store]:
    """The seed corpus plus the payload article, ingested through the real pipeline once per session (~30 s)."""
    from counterclaim.pipeline import ingest

    store = Store(str(tmp_path_factory.mktemp("web") / "web.db"))
    store.outcomes = ingest([str(seeds_dir), str(PAYLOAD_ARTICLE)], store)  # type: ignore[attr-defined]
    yield store
    store.close()


@pytest.fixture(scope="session")
def live_url(browser_store: Store) -> Iterator[str]:
    """uvicorn in a background thread on 127.0.0.1 and a free port; stopped after the session."""
    import uvicorn

    from counterclaim.web import create_app

    port = free_port()
    config = uvicorn.Config(create_app(browser_store), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright; never downloads a browser."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (scripts/install-chromium.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records console errors, page errors and dialogs (``page.problems``)."""
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = context.new_page()
    pg.problems = []  # console errors and uncaught exceptions
    pg.dialogs = []

    def on_console(msg: Any) -> None:
        if msg.type == "error":
            pg.problems.append(f"console: {msg.text}")

    def on_dialog(dialog: Any) -> None:
        pg.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("console", on_console)
    pg.on("pageerror", lambda exc: pg.problems.append(f"pageerror: {exc}"))
    pg.on("dialog", on_dialog)
    yield pg
    context.close()
