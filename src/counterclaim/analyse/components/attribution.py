"""``counterclaim_attribution``: every attributed statement in a Doc — who said what, how, and with what stance.

The component proposes candidates from the parse (``analyse/candidates.py``), scores them with a
linear model trained on PolNeAR train (``models/attribution/weights.json``, rebuilt by
``scripts/train_attribution.py``), re-scores them in context with boosted trees
(``analyse/detector.py``, ``models/attribution/detector.npz``), keeps the best non-overlapping ones, resolves their speakers
(``analyse/speakers.py``) and reads their stance off the cue lexicon (``analyse/cues.py``). Results
go to ``doc._.cc_statements`` (``Statement`` objects) and the ``cc_statements`` span group.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Token

from counterclaim.analyse.candidates import (
    CONCESSIVE,
    QUOTE_CHARS,
    SPEECH_ACTS,
    Candidate,
    boundary_features,
    generate,
    inside_quote_pair,
    mention_range,
    poll_reports,
    quote_spans,
    reattach_speaker_conjuncts,
    variants,
)
from counterclaim.analyse.components.paragraphs import add_rank_abbreviations
from counterclaim.analyse.cues import CUE_STANCE, dispute_marker, stance_of
from counterclaim.analyse.detector import DETECTOR, load_detector, rescore
from counterclaim.analyse.mentions import LABELS as MENTION_LABELS
from counterclaim.analyse.mentions import find_mentions
from counterclaim.analyse.speaker_arbiter import Rivals, tagger_wins
from counterclaim.analyse.speakers import (
    ANONYMITY,
    QUOTE_VERBS,
    RAISING_CUES,
    SpeakerResolver,
    is_credit,
    parse_decides,
)
from counterclaim.analyse.tagger import TAGGER, edge_features, load_tagger, rival_source, uncovered_runs
from counterclaim.analyse.turns import headline_quotes, paragraph_end, signed_quotes, speaker_turns
from counterclaim.types import Span, Speaker, Statement, StatementKind, TextRange

WEIGHTS = Path(__file__).resolve().parents[2] / "models" / "attribution" / "weights.json"
# two candidates whose contents overlap this much (Dice over tokens) are one statement
OVERLAP = 0.5
# statements attributed by layout (analyse/turns.py): verbatim, and spoken by the name they carry
LAYOUT_KINDS = ("turn", "signed")
DISPUTE_LEMMAS = {"dispute", "reject", "deny", "dismiss", "refute", "doubt", "question", "challenge", "contest", "skeptical", "sceptical"}


@lru_cache(maxsize=4)
def load_weights(path: str = str(WEIGHTS)) -> tuple[dict[str, float], float]:
    """The scorer's feature weights and selection threshold (read once per process)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RuntimeError(f"attribution weights not found: {path}; rebuild them with scripts/train_attribution.py") from exc
    return {k: float(v) for k, v in data["weights"].items()}, float(data["meta"]["threshold"])


@lru_cache(maxsize=4)
def load_boundary_weights(path: str = str(WEIGHTS)) -> dict[str, float]:
    """The boundary model's feature weights (empty for a weights file that predates it: no refinement)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data.get("boundary", {}).items()}


def score(cands: Sequence[Candidate], weights: dict[str, float]) -> None:
    """Set each candidate's score: the model's log-odds that it is an attribution."""
    for c in cands:
        c.score = sum(weights.get(k, 0.0) * v for k, v in c.features.items())


def select(cands: Sequence[Candidate], threshold: float) -> list[Candidate]:
    """The best-scoring candidates above the threshold whose contents do not overlap, in text order.

    One cue speaks once, and one stretch of text is one statement: a lower-scoring candidate that
    reuses an accepted cue or mostly repeats an accepted content is dropped.
    """
    chosen: list[Candidate] = []
    cues: set[int] = set()
    above = [c for c in cands if c.score >= threshold]
    for c in sorted(above, key=lambda c: -c.score):
        if c.cue.i in cues or _unrealised(c, above) or _frame(c, above):
            continue
        # "According to the paper, Mr X said [...]": the paper reports X's claim, and both stand
        if any(_clash(c, other) and not (_nested(c, other) or _nested(other, c)) for other in chosen):
            continue
        chosen.append(c)
        cues.add(c.cue.i)
    return sorted(chosen, key=lambda c: c.start)


def _clash(a: Candidate, b: Candidate) -> bool:
    inter = min(a.end, b.end) - max(a.start, b.start)
    return inter > 0 and 2 * inter / (a.end - a.start + b.end - b.start) >= OVERLAP


def _unrealised(cand: Candidate, above: Sequence[Candidate]) -> bool:
    """A speech act in an infinitive inside another accepted statement has not happened: in "The
    union urged its members to reject the contract" the statement is the union's urging, and the
    members have rejected nothing. Such a candidate gives way to the statement that contains it."""
    if not any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in cand.cue.children):
        return False
    return any(o.cue.i != cand.cue.i and o.start <= cand.cue.i < o.end and not (o.start <= o.cue.i < o.end)
               and _clash(cand, o) for o in above)


def _frame(cand: Candidate, above: Sequence[Candidate]) -> bool:
    """A participle that sets the scene for a statement is not one itself: in "Speaking in Sochi,
    Putin added that …" the content of "Speaking" would be the whole of Putin's statement, cue and
    speaker included. It gives way when the verb it modifies is an accepted cue with a speaker."""
    cue = cand.cue
    if cand.kind != "head" or cue.dep_ != "advcl" or cue.tag_ != "VBG":
        return False
    return any(o.cue == cue.head and o.source is not None and cand.start <= o.source[0] < cand.end
               for o in above)


def _nested(inner: Candidate, outer: Candidate) -> bool:
    """``inner`` is a statement reported inside ``outer``'s "according to" content: its cue, its own
    speaker and its content all lie within it, so each speaker keeps their own claim. (Only for
    "according to": nesting every overlapping reading costs PolNeAR dev 6 points of precision.)"""
    return (
        outer.kind == "according"
        and inner.source is not None
        and outer.start <= inner.source[0]
        and outer.start <= inner.cue.i < outer.end
        and outer.start <= inner.start
        and inner.end <= outer.end
        and inner.end - inner.start < outer.end - outer.start
    )


def refine(doc: Doc, chosen: Sequence[Candidate], weights: dict[str, float], probs: np.ndarray | None = None) -> None:
    """Move each chosen candidate's content to its best-scoring boundary variant, in place.

    Runs after ``select`` so that only the few accepted statements pay for variant generation, and
    so that which statements exist (the detector's call) stays apart from exactly where they end.
    ``probs`` (the sequence tagger's) add what the tagger makes of each variant's edges.
    """
    if not weights:
        return
    for cand in chosen:
        best: tuple[float, int, int] | None = None
        for start, end, edit in variants(doc, cand, None if probs is None else probs[:, 0]):
            feats = boundary_features(doc, cand, start, end, edit)
            if probs is not None:
                feats.update(edge_features(probs, doc, start, end))
            s = sum(weights.get(k, 0.0) * v for k, v in feats.items())
            if best is None or s > best[0]:
                best = (s, start, end)
        if best is not None:
            cand.start, cand.end = best[1], best[2]


def _kind(text: str) -> StatementKind:
    stripped = text.strip(" ,.;:\n")
    if not any(ch in stripped for ch in QUOTE_CHARS):
        return "indirect"
    if any(stripped.startswith(q) for q in QUOTE_CHARS) and any(stripped.endswith(q) for q in QUOTE_CHARS):
        return "direct"
    return "mixed"


def _cue_tokens(cand: Candidate) -> tuple[Token, Token]:
    """First and last token of the cue phrase: the cue plus "to" of "according to", a particle, or
    the infinitive the cue governs ("refused to disclose", see ``_infinitive_cue``)."""
    cue = cand.cue
    last = cue
    if cand.kind == "according":
        last = cue.doc[cue.i + 1]
    elif cue.i + 1 < cand.cue_end <= cand.start:
        last = cue.doc[cand.cue_end - 1]
    else:
        for child in cue.children:
            if child.dep_ == "prt" and child.i == cue.i + 1:
                last = child
    return cue, last


def _target(doc: Doc, cand: Candidate, sent_start: int, sent_end: int) -> Span | None:
    """What a dispute disputes, where the sentence says so: the object of the disputing word."""
    tokens = [cand.cue] + [t for t in doc[sent_start:sent_end] if t.lemma_.lower() in DISPUTE_LEMMAS and t.i != cand.cue.i]
    for tok in tokens:
        if tok.lemma_.lower() not in DISPUTE_LEMMAS:
            continue
        for child in tok.children:
            if child.dep_ in ("dobj", "ccomp"):
                return Span.of(doc.text, child.left_edge.idx, _end_char(doc[child.right_edge.i]))
            if child.dep_ == "prep" and child.lower_ in ("of", "about", "over"):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return Span.of(doc.text, pobj.left_edge.idx, _end_char(doc[pobj.right_edge.i]))
    return None


def _end_char(tok: Token) -> int:
    return tok.idx + len(tok.text)


def _in_boilerplate(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


def _furniture(doc: Doc, boiler: list[tuple[int, int]], cand: Candidate) -> bool:
    """A candidate that a caption, credit or heading produced, which must not become a statement:
    its cue sits in boilerplate ("Footage shows ...", "Picture: Supplied"), or a cue in
    a heading reaches across a blank line to the paragraph below ("..., Coalition Says\n\nAt the ...")."""
    cue = cand.cue
    if any(a <= cue.idx < b for a, b in boiler):
        return True
    lo, hi = doc[cand.start].idx, _end_char(doc[cand.end - 1])
    if any(lo < a and b <= hi for a, b in boiler):
        return True  # content running through a caption or credit is a misparse across page furniture
    gap = doc[cand.end : cue.i] if cue.i >= cand.end else doc[cue.i + 1 : cand.start]
    blank = next((k for k, t in enumerate(gap) if t.text.count("\n") >= 2), None)
    # 'Putin said:\n\n"..."' introduces the paragraph below on purpose; a heading does not
    return blank is not None and not (cue.i < cand.start and any(t.text == ":" for t in gap[:blank]))


def _with_passive_subject(cand: Candidate) -> None:
    """A passive cue's infinitive says something of its subject, so the subject belongs to the
    content: in "up to about 9,000 are believed to be in areas controlled by Russia" the claim is
    about the 9,000. PolNeAR's annotators agree (train: 77 of 83 such contents include the subject,
    as a second segment). One span cannot skip the cue, so the content runs from the subject on."""
    cue = cand.cue
    xcomp = next((c for c in cue.children if c.dep_ == "xcomp"), None)
    if xcomp is None or not cue.i < xcomp.left_edge.i <= cand.start <= xcomp.i:
        return
    if not any(c.dep_ == "auxpass" for c in cue.children):
        return
    subject = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if subject is None:
        # the parser takes a figure for an adverb: "up to about 9,000 are believed to …"
        subject = next((c for c in cue.lefts if c.dep_ == "advmod" and any(t.like_num for t in c.subtree)), None)
    if subject is None or subject.lower_ in ("it", "there") or subject.sent != cue.sent:
        return
    start = subject.left_edge.i
    if start < cue.i and not any(t.is_space and "\n" in t.text for t in cue.doc[start : cue.i]):
        cand.start = start


def _split_next_speech_act(doc: Doc, cand: Candidate) -> Candidate | None:
    """End an indirect content before a trailing ", arguing that …" or ", citing …", and return that
    participle's own statement, with the same source. The participle is the speaker's next move, not
    part of what was said ("He said the ads did not sink Romney, arguing that divisions in the party
    were the bigger hurdle": two claims), though the parser often hangs it inside the reported
    clause. A quotation is left whole. A concessive clause with a speech act of its own (", though she
    noted that …") ends the content too; its verb proposes its own candidate. (A second finite verb,
    "and warned …", is given back to the cue on the parse: ``candidates.reattach_speaker_conjuncts``.)"""
    if cand.cue.i > cand.start:
        return None
    for k in range(cand.start + 2, cand.end - 2):
        tok = doc[k + 1]
        if doc[k].text == "," and tok.lower_ in CONCESSIVE and _concedes_by_saying(tok, cand.end) \
                and not inside_quote_pair(doc, cand.start, k):
            cand.end = k  # ", though she noted that …": a finite cue with its own subject is its own candidate
            return None
        if tok.i == cand.cue.i or tok.right_edge.i < cand.end - 1:
            continue
        if not (doc[k].text == "," and tok.tag_ == "VBG" and tok.lemma_.lower() in SPEECH_ACTS):
            continue
        if inside_quote_pair(doc, cand.start, k):
            continue
        start = tok.i + 1
        while start < cand.end and doc[start].dep_ == "prt":  # "pointing out that …"
            start += 1
        end, cand.end = cand.end, k
        if end - start < 2:
            return None
        return Candidate(cue=tok, kind="ccomp", start=start, end=end, source=cand.source, cue_end=start)
    return None


# verbs of saying, showing and holding a view: in "refused to [disclose] …", "declined to [discuss] …",
# "is expected to [endorse] …" PolNeAR reads the infinitive as part of the cue and its object as the
# content (train: "to say" 29 to 4, "to endorse" 15 to 3, "to discuss" 15 to 2, "to call" 11 to 0),
# while an act's infinitive stays content ("to make" 2 to 18, "to get" 0 to 15, "to be" 1 to 30);
# so does a gerund of them: "could not resist [pointing out] that …", "steering clear of
# [criticizing] …" (train: content after such a gerund 127 times, at it 21)
INFINITIVE_CUES = SPEECH_ACTS | frozenset({
    "endorse", "discuss", "address", "support", "defend", "show", "know", "back", "talk", "portray",
    "disclose", "question", "counter", "see", "focus", "offer", "explain", "describe",
}) | frozenset(k for k in CUE_STANCE if " " not in k)
# gerunds of those verbs that stay content, as acts ("proposes [allowing parents to deduct …]"):
# train, content at the gerund vs after it, "allowing" 4 to 1, "seeing" 3 to 0
ACT_GERUNDS = frozenset({"allow", "see"})


def _past_particles(doc: Doc, verb: Token, end: int, preps: Sequence[str] = ()) -> int:
    """Where a verb's phrase ends, before ``end``: after its particles ("point out") and the given
    prepositions of its own ("call for"), which a cue phrase takes along."""
    k = verb.i + 1
    while k < end and doc[k].head.i == verb.i and (doc[k].dep_ == "prt" or (doc[k].dep_ == "prep" and doc[k].lower_ in preps)):
        k += 1
    return k


def _infinitive_cue(doc: Doc, cand: Candidate) -> range:
    """Start a content "to <verb of saying> X" or "<saying>-ing X" at X and take the infinitive or
    gerund into the cue phrase; the tokens the cue phrase took over (none when nothing moved)."""
    if not cand.cue.i < cand.start <= cand.cue.i + 5 or cand.start + 2 >= cand.end:
        return range(0)  # (a cue phrase of a few words: "has yet to explain", "took to Twitter overnight to accuse")
    first = doc[cand.start]
    verb = doc[cand.start + 1] if first.lower_ == "to" else first
    lemma = verb.lemma_.lower()
    if verb.tag_ not in ("VB", "VBG") or lemma not in INFINITIVE_CUES or (verb.tag_ == "VBG" and lemma in ACT_GERUNDS):
        return range(0)
    governor = verb.head.head if verb.head.dep_ == "prep" else verb.head
    if governor.i != cand.cue.i:
        return range(0)  # an infinitive of the cue's own (or of a preposition's: "clear of criticizing")
    # "to call for", "to talk about": the particle or preposition goes with the cue
    k = _past_particles(doc, verb, cand.end, ("about", "for", "on", "with"))
    objects = [c for c in verb.children if c.dep_ in ("dobj", "ccomp", "pobj") and c.i >= k]
    if k >= cand.end or not objects:
        return range(0)  # "declined to comment": the infinitive is all there is
    moved = range(cand.start, k)
    cand.start, cand.cue_end = k, k
    return moved


# verbs that make their object the one who speaks or thinks: "prompted [NATO] to order …", "led [the
# journalist] to fear …", "forced [Stumpf] to admit …", "left [many nations] feeling that …"; PolNeAR
# reads the inner verb as the cue and the object as its source (train: "prompt" 9 times to 0 for the
# causative as the cue, "lead" 7 to 0, "force" 6 to 1, "leave" 4 to 0; "urge" and "ask" 0 to 38 and 39)
CAUSATIVE_CUES = frozenset({"prompt", "lead", "force", "leave"})


def _object_speaks(doc: Doc, cand: Candidate) -> None:
    """Re-read "<causative> X to <verb> Y" as X's statement Y, with the inner verb as the cue."""
    cue = cand.cue
    if cue.lemma_.lower() not in CAUSATIVE_CUES or not cue.i < cand.start:
        return
    obj = next((c for c in cue.children if c.dep_ == "dobj" and cand.start <= c.i < cand.end), None)
    if obj is None:
        return
    verb = next((c for c in cue.children if c.dep_ == "xcomp" and c.pos_ == "VERB" and obj.i < c.i < cand.end - 1), None)
    if verb is None:
        return
    k = _past_particles(doc, verb, cand.end)
    if k >= cand.end or not any(c.dep_ in ("dobj", "ccomp") and c.i >= k for c in verb.children):
        return
    cand.cue, cand.cue_end, cand.start = verb, k, k
    cand.source = mention_range(obj, verb)


def _cut_trailing_relative(doc: Doc, cand: Candidate) -> None:
    """End an indirect content before a last ", which …" or ", who …" clause: the writer's aside on
    a noun, which PolNeAR leaves out three times in four (train: 175 left out, 56 kept)."""
    if cand.cue.i >= cand.start or any(t.text in QUOTE_CHARS for t in doc[cand.start : cand.end]):
        return
    for k in range(cand.end - 3, cand.start + 1, -1):
        if doc[k].text == "," and doc[k + 1].lower_ in ("which", "who") and doc[k + 1].head.dep_ == "relcl" \
                and doc[k + 1].head.right_edge.i >= cand.end - 1:
            cand.end = k
            return
        if doc[k].text == ",":
            return  # only the last clause


def _concedes_by_saying(mark: Token, end: int) -> bool:
    """``mark`` ("though") opens a clause that runs to ``end`` and whose verb is a speech act with a
    subject of its own: "…, though she noted clients are changing"."""
    verb = mark.head
    return (mark.dep_ == "mark" and verb.lemma_.lower() in SPEECH_ACTS and verb.right_edge.i >= end - 1
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))


def _keep_to_cue_paragraph(doc: Doc, cand: Candidate) -> None:
    """Reported speech stays in its cue's paragraph: a headline with no full stop parses as one
    sentence with the paragraph below ("… Coalition Says\n\nAt the moment, there are about 750
    militants …, according to Gerasimov"), and the content must not reach back into it.
    Quotations and colon-introduced content may run on across paragraphs on purpose."""
    if cand.kind in ("quote", "colon"):
        return
    breaks = [t.i for t in doc[cand.start : cand.end] if t.is_space and t.text.count("\n") >= 2]
    if not breaks:
        return
    start, end = cand.start, cand.end
    if cand.cue.i >= cand.end:
        start = breaks[-1] + 1
    elif cand.cue.i < cand.start:
        end = breaks[0]
    else:
        return
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if start < end:
        cand.start, cand.end = start, end


def _join_split_quote(doc: Doc, cand: Candidate, quotes: list[tuple[int, int]], chosen: Sequence[Candidate]) -> None:
    """'"The river is clean," Berg said, "and the fish have come back."' read as only its second
    half: the quotation that ends right before the cue clause is the same speaker's opening half,
    so the statement runs from it (unless another statement already holds it)."""
    if cand.kind == "according" or cand.cue.i >= cand.start:
        return
    if not any(qs == cand.start and qs <= cand.cue.i + 8 for qs, _ in quotes):
        return
    lo = min(cand.cue.i, cand.source[0]) if cand.source is not None else cand.cue.i
    before = [(qs, qe) for qs, qe in quotes if qe < lo]
    if not before:
        return
    qs, qe = before[-1]
    between = doc[qe + 1 : cand.start]
    src = range(*cand.source) if cand.source is not None else range(0)
    if len(between) > 10 or any(not (t.is_punct or t.i == cand.cue.i or t.i in src) for t in between):
        return
    if not (doc[qe - 1].text == "," or (qe + 1 < len(doc) and doc[qe + 1].text == ",")):
        return  # '"X." Berg said. "Y."' is two sentences; only '"X," Berg said, "Y"' is one split quote
    if any("\n" in t.text for t in doc[qs : cand.end]):
        return
    if any(o is not cand and o.start <= qe and qs < o.end for o in chosen):
        return
    cand.start = qs


def repair_quotes(doc: Doc, chosen: Sequence[Candidate], quotes: list[tuple[int, int]]) -> list[Candidate]:
    """Quotation repair on the selected statements: none starts at a closing mark, each stays in its
    cue's paragraph, a split quotation read as its second half grows back over the first, and a
    quotation that goes on after its attribution joins it; a reading of that quotation off a cue
    inside it gives way. Returns the statements that remain. Training labels candidates by what this
    makes of them, so the detector learns that a quotation's first half is right when its
    continuation will follow."""
    chosen = _skip_closed_quotes(chosen, quotes)
    dropped: set[int] = set()
    for cand in chosen:
        if id(cand) in dropped:
            continue
        _keep_to_cue_paragraph(doc, cand)
        _cut_trailing_speaker(doc, cand, quotes)
        _join_split_quote(doc, cand, quotes, chosen)
        dropped.update(id(o) for o in _continue_quote(doc, cand, quotes, [o for o in chosen if id(o) not in dropped]))
    return [c for c in chosen if id(c) not in dropped]


def _skip_closed_quotes(chosen: Sequence[Candidate], quotes: list[tuple[int, int]]) -> list[Candidate]:
    """No content begins with the mark that closes a quotation. "'' he said. ''But most people wish
    …''" read off a cue inside the second quotation is that quotation: the attribution between is
    another statement's. Any other such reading spans the ends of two statements ("'' said Douglas
    Holtz-Eakin, an economist who … is now president …, ''It's anti-reform.''" read off "is") and is
    dropped before it can keep the first statement's quotation from going on into the second."""
    closing = {b for a, b in quotes if b != a}
    openings = sorted(a for a, b in quotes if b != a)
    kept = []
    for cand in chosen:
        if cand.start in closing:
            nxt = next((a for a in openings if cand.start < a < cand.end), None)
            if nxt is None or nxt - cand.start > 12 or cand.cue.i < nxt:
                continue
            cand.start = nxt
        kept.append(cand)
    return kept


def _quoted_before_cue(cand: Candidate) -> bool:
    """Whether the statement's content comes before its cue ('"…," X said'), read off the cue itself
    rather than off "according to" or the page layout: only then can the words between the content
    and the cue be the attribution."""
    return cand.kind not in ("according", *LAYOUT_KINDS) and cand.cue.i >= cand.end


def _cut_trailing_speaker(doc: Doc, cand: Candidate, quotes: list[tuple[int, int]]) -> None:
    """'"… and our military," Flynn, a top Trump surrogate, said': the parser hung the speaker's name
    on a noun inside the quotation, so the content ran on over it. A content that goes on past a
    quotation's closing comma with only a name and its description ends with the quotation."""
    if not _quoted_before_cue(cand):
        return
    inside = [(qs, qe) for qs, qe in quotes if cand.start <= qs and qe < cand.end - 1]
    if not inside:
        return
    qe = inside[-1][1]
    if qe < 1 or doc[qe - 1].text not in (",", "?", "!"):
        return
    tail = doc[qe + 1 : cand.end]
    if any("\n" in t.text or t.pos_ in ("VERB", "AUX", "SCONJ") for t in tail):
        return
    if not tail or not (tail[0].pos_ == "PROPN" or tail[0].ent_type_ == "PERSON"):
        return
    cand.end = qe + 1


def _turn_speaker(resolver: SpeakerResolver, doc: Doc, source: tuple[int, int]) -> Speaker | None:
    """The speaker a transcript label or a quotation's signature names: a person of the article ("PENCE" is Mike Pence), or
    else the person the label itself names ("WALLACE" is Wallace, whom the article never introduces)."""
    speaker = resolver.resolve(*source)
    if speaker is not None and speaker.kind == "person" and speaker.name:
        return speaker
    label = doc[source[0] : source[1]]
    mention = Span.of(doc.text, label.start_char, label.end_char)
    return Speaker(mention=mention, name=" ".join(w.capitalize() for w in label.text.split()), kind="person")


def _continue_quote(doc: Doc, cand: Candidate, quotes: list[tuple[int, int]],
                    chosen: Sequence[Candidate]) -> list[Candidate]:
    """'"This is a disgusting day," said Rep. Butterfield, head of the caucus. "Donald Trump is a
    fraud."': a quotation that opens right after the attribution of the one before it, in the same
    paragraph or as the whole of the next, goes on with the same speaker's words, so the statement
    runs on to its end (and on through any quotation that directly follows that one). A statement
    read off a cue inside that quotation ('"I mean, there's a lot of frustration …"', '"… I think
    people lean forward."') is the quoted speaker's own turn of phrase, not a second attribution: it
    gives way and is returned."""
    if not _quoted_before_cue(cand):
        return []
    if not doc[cand.end - 1].is_quote and not any(qs <= cand.end - 1 <= qe for qs, qe in quotes):
        return []  # only a quotation goes on as quotation
    cue = cand.cue
    after = max(cue.i + 1, cand.source[1] if cand.source is not None else 0)
    first = True
    inner: list[Candidate] = []
    while True:
        nxt = next(((qs, qe) for qs, qe in quotes if qs >= after), None)
        if nxt is None:
            return inner
        qs, qe = nxt
        between = doc[after:qs]
        # a quotation never crosses a line break (quote_spans closes it there), so only the gap is checked
        breaks = [t for t in between if "\n" in t.text]
        if len(between) > 30:
            return inner
        if breaks and not (len(breaks) == 1 and breaks[0].i == qs - 1 and _whole_paragraph(doc, quotes, qs, qe)):
            return inner
        # only the attribution's own words ("said Rep. Butterfield, head of the caucus.") lie between,
        # not a clause of its own ('Sanders said, suggesting a few questions, including, "…"')
        if any(not (t.is_punct or t.is_space) and not (first and cue.is_ancestor(t)) for t in between):
            return inner
        if any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("advcl", "ccomp", "xcomp", "conj") and not _aside(t, cue)
               for t in between):
            return inner
        within = [o for o in chosen if o is not cand and qs < o.cue.i < qe and qs <= o.start and o.end <= qe + 1]
        held = {id(o) for o in within}
        if any(o is not cand and id(o) not in held and ((o.start <= qe and qs < o.end) or after <= o.cue.i <= qe)
               for o in chosen):
            return inner
        inner += within
        cand.end = qe + 1
        after, first = qe + 1, False


def _aside(verb: Token, cue: Token) -> bool:
    """'"…," Sanders said, invoking the 2008 race. "…"': a participle on the cue that only describes
    the saying (`drawing cheers`, `speaking by phone`, `looking out at the crowd`) does not end the
    quotation, while one that says something itself (`adding, "…"`, `blaming it on …`, `referring
    to …`, `reasoning that …`, the last stopped by its own clause) does. PolNeAR train, the
    same-paragraph quotation after such a participle: other verbs 37 joined to 11 separate, verbs of
    saying 9 to 30."""
    return (verb.head == cue and verb.dep_ == "advcl" and verb.tag_ == "VBG"
            and verb.lemma_ not in SPEECH_ACTS | QUOTE_VERBS)


def _whole_paragraph(doc: Doc, quotes: list[tuple[int, int]], qs: int, qe: int) -> bool:
    """Whether the quotation ``[qs, qe]`` is its paragraph's only text, closed at its end: '"…," he
    said.' then a paragraph that is nothing but a quotation ('"Right now, the vote is against Trump.
    …"') goes on with the same speaker's words (PolNeAR train: 27 such paragraphs joined to the
    statement before, 4 annotated as a statement of their own). A paragraph that only opens a
    quotation ('"Kevin was snoring.') is an excerpt going on, not the speaker's next words."""
    closed = doc[qe].is_quote and not any(qs < a and b == qe for a, b in quotes)
    return closed and all(t.is_space for t in doc[qe + 1 : paragraph_end(doc, qe + 1)])


def _without_echoes(statements: list[Statement]) -> list[Statement]:
    """Drop a statement read off a word inside another statement's content and given the same
    speaker mention: 'Trump said that Clinton once described the TPP as "the gold standard"' is
    Trump's statement, and "described" with Trump as its speaker is either the same claim twice or
    Clinton's words with the wrong speaker ('According to exit polls, Mitt Romney had a ten-point
    lead': "had" is no second claim of the polls). On PolNeAR dev this drops 41 statements, 8 of
    which matched a gold content, 4 of those with the wrong speaker."""
    def echoes(inner: Statement, outer: Statement) -> bool:
        a, b = inner.content, outer.content
        return (inner is not outer and inner.speaker is not None and outer.speaker is not None
                and (inner.speaker.mention.start, inner.speaker.mention.end)
                == (outer.speaker.mention.start, outer.speaker.mention.end)
                and b.start <= a.start and a.end <= b.end and a.end - a.start < b.end - b.start
                and b.start <= inner.cue.start < b.end)
    return [st for st in statements if not any(echoes(st, other) for other in statements)]


def _within_paragraphs(doc: Doc, sent_start: int, sent_end: int, lo: int, hi: int) -> tuple[int, int]:
    """The source sentence, cut at blank lines outside the statement's own tokens ``[lo, hi)``:
    a headline parsed into the first sentence is not part of the sentence a statement came from."""
    for t in doc[sent_start:lo]:
        if t.is_space and t.text.count("\n") >= 2:
            sent_start = t.i + 1
    for t in doc[hi:sent_end]:
        if t.is_space and t.text.count("\n") >= 2:
            sent_end = t.i
            break
    return sent_start, sent_end


class AttributionComponent:
    """Finds attributed statements; see the module docstring for how."""

    def __init__(self, nlp: Language, name: str, threshold: float | None = None, weights_path: str | None = None) -> None:
        self.name = name
        self.weights, default_threshold = load_weights(weights_path or str(WEIGHTS))
        # the tree stage ships beside the weights it was trained on top of
        detector = load_detector(str(Path(weights_path).with_name(DETECTOR.name)) if weights_path else str(DETECTOR))
        self.trees = None
        self.blend = 0.0
        if detector is not None:
            self.trees, default_threshold, self.blend = detector
        self.threshold = default_threshold if threshold is None else threshold
        self.boundary = load_boundary_weights(weights_path or str(WEIGHTS))
        # the sequence tagger feeds the tree stage and the boundary model; both were trained with it
        self.tagger = load_tagger(str(Path(weights_path).with_name(TAGGER.name)) if weights_path else str(TAGGER))

    def __call__(self, doc: Doc) -> Doc:
        try:
            statements, spans = self._statements(doc)
        except Exception:
            statements, spans = [], []
        doc._.cc_statements = statements
        doc.spans["cc_statements"] = spans
        return doc

    def _statements(self, doc: Doc) -> tuple[list[Statement], list]:
        if len(doc) == 0:
            return [], []
        quotes = quote_spans(doc)
        reattach_speaker_conjuncts(doc)
        cands = generate(doc, quotes)
        score(cands, self.weights)
        probs = self.tagger.probabilities(doc, quotes) if self.tagger is not None and cands else None
        if self.trees is not None:
            rescore(doc, cands, self.trees, self.blend, probs)
        for cand in cands:
            _keep_to_cue_paragraph(doc, cand)
        boiler = list(doc._.cc_boilerplate or [])
        cands = [c for c in cands if not _furniture(doc, boiler, c)]
        chosen = select(cands, self.threshold)
        refine(doc, chosen, self.boundary, probs)
        for cand in chosen:
            _cut_trailing_relative(doc, cand)
            _object_speaks(doc, cand)
        # a verb taken into another statement's cue phrase ("refuses to discuss") is no cue of its own
        absorbed = {i for cand in chosen for i in _infinitive_cue(doc, cand)}
        chosen = repair_quotes(doc, [c for c in chosen if c.cue.i not in absorbed], quotes)
        if probs is not None:
            chosen = sorted([*chosen, *uncovered_runs(doc, probs, chosen)], key=lambda c: c.start)
        next_acts = []
        for cand in chosen:
            _with_passive_subject(cand)
            next_act = _split_next_speech_act(doc, cand)
            if next_act is not None:
                next_acts.append(next_act)
        chosen = sorted([*chosen, *next_acts], key=lambda c: c.start)
        chosen = sorted([*chosen, *(p for p in poll_reports(doc) if not any(o.cue.i == p.cue.i for o in chosen))],
                        key=lambda c: c.start)
        # content never begins with the mark that closes a quotation (repair_quotes saw to the selected
        # statements; this catches tagger runs, which come after it)
        closing = {b for a, b in quotes if b != a}
        chosen = [c for c in chosen if c.start not in closing and not _function_word(doc, c) and not _anonymity(doc, c)]
        mentions = doc._.cc_mentions
        if mentions is None:
            mentions = find_mentions(doc)
        people = [m.canonical for m in mentions if m.label == "PERSON"]
        turns = speaker_turns(doc, people) + signed_quotes(doc)
        if turns:
            # a turn or signed quotation is the whole paragraph's statement; a reading of part of it gives way
            chosen = sorted([c for c in chosen if not any(_clash(c, t) for t in turns)] + turns, key=lambda c: c.start)
        # a headline's quotation after a colon is its named person's, unless a cue already reads it
        # ("Trump Praises … Boyle: 'Very Good Reporter.'" is the praise, with the quotation inside)
        chosen = sorted([*chosen, *(h for h in headline_quotes(doc, people, turns)
                                    if not any(c.start < h.end and h.start < c.end for c in chosen))],
                        key=lambda c: c.start)
        resolver = SpeakerResolver(doc, list(mentions), quotes)
        sources = [(c.cue.i, c.source) for c in chosen if c.source is not None]  # what the arbiter weighs
        text = doc.text
        statements: list[Statement] = []
        spans = []
        for cand in chosen:
            start_char = doc[cand.start].idx
            end_char = _end_char(doc[cand.end - 1])
            if _in_boilerplate(boiler, start_char, end_char):
                continue
            first, last = _cue_tokens(cand)
            cue = Span.of(text, first.idx, _end_char(last))
            source = cand.source
            if source is not None and _in_boilerplate(boiler, doc[source[1] - 1].idx, doc[source[1] - 1].idx):
                source = None  # a caption or credit the parser took for the subject: find the speaker anew
            if cand.kind in LAYOUT_KINDS and source is not None:
                speaker = _turn_speaker(resolver, doc, source)
            else:
                # a raising verb has no speaker of its own ("Sanders appears to lead"), but one whose cue
                # phrase took in an infinitive of saying has that verb's ("Cruz seemed to blame the network")
                raised = cand.cue.lemma_.lower() in RAISING_CUES and last.i != cand.cue.i and last.pos_ == "VERB"
                speaker = resolver.resolve_cue(last if raised else cand.cue, source, (cand.start, cand.end))
                if probs is not None and cand.kind != "poll":  # the poll is the source by construction
                    reported = cand.kind == "ccomp" and any(
                        o.kind == "according" and o.start <= cand.cue.i < o.end for o in chosen)
                    speaker = _tagger_speaker(doc, probs, resolver, cand, speaker, reported, sources) or speaker
            if speaker is not None and is_credit(speaker.mention.text):
                continue
            if speaker is not None and speaker.name is None and not _nominal(doc, speaker.mention):
                speaker = None
            sent_start = min(cand.cue.sent.start, doc[cand.start].sent.start)
            sent_end = max(cand.cue.sent.end, doc[cand.end - 1].sent.end)
            sent_start, sent_end = _within_paragraphs(doc, sent_start, sent_end, min(cand.start, cand.cue.i),
                                                      max(cand.end, cand.cue.i + 1))
            content_text = text[start_char:end_char]
            lo, hi = min(cand.start, cand.cue.i), max(cand.end, cand.cue.i + 1)
            other = _other_predicates(cand.cue)
            clause = " ".join(
                t.text for t in doc[max(sent_start, min(lo, cand.cue.i - 6)) : min(sent_end, hi + 6)]
                if not cand.start <= t.i < cand.end and t.i not in other
            )
            negated = any(c.dep_ == "neg" for c in cand.cue.children)
            lemma = {"according": "according to", "poll": "in", "turn": "say", "signed": "say"}.get(
                cand.kind, cand.cue.lemma_.lower())
            particle = next((c.lower_ for c in cand.cue.children  # "back" parses as prt or as advmod
                             if c.dep_ in ("prt", "advmod") and c.i == cand.cue.i + 1), None)
            if particle and f"{lemma} {particle}" in CUE_STANCE:
                lemma = f"{lemma} {particle}"  # a phrasal verb is its own cue: "pushed back against …"
            stance = stance_of("according" if cand.kind in ("according", "poll") else lemma, negated=negated, clause=clause, content=content_text)
            target = None
            if stance == "disputes":
                target = _target(doc, cand, sent_start, sent_end)
                if target is None and dispute_marker(content_text) is None and cand.kind == "dobj":
                    target = Span.of(text, start_char, end_char)
            statements.append(
                Statement(
                    content=Span.of(text, start_char, end_char),
                    speaker=speaker,
                    cue=cue,
                    kind="direct" if cand.kind in LAYOUT_KINDS else _kind(content_text),
                    stance=stance,
                    cue_lemma=lemma,
                    target=target,
                    sentence=TextRange(doc[sent_start].idx, _end_char(doc[sent_end - 1])),
                )
            )
        statements = _without_echoes(statements)
        for st in statements:
            span = doc.char_span(st.content.start, st.content.end, label=st.stance, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        return statements, spans


class MentionsComponent:
    """Fills ``doc._.cc_mentions`` with PERSON/ORG/GPE/NORP mentions and their canonical names."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        add_rank_abbreviations(nlp)

    def __call__(self, doc: Doc) -> Doc:
        doc._.cc_mentions = find_mentions(doc)
        return doc


@Language.factory(
    "counterclaim_mentions",
    assigns=["doc._.cc_mentions"],
    requires=["doc.ents"],
)
def make_mentions(nlp: Language, name: str) -> MentionsComponent:
    """Entity mentions with in-article canonical names ("Robertson" → "Sean Robertson")."""
    return MentionsComponent(nlp, name)


@Language.factory(
    "counterclaim_attribution",
    assigns=["doc._.cc_statements", "doc.spans"],
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents"],
    default_config={"threshold": None, "weights_path": None},
)
def make_attribution(nlp: Language, name: str, threshold: float | None, weights_path: str | None) -> AttributionComponent:
    """Attributed statements.

    threshold (float | None): log-odds a candidate needs to be kept (the tree stage's, when it is
        shipped); None uses the trained value. Lower it for recall, raise it for precision.
    weights_path (str | None): another weights file built by scripts/train_attribution.py.
    """
    return AttributionComponent(nlp, name, threshold=threshold, weights_path=weights_path)


def _tagger_speaker(doc: Doc, probs: np.ndarray, resolver: SpeakerResolver, cand: Candidate,
                    speaker: Speaker | None, reported: bool = False,
                    sources: Sequence[tuple[int, tuple[int, int]]] = ()) -> Speaker | None:
    """The speaker the tagger reads where it names another than the parse (``tagger.rival_source``)
    and ``speaker_arbiter`` judges it right, or None.

    ``reported``: the cue and its clause lie inside an "according to" content ("According to the
    Gazette, Mayor Moss said the bridge …"). The tagger reads such a cue as part of the outer
    content and names the outer source; the parse's subject of the inner cue is its own speaker.
    A cue without a clause of its own ("The governor holds a lead …, according to a poll") is no
    report, and there the tagger's source may stand. Inside such a content, and where the parse's
    speaker is tied to the cue by one of ``FIRM_TIES``, the parse's speaker stands without asking
    the arbiter: the analyst wants the claim as the mayor's, reported by the paper (which is its own
    statement), and train has too few firm ties (3 and 11 rows) for the arbiter to learn them.

    ``sources``: the parse's source of every chosen statement, with its cue; the arbiter weighs
    whether the tagger's run is another statement's source ("according to [Brandt], who said …":
    the run in front of "who" is the source of "according to")."""
    cue = cand.cue
    if parse_decides(cue):
        return None
    if any(c.dep_ == "nsubjpass" for c in cue.children):
        # "He has been criticized for …", "Quiros was accused of …": the target, not a source;
        # "Republicans were incensed that …": the parse already has the one who holds the attitude
        return None
    span = None if speaker is None else doc.char_span(speaker.mention.start, speaker.mention.end, alignment_mode="expand")
    cue_sure = probs[cue.i, 3] > 0.5 or reported
    tie = next((t for t in (_parse_tie(tok, cue, cue_sure) for tok in span) if t), None) if span is not None else None
    if tie in FIRM_TIES or (reported and tie is not None):
        return None
    content = (cand.start, cand.end)
    rival = rival_source(doc, probs, cue.i, content, (span.start, span.end) if span is not None else None)
    if rival is None:
        return None
    run, runs = rival
    other = resolver.resolve_run(*run, content)
    if other is None:
        return None
    rivals = Rivals(cue=cue, kind=cand.kind, content=content, reported=reported, parse=speaker, parse_span=span,
                    tie=tie, run=run, runs=runs, other=other,
                    run_speaks_elsewhere=any(i != cue.i and a < run[1] and run[0] < b for i, (a, b) in sources))
    if not tagger_wins(probs, rivals):
        return None
    resolver.note_reported(other, content)
    return other


# ties of the parse's speaker to its cue that no tagger reading overrules: "forced [Stumpf] to admit …"
# (the causative's object: the speaker 26 times on train, another once), "an admission [from Warren]
# that …" (the source 64 times, another 11)
FIRM_TIES = frozenset({"causative", "byfrom"})


def _parse_tie(tok: Token, cue: Token, cue_sure: bool) -> str | None:
    """How the parse ties ``tok`` to the cue (one of ``speaker_arbiter.TIES``), if it does: as the
    object of a causative whose infinitive is the cue ("forced [Stumpf] to admit …"), the one a cue
    noun's "from" or "by" phrase names ("an admission from Warren that …"), a cue noun's possessor
    ("Trump’s claim", "her decision"), the relative pronoun that makes a relative clause's cue its
    antecedent's ("Captain Brandt, who said …": the resolver follows "who" to Brandt), or the subject
    noun of a word the tagger too reads as a cue ("One woman from Kostelj, who …, said") or of a cue
    reported inside an "according to" content. Each made the parse's speaker stand against the
    tagger's once; now each is one of the arbiter's features, as each is right most of the time
    but not always. A personal pronoun may be a nested cue's subject ("Perdue said he didn't
    believe …"), the subject of a doubtful cue a misreading ("Mrs. Clinton holds a lead …,
    according to a poll"): no tie."""
    if tok.dep_ == "dobj" and cue.dep_ == "xcomp" and tok.head.i == cue.head.i and cue.head.lemma_.lower() in CAUSATIVE_CUES:
        return "causative"
    if tok.dep_ == "pobj" and tok.head.head.i == cue.i and cue.pos_ == "NOUN" and tok.head.lower_ in ("by", "from"):
        return "byfrom"
    if tok.head != cue:
        return None
    if tok.dep_ == "poss":
        return "poss"
    if tok.dep_ == "nsubj" and tok.tag_ in ("WP", "WDT") and cue.dep_ == "relcl":
        return "relpron"
    return "sure" if cue_sure and tok.dep_ == "nsubj" and tok.pos_ != "PRON" else None


def _other_predicates(cue: Token) -> set[int]:
    """Tokens of the predicates coordinated with the cue: "has denied involvement and says X" asserts X;
    the denial is another statement's stance, not this one's."""
    skip: set[int] = set()
    for c in cue.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
            skip.update(t.i for t in c.subtree)
    head = cue.head
    if cue.dep_ == "conj" and head.pos_ in ("VERB", "AUX") and head is not cue:
        skip.add(head.i)
        for c in head.children:
            if c.i != cue.i and c.dep_ not in ("nsubj", "nsubjpass", "cc", "punct"):
                skip.update(t.i for t in c.subtree)
    return skip


_FUNCTION_POS = frozenset({"PRON", "DET", "SCONJ", "ADP", "PART", "AUX", "CCONJ"})


# what can name a speaker: an adjective of a headline ("Partisan fireworks over …"), a bare "The" or
# the clitic "'s" of "Let's" cannot, however the tagger or the parser came to pick it (a mention
# resolved to someone in the article, inside a named entity or parsed as a subject is kept whatever
# its tag: the tagger takes a paragraph's first "Trump" for a verb). Words the tagger calls nouns
# ("Keeps" of a headline's "Keeps saying") still pass.
_NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _nominal(doc: Doc, mention: Span) -> bool:
    """Whether a speaker mention has a word that can name someone."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or (len(span) > 1 and span[0].pos_ == "DET"):  # "the editorial [read]" is a noun phrase
        return True
    return any(
        t.lower_ not in ("'s", "’s") and (t.pos_ in _NOMINAL_POS or t.ent_type_ in MENTION_LABELS or t.dep_ in _SUBJECTS)
        for t in span)


def _function_word(doc: Doc, cand: Candidate) -> bool:
    """A content of one function word or word fragment ("that", "her", "re") is a misparse, not a claim."""
    words = [t for t in doc[cand.start : cand.end] if not t.is_punct]
    return len(words) == 1 and (words[0].pos_ in _FUNCTION_POS or len(words[0].text) < 3)


# what a content is when it only says how its source stays anonymous
_ANONYMITY = re.compile(rf"(?:{ANONYMITY})\b[\s,.;:]*$|condition of anonymity", re.IGNORECASE)


def _anonymity(doc: Doc, cand: Candidate) -> bool:
    """"who asked not to be named", "spoke on condition of anonymity": how a source stays anonymous,
    not something it claims."""
    return _ANONYMITY.match(doc[cand.start : cand.end].text) is not None
