"""The cue lexicon, kept as data: which cue lemmas and phrases carry which stance.

Which tokens *are* cues is learned (``candidates.py`` + the PolNeAR-trained weights); what a cue
*means* for the ledger is editorial, so it lives here as plain tables that are easy to read and
extend. ``stance_of`` looks at the cue lemma first and then at the statement's own words, because
"Robertson said: 'We are skeptical'" disputes through its content, not through "said".
"""

from __future__ import annotations

import re

from counterclaim.types import Stance

LEXICON_NAME = "counterclaim.cue_lexicon.v1"

# cue lemma → stance; everything else that the model accepts as a cue "asserts".
CUE_STANCE: dict[str, Stance] = {
    # disputes
    "deny": "disputes", "reject": "disputes", "dispute": "disputes", "dismiss": "disputes",
    "refute": "disputes", "contest": "disputes", "challenge": "disputes", "question": "disputes",
    "doubt": "disputes", "debunk": "disputes", "contradict": "disputes", "rebut": "disputes",
    "disagree": "disputes", "discount": "disputes", "downplay": "disputes", "counter": "disputes",
    "push back": "disputes", "rebuff": "disputes", "repudiate": "disputes", "decry": "disputes",
    "skeptical": "disputes", "sceptical": "disputes", "doubtful": "disputes", "unsubstantiated": "disputes",
    "denial": "disputes", "rejection": "disputes",
    # reports
    "report": "reports", "according": "reports", "cite": "reports", "quote": "reports", "relay": "reports",
    "publish": "reports", "carry": "reports",
    # concedes
    "acknowledge": "concedes", "admit": "concedes", "confirm": "concedes", "concede": "concedes",
    "grant": "concedes", "recognize": "concedes", "recognise": "concedes", "allow": "concedes",
    # hedges
    "believe": "hedges", "suggest": "hedges", "speculate": "hedges", "suspect": "hedges",
    "estimate": "hedges", "think": "hedges", "guess": "hedges", "appear": "hedges", "seem": "hedges",
    "expect": "hedges", "predict": "hedges", "indicate": "hedges",
}

# Verbs whose passive subject holds the attitude ("Republicans were incensed that …", "aides were
# coy about …", "voters are divided over …"), so it is the source; the passive subject of any other
# cue is what is talked about ("Trump is expected to win": no source). PolNeAR train agrees: of
# 456 annotated cues with a passive subject, the subject is the source for 78, nearly all of them these.
EXPERIENCER_CUES = frozenset({
    "alarm", "amuse", "anger", "annoy", "assure", "astonish", "baffle", "bother", "concern", "confuse",
    "convince", "coy", "delight", "disappoint", "disgust", "dismay", "displease", "divide", "embarrass",
    "embitter", "encourage", "enrage", "excite", "frighten", "frustrate", "horrify", "impress", "incense",
    "infuriate", "intrigue", "irk", "irritate", "miff", "mystify", "offend", "outrage", "perplex",
    "persuade", "please", "puzzle", "rattle", "reassure", "relieve", "satisfy", "scare", "shake", "shock",
    "split", "startle", "stun", "surprise", "terrify", "thrill", "trouble", "unnerve", "upset", "worry",
})

# phrases in the cue's clause or the content that turn a plain "said" into a dispute or a hedge
DISPUTE_PHRASES = (
    r"\bcast(?:s|ing)? doubts?\b", r"\bskeptical\b", r"\bsceptical\b", r"\bunsubstantiated\b",
    r"\bno (?:definitive |conclusive |hard |real )?(?:proof|evidence)\b",
    r"\bno information (?:to corroborate|supporting|that would|to confirm|to support)\b",
    r"\bcannot (?:confirm|corroborate|verify)\b", r"\bcan ?not (?:confirm|corroborate|verify)\b",
    r"\bunable to (?:confirm|corroborate|verify)\b", r"\bnot (?:true|accurate|correct)\b",
    r"\bbaseless\b", r"\bgroundless\b", r"\bno (?:indication|sign)\b", r"\bdo(?:es)? not believe\b", r"\bdon[’']t believe\b",
    r"\b(?:too|a bit|still) early to say\b", r"\bnot (?:yet )?(?:been )?(?:independently )?(?:verified|confirmed)\b",
)
HEDGE_PHRASES = (
    r"\bmay (?:have|be)\b", r"\bmight (?:have|be)\b", r"\bcould have\b", r"\bpossibly\b", r"\bprobably\b",
    r"\bnot 100 ?(?:percent|per cent|%)", r"(?:\bno|\bnot (?:have|had|has)(?: a)?|n[’']t (?:have|had|has)(?: a)?) 100 ?(?:percent|per cent|%)", r"\bbeing verified\b", r"\bunconfirmed\b",
    r"\bis believed to\b", r"\bare believed to\b", r"\breportedly\b", r"\ballegedly\b", r"\blikely\b",
)
# words that dispute only when they are in the cue's own clause ("the Pentagon disputes the figure"),
# not inside what someone else said ("voters rejected the plan")
CLAUSE_DISPUTE_PHRASES = (
    r"\bdisput(?:e|es|ed|ing)\b", r"\breject(?:s|ed|ing)?\b", r"\bden(?:y|ies|ied|ying)\b",
    r"\bfalse\b", r"\bfake\b",
)
_DISPUTE = re.compile("|".join(DISPUTE_PHRASES), re.IGNORECASE)
_CLAUSE_DISPUTE = re.compile("|".join(CLAUSE_DISPUTE_PHRASES), re.IGNORECASE)
_HEDGE = re.compile("|".join(HEDGE_PHRASES), re.IGNORECASE)
# negated concession/assertion verbs that amount to a dispute ("did not confirm", "would not say")
_NEGATED_DISPUTE = {"confirm", "corroborate", "verify", "support", "believe", "accept", "agree"}


def stance_of(lemma: str, *, negated: bool = False, clause: str = "", content: str = "") -> Stance:
    """The stance a statement takes, from its cue lemma, negation, and its own words.

    lemma (str): the cue's lemma ("say", "according", "deny").
    negated (bool): whether the cue is negated ("did not confirm").
    clause (str): the cue's own words around it (subject, cue, complements outside the content).
    content (str): the statement's content.
    """
    base = CUE_STANCE.get(lemma.lower(), "asserts")
    if negated and lemma.lower() in _NEGATED_DISPUTE:
        return "disputes"
    if base == "disputes":
        return base
    if _DISPUTE.search(clause) or _CLAUSE_DISPUTE.search(clause) or _DISPUTE.search(content):
        return "disputes"
    if base in ("reports", "concedes"):
        return base
    if _HEDGE.search(clause) or _HEDGE.search(content):
        return "hedges"
    return base


def dispute_marker(text: str) -> re.Match[str] | None:
    """The first dispute phrase in a text, if any (used to find what a dispute is about)."""
    return _DISPUTE.search(text) or _CLAUSE_DISPUTE.search(text)
