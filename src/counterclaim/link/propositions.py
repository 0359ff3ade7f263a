"""Linking attributed statements into propositions: claims that many articles support or dispute.

A claim-like statement (asserts, reports, hedges, concedes) joins the most similar proposition found
through the :class:`~counterclaim.link.candidate_index.CandidateIndex` when the blended score (embedding
cosine + IDF-weighted overlap of stems, entities and figures) clears ``join``; otherwise it starts a
new proposition, its content being the canonical wording.

A dispute often shares few words with what it disputes ("skeptical of its accuracy", "rejected the
Russian allegations"), so its target is resolved in order of evidence:

1. the figures it names ("disputes the figure of 700" → the proposition carrying 700);
2. its ``target`` span and content, by similarity, when the match is strong;
3. the nearest preceding claim in the same article made by another side (the Pentagon's doubt follows
   Putin's claim);
4. a weaker similarity match;
5. else the dispute's own content (what is denied) becomes a new proposition, which later supporters
   can join.

Some contests are argued with contrary assertions rather than denials: "a sizable increase in IS
operations" against "significantly diminished compared to 2019". When an article argues where one
actor is heading both ways (:func:`~counterclaim.link.trends.contested_trend`), those statements go
on one proposition, each backing or answering the trend by what it says (method ``trend``).

Linking is incremental and order-stable: statements are processed article by article in id order
and each decision only reads what came before, so ingesting A then B yields the same propositions as
ingesting A and B together. The embedding function is injected (:data:`Embedder`), so tests and the
scale benchmark can run without the shipped model.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from counterclaim.link.candidate_index import Candidate, CandidateIndex
from counterclaim.link.polarity import denied_direction, direction, is_negated
from counterclaim.link.trends import TrendContest, contested_trend

Embedder = Callable[[Sequence[str]], np.ndarray]

CLAIM_STANCES = {"asserts", "reports", "hedges", "concedes"}
ROLE_OF_STANCE = {"asserts": "supports", "hedges": "hedges", "reports": "reports", "concedes": "concedes",
                  "disputes": "disputes"}
STOP = frozenset(
    ["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "said", "says", "say", "saying", "told", "tell", "according", "added", "adding", "stated", "statement", "claimed", "claims", "claim", "reported", "report", "also", "would", "could", "may", "might", "must", "shall", "one", "two", "three", "new", "year", "years", "percent", "per", "cent", "mr", "ms", "last", "first", "since", "still", "even", "already", "however", "though", "although", "whether", "many", "much", "several", "around", "nearly", "almost", "just", "ever", "never", "yet", "within", "without",
     # the words of conversation, which every first-person quote shares ("I think people really know …"):
     # as evidence that two statements make one claim they gathered hubs of unrelated quotes on FNC-1
     "think", "thought", "know", "knew", "known", "really", "thing", "things", "people", "going", "gonna", "get",
     "got", "getting", "like", "want", "wanted", "way", "lot", "lots", "good", "great", "see", "seen", "look",
     "looking", "come", "came", "coming", "well", "time", "times", "something", "anything", "everything",
     "nothing", "someone", "anyone", "everyone", "somebody", "anybody", "everybody", "sure", "kind", "pretty",
     "actually", "little", "make", "made", "making", "take", "took", "believe", "feel", "felt", "mean",
     "right", "okay", "yeah", "guy", "guys", "man", "tell", "talk", "talking", "heard", "hear", "happen",
     "happened", "let", "keep", "put", "back", "day", "days", "life", "world", "whole", "need", "needs"]
)
# Dispute contents that only point at a claim, so the claim must come from context.
_POINTERS = frozenset({"it", "this", "that", "claim", "claims", "allegation", "allegations", "report", "reports",
                       "figure", "figures", "accuracy", "account", "accounts", "story", "stories", "number",
                       "numbers", "assertion", "assertions", "statement", "statements", "charge", "charges",
                       "accusation", "accusations", "suggestion", "idea", "notion", "propaganda", "lie", "lies"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*|\d[\d,]*(?:\.\d+)?")
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?")


def stem(word: str) -> str:
    """A light suffix stripper: enough to match "hostages"/"hostage" and "killed"/"killing"."""
    w = word.lower().replace("’", "'").removesuffix("'s")
    if w.endswith(("sses", "xes", "zes", "ches", "shes")) and len(w) > 5:
        return w[:-2]
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("s", "")):
        if w.endswith(suffix) and not w.endswith("ss") and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + repl
            break
    return w[:-1] if w.endswith("e") and len(w) > 4 else w


def content_terms(text: str, limit: int = 32) -> list[str]:
    """Distinct content stems of a text, in order (numbers and stop words left out)."""
    return list(_content_terms(text, limit))


@lru_cache(maxsize=32768)
def _content_terms(text: str, limit: int) -> tuple[str, ...]:
    # Cached: the embedder and the blocking keys read the same texts one after the other.
    out: list[str] = []
    seen: set[str] = set()
    for tok in _WORD.findall(text):
        if tok[0].isdigit():
            continue
        low = tok.lower().strip("'’-")
        if len(low) < 3 or low in STOP or low in ("al", "el"):
            continue
        s = stem(low)
        if s not in seen:
            seen.add(s)
            out.append(s)
            if len(out) >= limit:
                break
    return tuple(out)


def numbers_in(text: str) -> set[str]:
    """Figures written in a text, normalised ("1,000" → "1000"); years and small ordinals kept too."""
    out = set()
    for n in _NUMBER.findall(text):
        v = n.replace(",", "")
        try:
            f = float(v)
        except ValueError:
            continue
        out.add(format_number(f))
    return out


def format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def hash_embedder(dim: int = 64) -> Embedder:
    """A deterministic bag-of-stems embedding: the stand-in when the shipped model is absent.

    Each stem adds a signed unit at a hashed position, so texts sharing stems get a positive cosine.
    It needs no model and is used by tests and the scale benchmark; stems' positions are cached
    because a news vocabulary repeats.
    """
    cache: dict[str, tuple[int, float]] = {}

    def position(term: str) -> tuple[int, float]:
        hit = cache.get(term)
        if hit is None:
            h = int.from_bytes(hashlib.blake2b(term.encode(), digest_size=8).digest(), "little")
            hit = (h % dim, 1.0 if (h >> 32) & 1 else -1.0)
            if len(cache) < 1_000_000:
                cache[term] = hit
        return hit

    def embed(texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for term in _content_terms(text, 32):
                j, sign = position(term)
                out[i, j] += sign
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)

    return embed


def default_embedder() -> Embedder:
    """The shipped model2vec embedding (``counterclaim/embeddings.py``), else the hashing stand-in."""
    try:
        from counterclaim import embeddings

        embeddings.load_model()
        return embeddings.embed
    except (ImportError, FileNotFoundError, OSError):
        return hash_embedder()


# ---------------------------------------------------------------- inputs and decisions


@dataclass(frozen=True, slots=True)
class ClaimInput:
    """What the linker needs to know about one statement (built from a row or synthesised)."""

    statement_id: int
    article_id: int
    position: int  # order within the article (content start)
    stance: str
    content: str
    target: str | None = None
    speaker_entity_id: int | None = None
    side: str | None = None
    entity_ids: tuple[int, ...] = ()
    numbers: frozenset[str] = frozenset()
    story_id: int | None = None
    date: str | None = None
    named_sides: tuple[str, ...] = ()  # countries/sides the content names ("Russian allegations" → Russia)
    key_text: str | None = None  # the content with entity names blanked, for word keys (None = content)
    cue: str | None = None  # lemma of the cue ("say", "deny", "ask")


@dataclass(frozen=True, slots=True)
class ClaimLink:
    """A linking decision: the statement's proposition, its role there and the evidence used."""

    statement_id: int
    proposition_id: int
    article_id: int
    role: str  # supports | disputes | reports | concedes | hedges
    method: str  # new | similar | target | figure | claimant | echo | preceding | trend
    score: float
    side: str | None
    created: bool = False


@dataclass(frozen=True, slots=True)
class Proposition:
    """A proposition as the linker holds it: canonical wording and where it comes from."""

    id: int
    canonical: str
    canonical_statement_id: int | None
    first_article_id: int | None
    canonical_role: str


@dataclass
class _ArticleClaims:
    """Claims already linked in the article being processed, for "nearest preceding claim" lookups."""

    article_id: int
    claims: list[tuple[int, int | None, str | None, int]] = field(default_factory=list)  # position, speaker, side, pid
    disputes: list[tuple[int | None, str | None, frozenset[str], int]] = field(default_factory=list)  # speaker, side, stems, pid


def statement_keys(claim: ClaimInput, text: str | None = None) -> list[str]:
    """Blocking keys: content stems, entity ids and figures."""
    keys = [f"t:{t}" for t in _content_terms(text if text is not None else (claim.key_text or claim.content), 32)]
    keys += [f"e:{e}" for e in dict.fromkeys(claim.entity_ids)]
    keys += [f"n:{n}" for n in sorted(claim.numbers)]
    return keys


def member_keys(keys: Sequence[str], method: str, score: float = 1.0) -> list[str]:
    """Keys a member adds to its proposition: only close matches add words of their own.

    A dispute matched by context ("skeptical of its accuracy") says nothing about the claim, and a
    loose match would let the proposition drift towards whatever its members also talk about.
    """
    if method in ("preceding", "figure") or score < 0.6:
        return [k for k in keys if not k.startswith("t:")]
    return list(keys)


def trim_canonical(text: str, limit: int = 240) -> str:
    """A claim's wording as shown: one line, outer quotes and trailing punctuation dropped, bounded."""
    text = " ".join(text.split()).strip(" \"“”'‘’,;:")
    if len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0]
        text = cut + "…"
    return text[:1].upper() + text[1:] if text else text


class PropositionLinker:
    """Assigns statements to propositions incrementally; persistence is the caller's job.

    ``next_id`` hands out proposition ids, so the same linker drives both the store (ids from the
    database) and the in-memory scale benchmark.
    """

    def __init__(
        self,
        embedder: Embedder,
        dim: int,
        *,
        next_id: Callable[[ClaimInput, str], int] | None = None,
        join: float = 0.45,
        dispute_strong: float = 0.45,
        dispute_weak: float = 0.32,
        k: int = 16,
        cross_story: float = 0.1,
        contradict: float = 0.5,
    ) -> None:
        self.embedder = embedder
        self.index = CandidateIndex(dim)
        self.join = join
        self.dispute_strong = dispute_strong
        self.dispute_weak = dispute_weak
        self.k = k
        # Joining a proposition of another story without a shared figure needs a closer match
        # (generic quotes such as "For as long as I live …" otherwise gather a hub of unrelated
        # events, seen on FNC-1), and an asserted negation only contradicts a close match.
        self.cross_story = cross_story
        self.contradict = contradict
        self._counter = 0
        self._next_id = next_id
        self.negated: dict[int, bool] = {}  # proposition id → polarity of its canonical wording
        self.directions: dict[int, int] = {}  # proposition id → the trend its wording claims (UP, DOWN or 0)
        self.stories: dict[int, set[int]] = {}
        self.propositions: dict[int, Proposition] = {}
        self.dates: dict[int, str] = {}  # proposition id → latest article date
        self.backed_by: dict[int, set[int]] = {}  # speaker entity → propositions it supports or hedges
        self.backed_by_side: dict[str, set[int]] = {}  # side → propositions it supports or hedges
        self._article: _ArticleClaims | None = None

    # ------------------------------------------------------------ loading existing state

    def load(self, proposition: Proposition, keys: Sequence[str], centroid: np.ndarray | None,
             story_ids: set[int] | None = None, last_date: str | None = None, members: int = 1) -> None:
        """Index a proposition already in the store (its centroid is the sum of its first member vectors)."""
        vector = centroid if centroid is not None else np.zeros(self.index.dim, dtype=np.float32)
        self.index.add(proposition.id, keys, vector, members)
        self.propositions[proposition.id] = proposition
        self._set_polarity(proposition.id, proposition.canonical, proposition.canonical_role == "disputes")
        self.stories[proposition.id] = set(story_ids or ())
        if last_date:
            self.dates[proposition.id] = last_date
        self._counter = max(self._counter, proposition.id)

    def note_support(self, proposition_id: int, entity_id: int | None, side: str | None) -> None:
        """Remember who backs a proposition, so a dispute naming them ("alleged by Putin") finds it."""
        if entity_id is not None:
            self.backed_by.setdefault(entity_id, set()).add(proposition_id)
        if side:
            self.backed_by_side.setdefault(side, set()).add(proposition_id)

    def new_id(self, claim: ClaimInput, canonical: str) -> int:
        if self._next_id is not None:
            return self._next_id(claim, canonical)
        self._counter += 1
        return self._counter

    # ------------------------------------------------------------ linking

    def link(self, claims: Sequence[ClaimInput], vectors: np.ndarray | None = None) -> list[ClaimLink]:
        """Link claims article by article (in the order given), returning one link per claim, in order.

        Within an article, claims are linked before disputes, so a dispute can find the claim it
        answers even when the article quotes the denial first (headlines and ledes often do).
        """
        if vectors is None:
            vectors = self.embedder([_text_for(c) for c in claims]) if claims else np.zeros((0, self.index.dim))
        out: list[ClaimLink | None] = [None] * len(claims)
        start = 0
        while start < len(claims):
            end = start
            while end < len(claims) and claims[end].article_id == claims[start].article_id:
                end += 1
            self._article = _ArticleClaims(claims[start].article_id)
            contest = contested_trend(claims[start:end])
            anchor = start + contest.anchor if contest is not None else -1
            order = sorted(range(start, end), key=lambda i: (i != anchor, claims[i].stance == "disputes", i))
            contest_pid: int | None = None
            for i in order:
                claim = claims[i]
                vector = np.asarray(vectors[i], dtype=np.float32)
                if contest is not None and contest_pid is not None and i - start in contest.backs:
                    link = self._join_contest(claim, vector, contest_pid, contest, contest.backs[i - start])
                else:
                    link = self.link_one(claim, vector)
                if i == anchor:
                    contest_pid = link.proposition_id
                out[i] = link
                if link.role in ("supports", "hedges", "reports", "concedes"):
                    self._article.claims.append(
                        (claim.position, claim.speaker_entity_id, claim.side, link.proposition_id))
                if link.role in ("supports", "hedges"):
                    self.note_support(link.proposition_id, claim.speaker_entity_id, claim.side)
                if link.role == "disputes" and link.method == "new":
                    # what a dispute names became a proposition ("pushed back against the narrative of a
                    # resurgent IS"): a later denial in the article may answer that claim, whoever made it
                    self._article.claims.append((claim.position, None, None, link.proposition_id))
                if link.role == "disputes":
                    self._article.disputes.append((claim.speaker_entity_id, claim.side,
                                                   frozenset(_content_terms(claim.content, 32)) - _POINTERS,
                                                   link.proposition_id))
            start = end
        return [link for link in out if link is not None]

    def link_one(self, claim: ClaimInput, vector: np.ndarray) -> ClaimLink:
        keys = statement_keys(claim)
        if _REFUSAL.search(claim.content):
            # "We are not going to confirm the identity of anyone": a non-answer takes no side
            claim = replace(claim, stance="reports")
        if claim.stance == "disputes":
            return self._link_dispute(claim, vector, keys)
        role = ROLE_OF_STANCE.get(claim.stance, "reports")
        if role == "supports" and (_WRAPPED.match(claim.content) or claim.cue in REQUEST_CUES):
            # "claims by Putin that …": the speaker talks about someone else's claim;
            # "asked the FBI for confirmation of …": a request asserts nothing
            role = "reports"
        best = self._best(claim, vector, keys)
        if best is not None and best[1] >= self.join:
            pid, score = best
            # "no unit fired a single round" asserted against "the army shelled the dam" — only when
            # the two clearly speak of one thing: a loose match with a "not" is no contradiction.
            if role == "supports" and score >= self.contradict and self._contrary(claim.content, pid):
                role = "disputes"
            return self._join(claim, vector, keys, pid, role, "similar", score)
        return self._create(claim, vector, keys, role, trim_canonical(claim.content))

    def _join_contest(self, claim: ClaimInput, vector: np.ndarray, pid: int, contest: TrendContest,
                      backs: bool) -> ClaimLink:
        """Join the article's trend contest: backing the trend supports it (in the claim's own voice:
        reports stay reports), answering it disputes it, whatever the cue."""
        keys = statement_keys(claim)
        if not backs:
            role = "disputes"
        elif claim.stance == "disputes":
            role = "supports"  # denying the decline backs the rise
        else:
            role = ROLE_OF_STANCE.get(claim.stance, "reports")
        cands = self.index.score(keys, vector, [pid])
        score = self._score(claim, cands[0]) if cands else 0.0
        prop = self.propositions.get(pid)
        if prop is not None and prop.canonical_role == "disputes" and direction(prop.canonical) == contest.claim_direction:
            # the anchor named the trend it disputes ("the narrative of a resurgent IS"): that wording
            # states the claim, so a supporter joining does not replace it
            self.propositions[pid] = replace(prop, canonical_role="supports")
        return self._join(claim, vector, keys, pid, role, "trend", score)

    def _link_dispute(self, claim: ClaimInput, vector: np.ndarray, keys: list[str]) -> ClaimLink:
        # 1. a figure it names
        if claim.numbers:
            hit = self._by_figure(claim, vector, keys)
            if hit is not None:
                return self._join(claim, vector, keys, hit[0], "disputes", "figure", hit[1])
        # 2. the target span and content, strongly similar
        probe_text = " ".join(t for t in (claim.target, claim.content) if t)
        probe_keys = statement_keys(claim, probe_text)
        probe_vec = vector
        if claim.target:
            probe_vec = self.embedder([probe_text])[0]
        # 2a. a claimant it names ("alleged by President Putin", "Russian allegations"): one of theirs
        named = self._by_claimant(claim, probe_vec, probe_keys)
        if named is not None:
            return self._join(claim, vector, keys, named[0], "disputes", "claimant", named[1])
        best = self._best(claim, probe_vec, probe_keys)
        pointer = _is_pointer(claim.target or claim.content) and _is_pointer(claim.content)
        if best is not None and best[1] >= self.dispute_strong and not pointer:
            role = "supports" if self._dispute_agrees(claim, best[0]) else "disputes"
            return self._join(claim, vector, keys, best[0], role, "target" if claim.target else "similar", best[1])
        # 3. an earlier dispute by the same side in this article that it echoes ("no proof of death" …
        # "no definitive proof that this report is true"), else the nearest preceding claim by another side
        echo = self._echo(claim)
        if echo is not None:
            return self._join(claim, vector, keys, echo, "disputes", "echo", 0.0)
        # the nearest claim of another side — only for a disputer whose side is known
        prev = self._preceding_opponent(claim) if claim.side is not None or claim.speaker_entity_id is not None else None
        if prev is not None:
            return self._join(claim, vector, keys, prev, "disputes", "preceding", 0.0)
        # 4. a weaker match
        if best is not None and best[1] >= self.dispute_weak:
            role = "supports" if self._dispute_agrees(claim, best[0]) else "disputes"
            return self._join(claim, vector, keys, best[0], role, "similar", best[1])
        # 5. what is disputed becomes a proposition of its own
        text = claim.target if claim.target and len(claim.target.split()) >= 4 else claim.content
        return self._create(claim, vector, keys, "disputes", trim_canonical(text))

    def _score(self, claim: ClaimInput, cand: Candidate) -> float:
        """Blend of meaning and shared evidence; 0 unless the two share real content.

        Model2vec cosines between any two news sentences sit around 0.3–0.6, so the cosine is
        rescaled above a floor; entities are common to a whole story, so they weigh little, and a
        match needs two shared content stems, a shared figure or a near-identical wording.
        """
        if cand.n_terms < 2 and cand.n_figures < 1 and cand.cosine < 0.85:
            return 0.0
        cos = max(0.0, (cand.cosine - 0.35) / 0.65)
        score = 0.45 * cos + 0.45 * cand.overlap + 0.1 * cand.entity_share
        if claim.story_id is not None and claim.story_id in self.stories.get(cand.proposition_id, ()):
            score += 0.05
        if cand.n_figures:
            score += 0.05
        elif not self._same_story(claim, cand.proposition_id):
            score -= self.cross_story  # another story, no shared figure: only a close match joins
        return score * _age_factor(claim.date, self.dates.get(cand.proposition_id))

    def _best(self, claim: ClaimInput, vector: np.ndarray, keys: list[str]) -> tuple[int, float] | None:
        cands = self.index.search(keys, vector, k=self.k)
        if not cands:
            return None
        scored = [(self._score(claim, c), -c.proposition_id, c.proposition_id) for c in cands]
        score, _, pid = max(scored)
        return pid, score

    def _by_figure(self, claim: ClaimInput, vector: np.ndarray, keys: list[str]) -> tuple[int, float] | None:
        """The proposition carrying a figure the dispute names, preferring the same story and meaning."""
        fig_keys = {f"n:{n}" for n in claim.numbers if not _looks_like_year(n)}
        if not fig_keys:
            return None
        best: tuple[float, int] | None = None
        for cand in self.index.search(keys, vector, k=self.k):
            if not cand.n_figures or not self.index.has_any(cand.proposition_id, fig_keys):
                continue
            score = self._score(claim, cand) + 0.2
            if best is None or (score, -cand.proposition_id) > (best[0], -best[1]):
                best = (score, cand.proposition_id)
        return (best[1], best[0]) if best else None

    def _same_story(self, claim: ClaimInput, proposition_id: int) -> bool:
        """True unless both the claim and the proposition have stories and share none."""
        stories = self.stories.get(proposition_id)
        return claim.story_id is None or not stories or claim.story_id in stories

    def _by_claimant(self, claim: ClaimInput, vector: np.ndarray, keys: list[str]) -> tuple[int, float] | None:
        """Among the propositions backed by an entity or side the dispute names, the most similar.

        Only claimants on another side than the disputer's count, and only their propositions in the
        same story or article, so "the rest of Putin's claims" cannot reach a claim of his from
        another year. Ties (no shared words) go to the most recent proposition.
        """
        pids: set[int] = set()
        for e in claim.entity_ids:
            if e != claim.speaker_entity_id:
                pids |= self.backed_by.get(e, set())
        for side in claim.named_sides:
            if side != claim.side:
                pids |= self.backed_by_side.get(side, set())
        here = {pid for *_, pid in self._article.claims} if self._article is not None else set()
        pids = {p for p in pids if p in here or (claim.story_id is not None and claim.story_id in self.stories.get(p, ()))}
        if claim.side is not None:
            pids = {p for p in pids if not self._backed_only_by(p, claim.side)}
        if not pids:
            return None
        # The claimant's own name says which claims are theirs, not which one is meant: only the
        # lower-case words weigh ("the large number of hostages alleged by President Putin").
        plain = [k for k in statement_keys(claim, _CAPITALISED.sub(" ", f"{claim.target or ''} {claim.content}"))
                 if k.startswith("t:")]
        scored = []
        polarity = is_negated(claim.target or claim.content)
        for cand in self.index.score(plain, vector, pids):
            # Shared words first: a long claim's centroid is near everything, so cosine only breaks ties,
            # after polarity: "allegations that the U.S. had failed to stem the threat" answers Putin's
            # "U.S.-backed forces did not finish their job", not his hostage figure.
            cos = max(0.0, (cand.cosine - 0.35) / 0.65)
            same_polarity = self.negated.get(cand.proposition_id, False) == polarity
            scored.append((cand.overlap if cand.n_terms else 0.0, same_polarity, cos, cand.proposition_id in here,
                           cand.proposition_id))
        overlap, _, cos, _, pid = max(scored)
        score = 0.5 * overlap + 0.5 * cos
        return pid, score

    def _backed_only_by(self, proposition_id: int, side: str) -> bool:
        sides = {s for s, ps in self.backed_by_side.items() if proposition_id in ps}
        return sides == {side}

    def _echo(self, claim: ClaimInput) -> int | None:
        """The proposition an earlier dispute in this article by the same speaker or side disputes,
        when the two share a content word."""
        if self._article is None or (claim.side is None and claim.speaker_entity_id is None):
            return None
        stems = set(_content_terms(claim.content, 32)) - _POINTERS
        for speaker, side, other, pid in reversed(self._article.disputes):
            same = (speaker is not None and speaker == claim.speaker_entity_id) or (
                side is not None and side == claim.side)
            if same and stems & other:
                return pid
        return None

    def _preceding_opponent(self, claim: ClaimInput) -> int | None:
        """The nearest claim in the same article by another speaker and side: preceding first, else following."""
        if self._article is None:
            return None
        others = [
            (position, pid) for position, speaker, side, pid in self._article.claims
            if not (speaker is not None and speaker == claim.speaker_entity_id)
            and not (claim.side is not None and side is not None and side == claim.side)
        ]
        before = [o for o in others if o[0] < claim.position]
        if before:
            return max(before)[1]
        after = [o for o in others if o[0] > claim.position]
        return min(after)[1] if after else None

    def _set_polarity(self, pid: int, canonical: str, born_of_dispute: bool) -> None:
        """Remember what a proposition's wording claims. A proposition born from a dispute is the
        positive claim being denied, whether the dispute wrote it out ("denied that the army shelled
        the dam") or negated it ("never targeted the dam", "IS has not grown")."""
        self.negated[pid] = is_negated(canonical) and not born_of_dispute
        self.directions[pid] = -denied_direction(canonical) if born_of_dispute else direction(canonical)

    def _contrary(self, content: str, pid: int) -> bool:
        """True when ``content`` says the opposite of the proposition: the other way on a trend
        ("IS activity has diminished" against "a sizable increase in IS operations"), else the other
        polarity ("no unit fired a single round" against "the army shelled the dam")."""
        trend, claimed = direction(content), self.directions.get(pid, 0)
        if trend and claimed:
            return trend != claimed
        return is_negated(content) != self.negated.get(pid, False)

    def _dispute_agrees(self, claim: ClaimInput, pid: int) -> bool:
        """True when a denial matched by its wording says what the proposition already says: "denied
        that any army unit fired near the dam" joining "No army unit had fired a single round".

        A dispute's position is the negation of its content's positive form (the cue denies it, or
        the content carries its own "never"), so it agrees with a negated wording, or with a trend
        going the way the dispute says things go."""
        position, claimed = denied_direction(claim.target or claim.content), self.directions.get(pid, 0)
        if position and claimed:
            return position == claimed
        return self.negated.get(pid, False)

    def _join(self, claim: ClaimInput, vector: np.ndarray, keys: list[str], pid: int, role: str, method: str,
              score: float) -> ClaimLink:
        self.index.extend(pid, member_keys(keys, method, score), vector)
        if claim.date:
            self.dates[pid] = max(self.dates.get(pid, claim.date), claim.date)
        if claim.story_id is not None:
            self.stories.setdefault(pid, set()).add(claim.story_id)
        prop = self.propositions.get(pid)
        if prop is not None and (
                (prop.canonical_role == "disputes" and role in ("supports", "hedges"))
                or (prop.canonical_role == "asks" and role != "disputes" and claim.cue not in REQUEST_CUES)):
            # The first supporter's words describe the claim better than its denial did, and any
            # statement better than a request ("asked for confirmation of their interview …").
            canonical = trim_canonical(claim.content)
            self.propositions[pid] = Proposition(pid, canonical, claim.statement_id, prop.first_article_id,
                                                 role if role in ("supports", "hedges") else "supports")
            self._set_polarity(pid, canonical, False)
        return ClaimLink(claim.statement_id, pid, claim.article_id, role, method, round(score, 4), claim.side)

    def _create(self, claim: ClaimInput, vector: np.ndarray, keys: list[str], role: str, canonical: str) -> ClaimLink:
        pid = self.new_id(claim, canonical)
        self.index.add(pid, keys, vector)
        canonical_role = "asks" if claim.cue in REQUEST_CUES and role != "disputes" else role
        self.propositions[pid] = Proposition(pid, canonical, claim.statement_id, claim.article_id, canonical_role)
        self._set_polarity(pid, canonical, role == "disputes")
        self.stories[pid] = {claim.story_id} if claim.story_id is not None else set()
        if claim.date:
            self.dates[pid] = claim.date
        return ClaimLink(claim.statement_id, pid, claim.article_id, role, "new", 1.0, claim.side, created=True)


_CAPITALISED = re.compile(r"\b[A-Z][\w.'’\-]*")
# Refusals to answer ("not going to comment", "declined to confirm", "no running commentary") say
# nothing for or against a claim, whatever their cue: they only report that there is a question.
_REFUSAL = re.compile(
    r"\b(?:not going to|will not|won[’']t|would not|wouldn[’']t|do not|don[’']t|does not|doesn[’']t|declined? to|"
    r"refused? to|cannot|can[’']t) (?:publicly )?(?:comment|confirm or deny|discuss|speculate|"
    r"give (?:a |any )?(?:running )?commentary|go into (?:the )?details?)\b"
    r"|\b(?:not going to|declined? to|refused? to) confirm\b"
    r"|\bno (?:further )?comment\b",
    re.IGNORECASE,
)
# Cues whose content is asked for, not asserted: a request joins a proposition but names it poorly.
REQUEST_CUES = frozenset({"ask", "request", "seek", "demand", "urge", "plead", "beg", "invite", "inquire", "enquire"})
_WRAPPED = re.compile(r"(?:the\s+)?(?:claims?|allegations?|accusations?|assertions?|suggestions?)\s+(?:by|from|that)\b",
                      re.IGNORECASE)


def _text_for(claim: ClaimInput) -> str:
    return claim.content


def _age_factor(a: str | None, b: str | None) -> float:
    """Claims a year or more apart are less likely the same proposition (a mild damping, not a wall)."""
    if not a or not b or len(a) < 4 or len(b) < 4 or not (a[:4].isdigit() and b[:4].isdigit()):
        return 1.0
    years = abs(int(a[:4]) - int(b[:4]))
    return 1.0 if years == 0 else 0.9 if years == 1 else 0.8


def _looks_like_year(n: str) -> bool:
    return len(n) == 4 and n.isdigit() and 1900 <= int(n) <= 2100


def _is_pointer(text: str) -> bool:
    """True when a dispute only points at a claim ("skeptical of its accuracy", "the Russian allegations")."""
    terms = [w.lower() for w in _WORD.findall(text) if w.lower() not in STOP]
    if len(terms) <= 1:
        return True
    return len(terms) <= 4 and any(t in _POINTERS for t in terms)
