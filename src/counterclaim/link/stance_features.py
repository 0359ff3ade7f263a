"""Features for claim-vs-text stance: overlap, similarity of the closest sentences, and cue words.

Two questions decide stance. *Is the text about the claim?* — answered by word, number and
embedding overlap between the claim and the text, and especially by its closest sentences.
*Which side does it take?* — answered by refuting, hedging and confirming cue words and by negation,
counted over the whole text and, more tellingly, in the sentences closest to the claim, where a
denial of *this* claim would be. The classifier (``stance.py``) weighs them; this module only
measures. Everything that depends on one text alone is computed once per distinct text
(:class:`TextInfo`), because news bodies are scored against many claims.
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from counterclaim import embeddings
from counterclaim.analyse import cues as attribution_cues

# Cue lexicons. They are data, kept apart from the logic, and each is counted word by word as well
# as in total so the classifier can learn that "hoax" weighs more than "not".
REFUTE = (
    "fake", "fakes", "faked", "fraud", "hoax", "hoaxes", "false", "falsely", "deny", "denies", "denied",
    "denial", "debunk", "debunked", "debunks", "bogus", "untrue", "incorrect", "wrong", "misleading",
    "myth", "satire", "satirical", "prank", "pranks", "retract", "retracted", "retraction", "refute",
    "refuted", "refutes", "dismiss", "dismissed", "dismisses", "reject", "rejected", "rejects",
    "baseless", "fabricated", "fabrication", "rumor", "rumors", "rumour", "rumours", "doubt", "doubts",
    "nonsense", "scam", "photoshopped", "doctored", "unfounded", "lie", "lies", "lied", "contrary",
    "despite", "nope", "fiction", "spoof", "parody", "mistaken", "erroneous", "clarified", "insists",
    # denials as news copy words them: the verb forms, and the nouns a debunk uses for the claim
    "denying", "rejecting", "dismissing", "debunking", "disputed", "disputes", "dispute", "contradicts",
    "contradicted", "misinformation", "disinformation", "inaccurate", "unsubstantiated", "groundless",
    "phony", "phoney", "invented", "fabricate", "hoaxer", "skeptical", "sceptical", "dubious",
)
HEDGE = (
    "reportedly", "allegedly", "alleged", "alleges", "claims", "claim", "claimed", "claiming",
    "unconfirmed", "unverified", "rumored", "rumoured", "apparently", "purportedly", "purported",
    "supposedly", "may", "might", "could", "possibly", "possible", "suggests", "suggest", "believed",
    "according", "sources", "source", "speculation", "speculate", "appear", "appears", "appeared",
    "seems", "seem", "report", "reports", "reported", "said", "says", "say", "told", "unclear",
    "whether", "if", "investigating", "investigation", "likely", "unknown", "questions",
)
CONFIRM = (
    "confirmed", "confirms", "confirm", "official", "officially", "announced", "announces",
    "revealed", "reveals", "proves", "proved", "proof", "evidence", "true", "indeed", "verified",
    "actually", "real", "genuine", "authentic", "admitted", "admits", "acknowledged", "shows",
)
NEGATION = ("not", "no", "never", "n't", "none", "nobody", "nothing", "neither", "nor", "without", "cannot")
CUE_WORDS: tuple[str, ...] = tuple(dict.fromkeys(REFUTE + HEDGE + CONFIRM + NEGATION))
_CUE_INDEX = {w: i for i, w in enumerate(CUE_WORDS)}
_REFUTE, _HEDGE, _CONFIRM, _NEG = (frozenset(x) for x in (REFUTE, HEDGE, CONFIRM, NEGATION))
_REFUTE_IDX, _HEDGE_IDX, _CONFIRM_IDX, _NEG_IDX = (
    np.array(sorted({_CUE_INDEX[w] for w in group})) for group in (REFUTE, HEDGE, CONFIRM, NEGATION)
)

# The attribution stage's own phrase lexicon ("no evidence", "cannot confirm", "not true"; "reportedly",
# "may have"): multi-word denials and hedges that single cue words miss. Sharing it keeps the two
# stages' idea of a dispute the same; the model records its fingerprint (see stance.py).
PHRASE_PATTERNS: tuple[re.Pattern[str], ...] = (
    attribution_cues._DISPUTE, attribution_cues._CLAUSE_DISPUTE, attribution_cues._HEDGE,
)
PHRASE_NAMES = ("dispute", "deny", "hedge")


def phrase_lexicon_fingerprint() -> str:
    """A short hash of the shared phrase lexicon, stored with the model to notice later edits."""
    joined = "\n".join(p.pattern for p in PHRASE_PATTERNS)
    return f"{zlib.crc32(joined.encode('utf-8')):08x}"


_STOPWORD_TEXT = """a about above after again against all am an and any are as at be because been before being below
    between both but by can did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i in into is it its itself just me more most my myself of off
    on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves also us
    s t its it's"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

HASH_BUCKETS = 1 << 17  # hashed vocabulary for TF-IDF: no word list has to ship with the model
TOP_K = 3  # sentences closest to the claim that the cue features look at

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|n't")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CAPITAL = re.compile(r"\b[A-Z][a-zA-Z]{2,}")
_SENT_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n\s*\n|\n(?=[A-Z\"“])")


def words(text: str) -> list[str]:
    """Lower-cased word tokens, with the negation clitic ``n't`` split off."""
    return _WORD.findall(text.lower().replace("’", "'").replace("n't", " n't"))


def stem(word: str) -> str:
    """A crude suffix stripper: enough to let "denies" meet "denied" without a stemmer dependency."""
    for suffix in ("ing", "edly", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_stems(tokens: Sequence[str]) -> list[str]:
    return [stem(t) for t in tokens if t not in STOPWORDS and len(t) > 1]


def split_sentences(text: str, *, max_sentences: int = 80) -> list[str]:
    """Split on sentence punctuation and blank lines; cheap and good enough for news bodies.

    Long bodies are capped: the decisive sentences of news copy sit near the top.
    """
    parts = [p.strip() for p in _SENT_SPLIT.split(text) if p and p.strip()]
    return parts[:max_sentences] or [text.strip()]


def _bucket(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) & (HASH_BUCKETS - 1)


def hashed_terms(stems: Sequence[str]) -> dict[int, float]:
    """Sub-linear term frequencies of unigrams and bigrams in hash buckets."""
    counts: dict[int, float] = {}
    for t in stems:
        b = _bucket(t)
        counts[b] = counts.get(b, 0.0) + 1.0
    for a, b in itertools.pairwise(stems):
        k = _bucket(a + " " + b)
        counts[k] = counts.get(k, 0.0) + 1.0
    return {k: 1.0 + math.log(v) for k, v in counts.items()}


def tfidf(terms: dict[int, float], idf: np.ndarray) -> dict[int, float]:
    vec = {k: v * float(idf[k]) for k, v in terms.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {k: v / norm for k, v in vec.items()}


def sparse_cosine(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


@dataclass(slots=True)
class TextInfo:
    """Everything about one text that does not depend on the claim, computed once per distinct text."""

    text: str
    sentences: list[str]
    sentence_stems: list[set[str]]
    stems: set[str]
    ordered_stems: list[str]
    tfidf: dict[int, float]
    sentence_tfidf: list[dict[int, float]]
    cues: np.ndarray  # (n_sentences, len(CUE_WORDS)) counts
    phrases: np.ndarray  # (n_sentences, len(PHRASE_PATTERNS)) counts of the attribution phrases
    numbers: set[str]
    capitals: set[str]
    embedding: np.ndarray  # whole text
    sentence_embeddings: np.ndarray  # (n_sentences, dim)
    n_words: int


def _cue_counts(tokens: Sequence[str]) -> np.ndarray:
    row = np.zeros(len(CUE_WORDS), dtype=np.float32)
    for t in tokens:
        i = _CUE_INDEX.get(t)
        if i is not None:
            row[i] += 1.0
    return row


def _phrase_counts(sentence: str) -> list[float]:
    return [float(len(p.findall(sentence))) for p in PHRASE_PATTERNS]


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def prepare(texts: Sequence[str], idf: np.ndarray) -> list[TextInfo]:
    """Build :class:`TextInfo` for each text; sentence embeddings are computed in one batch."""
    infos: list[TextInfo] = []
    all_sentences: list[str] = []
    for text in texts:
        sentences = split_sentences(text)
        all_sentences.extend(sentences)
        tokens_per = [words(s) for s in sentences]
        stems_per = [content_stems(t) for t in tokens_per]
        ordered = [s for per in stems_per for s in per]
        infos.append(
            TextInfo(
                text=text,
                sentences=sentences,
                sentence_stems=[set(s) for s in stems_per],
                stems=set(ordered),
                ordered_stems=ordered,
                tfidf=tfidf(hashed_terms(ordered), idf),
                sentence_tfidf=[tfidf(hashed_terms(s), idf) for s in stems_per],
                cues=np.stack([_cue_counts(t) for t in tokens_per]),
                phrases=np.array([_phrase_counts(s) for s in sentences], dtype=np.float32),
                numbers=_numbers(text),
                capitals={c.lower() for c in _CAPITAL.findall(text)},
                embedding=np.zeros(0, dtype=np.float32),
                sentence_embeddings=np.zeros((0, 0), dtype=np.float32),
                n_words=sum(len(t) for t in tokens_per),
            )
        )
    vectors = embeddings.embed(all_sentences)
    at = 0
    for info in infos:
        n = len(info.sentences)
        info.sentence_embeddings = vectors[at : at + n]
        at += n
        mean = info.sentence_embeddings.mean(axis=0) if n else np.zeros(vectors.shape[1], np.float32)
        norm = float(np.linalg.norm(mean))
        info.embedding = mean / norm if norm > 0 else mean
    return infos


def _share(part: set[str], whole: set[str]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _group(row: np.ndarray, members: frozenset[str]) -> float:
    return float(sum(row[_CUE_INDEX[w]] for w in members))


def feature_names() -> list[str]:
    names = [
        "tfidf_cos", "stem_share", "stem_jaccard", "bigram_share", "lead_share", "lead_tfidf",
        "emb_cos", "emb_max", "emb_top3", "emb_first", "emb_max_pos", "tfidf_max", "tfidf_top3",
        "sent_share_max", "num_share", "num_conflict", "cap_share", "claim_len", "text_len",
        "text_sents", "short_text", "claim_question",
    ]
    for scope in ("claim", "top", "lead", "all"):
        names += [f"{scope}_refute", f"{scope}_hedge", f"{scope}_confirm", f"{scope}_neg"]
    names += ["neg_mismatch_top", "refute_x_rel", "hedge_x_rel"]
    names += ["near_refute", "near_hedge", "near_confirm", "near_neg"]
    for scope in ("claim", "near", "top", "all"):
        names += [f"{scope}_phrase_{p}" for p in PHRASE_NAMES]
    names += [f"top_cue_{w}" for w in CUE_WORDS] + [f"all_cue_{w}" for w in CUE_WORDS]
    return names


def pair_features(claim: TextInfo, text: TextInfo) -> tuple[np.ndarray, list[int]]:
    """One feature row for (claim, text) and the indices of the text's sentences closest to the claim."""
    c_stems = claim.stems
    n = len(text.sentences)
    sims = text.sentence_embeddings @ claim.embedding if n else np.zeros(0, np.float32)
    tf_sims = np.array([sparse_cosine(claim.tfidf, s) for s in text.sentence_tfidf], dtype=np.float32)
    shares = np.array([_share(c_stems, s) for s in text.sentence_stems], dtype=np.float32)
    # Rank sentences by a blend of meaning and shared words: either alone misses paraphrases or
    # over-rewards sentences that merely share a name.
    blend = sims + tf_sims + shares
    top = [int(i) for i in np.argsort(-blend)[:TOP_K]]
    lead = list(range(min(3, n)))

    c_bigrams = set(itertools.pairwise(claim.ordered_stems))
    t_bigrams = set(itertools.pairwise(text.ordered_stems))
    lead_stems = set().union(*(text.sentence_stems[i] for i in lead)) if lead else set()
    lead_tf = max((sparse_cosine(claim.tfidf, text.sentence_tfidf[i]) for i in lead), default=0.0)
    conflict = 1.0 if claim.numbers and not (claim.numbers & text.numbers) and text.numbers else 0.0

    claim_cues = claim.cues.sum(axis=0)
    top_cues = text.cues[top].sum(axis=0) / max(len(top), 1)
    lead_cues = text.cues[lead].sum(axis=0) / max(len(lead), 1)
    all_cues = text.cues.sum(axis=0) / max(n, 1)
    groups: list[float] = []
    for row in (claim_cues, top_cues, lead_cues, all_cues):
        groups += [_group(row, _REFUTE), _group(row, _HEDGE), _group(row, _CONFIRM), _group(row, _NEG)]
    relatedness = float(sims.max()) if n else 0.0
    # A denial of *this* claim sits in a sentence that is about it: weight each sentence's cues by
    # how close it is to the claim and keep the strongest.
    closeness = np.clip(blend / 3.0, 0.0, 1.0)
    near = [
        float((closeness * text.cues[:, idx].sum(axis=1)).max()) if n else 0.0
        for idx in (_REFUTE_IDX, _HEDGE_IDX, _CONFIRM_IDX, _NEG_IDX)
    ]
    neg_mismatch = abs(min(groups[3], 1.0) - min(groups[7], 1.0))
    phrases = [
        claim.phrases.sum(axis=0),
        (closeness[:, None] * text.phrases).max(axis=0) if n else np.zeros(len(PHRASE_PATTERNS)),
        text.phrases[top].sum(axis=0) / max(len(top), 1),
        text.phrases.sum(axis=0) / max(n, 1),
    ]

    row = [
        sparse_cosine(claim.tfidf, text.tfidf),
        _share(c_stems, text.stems),
        len(c_stems & text.stems) / (len(c_stems | text.stems) or 1),
        len(c_bigrams & t_bigrams) / (len(c_bigrams) or 1),
        _share(c_stems, lead_stems),
        lead_tf,
        float(claim.embedding @ text.embedding),
        relatedness,
        float(np.sort(sims)[-3:].mean()) if n else 0.0,
        float(sims[0]) if n else 0.0,
        float(np.argmax(sims)) / n if n else 0.0,
        float(tf_sims.max()) if n else 0.0,
        float(np.sort(tf_sims)[-3:].mean()) if n else 0.0,
        float(shares.max()) if n else 0.0,
        _share(claim.numbers, text.numbers),
        conflict,
        _share(claim.capitals, text.capitals),
        math.log1p(claim.n_words),
        math.log1p(text.n_words),
        math.log1p(n),
        1.0 if n <= 2 and text.n_words < 60 else 0.0,
        1.0 if "?" in claim.text else 0.0,
        *groups,
        neg_mismatch,
        groups[4] * relatedness,
        groups[5] * relatedness,
        *near,
        *(float(v) for scope in phrases for v in scope),
    ]
    return np.concatenate([np.asarray(row, dtype=np.float32), top_cues, all_cues]), top


def build_matrix(
    pairs: Sequence[tuple[str, str]], idf: np.ndarray
) -> tuple[np.ndarray, list[list[int]], list[TextInfo]]:
    """Feature rows for many (claim, text) pairs, preparing each distinct string once.

    Returns the matrix, the closest-sentence indices per pair, and the TextInfo of each pair's text.
    """
    distinct: dict[str, int] = {}
    for claim, text in pairs:
        distinct.setdefault(claim, len(distinct))
        distinct.setdefault(text, len(distinct))
    infos = prepare(list(distinct), idf)
    rows: list[np.ndarray] = []
    tops: list[list[int]] = []
    texts: list[TextInfo] = []
    for claim, text in pairs:
        t_info = infos[distinct[text]]
        row, top = pair_features(infos[distinct[claim]], t_info)
        rows.append(row)
        tops.append(top)
        texts.append(t_info)
    width = len(feature_names())
    matrix = np.vstack(rows) if rows else np.zeros((0, width), dtype=np.float32)
    return matrix, tops, texts


def fit_idf(texts: Sequence[str]) -> np.ndarray:
    """Smoothed IDF over hash buckets, from training texts (only the numbers ship, no words)."""
    df = np.zeros(HASH_BUCKETS, dtype=np.float64)
    for text in texts:
        buckets = set(hashed_terms(content_stems(words(text))))
        for b in buckets:
            df[b] += 1.0
    n = len(texts)
    return (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
