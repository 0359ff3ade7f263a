"""Attributed statements, one form at a time, on sentences written for these tests."""

from __future__ import annotations

import pytest

from counterclaim.analyse import analyse_text
from counterclaim.analyse.cues import stance_of
from counterclaim.analyse.mentions import person_core
from counterclaim.types import Statement


def _find(statements: tuple[Statement, ...], words: str) -> Statement:
    """The statement whose content contains ``words``; fails the test with what was found instead."""
    for s in statements:
        if words in s.content.text:
            return s
    found = [(s.content.text, s.speaker.name if s.speaker else None) for s in statements]
    raise AssertionError(f"no statement containing {words!r}; found {found}")


FORMS = [
    # (text, words in the content, speaker name, stance, kind)
    pytest.param(
        'Mayor Helen Ortiz said: "The bridge will reopen in May."',
        "bridge will reopen", "Helen Ortiz", "asserts", "direct", id="colon-quote",
    ),
    pytest.param(
        '"The budget is balanced," Finance Minister Tomas Berg said. "We have no new debt."',
        "budget is balanced", "Tomas Berg", "asserts", "direct", id="quote-then-cue",
    ),
    pytest.param(
        '"The river is clean," Berg said, "and the fish have come back."',
        "river is clean", "Berg", "asserts", None, id="split-quote",
    ),
    pytest.param(
        "Greta Lind said that the harbour would close for repairs next winter.",
        "harbour would close", "Greta Lind", "asserts", "indirect", id="said-that",
    ),
    pytest.param(
        "Senator Paul Okafor told the audience that the plan would cost billions.",
        "plan would cost billions", "Paul Okafor", "asserts", "indirect", id="told-that",
    ),
    pytest.param(
        "Defence Minister Ana Ruiz warned that the rebels were regrouping near the border.",
        "rebels were regrouping", "Ana Ruiz", "asserts", "indirect", id="warned-that",
    ),
    pytest.param(
        "The factory released toxic waste into the lake last year, according to the Environmental Agency.",
        "factory released toxic waste", "Environmental Agency", "reports", "indirect", id="according-to",
    ),
    pytest.param(
        "Interior Minister Karl Weber denied that the police had used tear gas on the protesters.",
        "police had used tear gas", "Karl Weber", "disputes", "indirect", id="denied",
    ),
    pytest.param(
        "Karl Weber acknowledged that mistakes were made during the evacuation.",
        "mistakes were made", "Karl Weber", "concedes", "indirect", id="acknowledged",
    ),
    pytest.param(
        "The mayor's office rejected claims that the water supply was contaminated.",
        "water supply was contaminated", None, "disputes", None, id="rejected-claims",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker", "stance", "kind"), FORMS)
def test_forms(text: str, words: str, speaker: str | None, stance: str, kind: str | None) -> None:
    statement = _find(analyse_text(text).statements, words)
    assert statement.stance == stance
    if speaker is not None:
        assert statement.speaker is not None and statement.speaker.name == speaker
    if kind is not None:
        assert statement.kind == kind
    assert statement.cue is not None and statement.sentence is not None


def test_multi_sentence_quote_paragraph_is_one_statement() -> None:
    text = (
        "Coach Lena Moss spoke after the match.\n\n"
        '"We played badly in the first half. The second half was better. We will learn from this," Moss added.\n'
    )
    statement = _find(analyse_text(text).statements, "played badly")
    assert "learn from this" in statement.content.text
    assert statement.speaker is not None and statement.speaker.name == "Lena Moss"


def test_pronoun_and_surname_resolve_to_the_full_name() -> None:
    text = (
        "Harbour master Jonas Eklund said the port was safe. "
        'Eklund added that ships would sail on Monday. "The storm has passed," he said.'
    )
    analysis = analyse_text(text)
    names = {s.speaker.name for s in analysis.statements if s.speaker}
    assert names == {"Jonas Eklund"}
    assert any(m.text == "Eklund" and m.canonical == "Jonas Eklund" for m in analysis.mentions)


def test_role_and_anonymous_sources() -> None:
    text = (
        'Navy spokesman Lt. Omar Haddad said the ship was undamaged. '
        'Two officials said privately that the ship had been hit.'
    )
    analysis = analyse_text(text)
    named = _find(analysis.statements, "ship was undamaged")
    assert named.speaker is not None and named.speaker.name == "Omar Haddad"
    assert named.speaker.role and "spokesman" in named.speaker.role
    anonymous = _find(analysis.statements, "ship had been hit")
    assert anonymous.speaker is not None and anonymous.speaker.named is False


def test_dispute_target_is_recorded() -> None:
    statement = _find(analyse_text("The ministry disputes the figure of 300 casualties.").statements, "figure")
    assert statement.stance == "disputes"
    assert statement.target is not None and "figure of 300" in statement.target.text


def test_statements_inside_boilerplate_are_dropped() -> None:
    from counterclaim.analyse import analyse
    from counterclaim.clean import clean_text
    from counterclaim.types import TextRange

    text = "Ana Ruiz said the talks had failed.\nLeave a reply: Tom said the article was great.\n"
    article = clean_text(text, source="<test>")
    cut = text.index("Leave")
    article = type(article)(**{**{f: getattr(article, f) for f in article.__slots__}, "boilerplate": (TextRange(cut, len(text)),)})
    analysis = next(analyse([article]))
    assert any("talks had failed" in s.content.text for s in analysis.statements)
    assert not any("article was great" in s.content.text for s in analysis.statements)


def test_empty_and_odd_input_do_not_crash() -> None:
    for text in ("", "\n\n", '"""', "said said said:", "“unclosed quote"):
        analyse_text(text)


@pytest.mark.parametrize(
    ("lemma", "negated", "clause", "content", "stance"),
    [
        ("say", False, "", "We are skeptical of its accuracy", "disputes"),
        ("say", False, "", "the claims were unsubstantiated", "disputes"),
        ("say", False, "", "there was no information to corroborate the report", "disputes"),
        ("say", False, "", "I don’t have a 100 percent confirmation of it", "hedges"),
        ("say", False, "", "it is not 100 percent certain", "hedges"),
        ("say", False, "", "the strike may have killed the commander", "hedges"),
        ("confirm", True, "", "the report", "disputes"),
        ("confirm", False, "", "the report", "concedes"),
        ("according", False, "", "the camp was attacked", "reports"),
        ("deny", False, "", "anything", "disputes"),
        ("say", False, "", "voters rejected the plan", "asserts"),
    ],
)
def test_stance_lexicon(lemma: str, negated: bool, clause: str, content: str, stance: str) -> None:
    assert stance_of(lemma, negated=negated, clause=clause, content=content) == stance


def test_person_core_drops_titles() -> None:
    assert person_core("Cmdr. Sean Robertson") == ["Sean", "Robertson"]
    assert person_core("Mr Putin's") == ["Putin"]


# ---- boundary variants: the edits the boundary model chooses between (no model involved) ----


def _variants_of(text: str, cue_word: str) -> list[tuple[str, str]]:
    """Boundary variants (edit, content text) of the widest candidate whose cue is ``cue_word``."""
    from counterclaim.analyse.candidates import generate, variants
    from counterclaim.analyse.nlp import load_nlp

    doc = load_nlp()(text)
    cands = [c for c in generate(doc) if c.cue.text == cue_word]
    assert cands, f"no candidate with cue {cue_word!r}"
    # the candidate that reaches furthest right is the clause/object one, not a particle or preposition
    cand = max(cands, key=lambda c: (c.end - c.start, -c.start))
    return [(edit, doc[s:e].text) for s, e, edit in variants(doc, cand)]


def test_variants_keep_the_detector_range_first() -> None:
    from counterclaim.analyse.candidates import generate, variants
    from counterclaim.analyse.nlp import load_nlp

    doc = load_nlp()("Greta Lind said that the harbour would close for repairs.")
    for cand in generate(doc):
        out = variants(doc, cand)
        assert out[0][2] == "base+base"
        assert len({(s, e) for s, e, _ in out}) == len(out)


@pytest.mark.parametrize(
    ("text", "cue", "edit", "expected"),
    [
        pytest.param(
            "Greta Lind said that the harbour would close for repairs.",
            "said", "that-+base", "the harbour would close for repairs", id="drop-that",
        ),
        pytest.param(
            "The union urged its members to reject the new contract.",
            "urged", "obj++base", "its members to reject the new contract", id="object-of-urge",
        ),
        pytest.param(
            "Ms. Ortiz praised the new bridge, which opened in May.",
            "praised", "base+cut-", "the new bridge", id="non-restrictive-relative",
        ),
        pytest.param(
            "And in the north, the river has flooded two villages, according to the water board.",
            "according", "lead-+base", "the river has flooded two villages", id="leading-and",
        ),
        pytest.param(
            "The governor called the budget a disgrace.",
            # the object candidate itself carries its complement, so the detector scores the pair
            "called", "base+base", "the budget a disgrace", id="object-complement",
        ),
        pytest.param(
            "The nominee complained about his microphone the morning after the debate.",
            "complained", "base+clause+", "his microphone the morning after the debate", id="rest-of-clause",
        ),
    ],
)
def test_boundary_variants(text: str, cue: str, edit: str, expected: str) -> None:
    found = _variants_of(text, cue)
    assert (edit, expected) in found, found


def test_the_tagger_proposes_an_end_of_its_own() -> None:
    import numpy as np

    from counterclaim.analyse.candidates import generate, variants
    from counterclaim.analyse.nlp import load_nlp

    doc = load_nlp()("Clinton cited disparaging remarks Trump had made about Machado as examples.")
    cand = next(c for c in generate(doc) if c.cue.text == "cited" and doc[c.start].text == "disparaging")
    content = np.zeros(len(doc))
    machado = next(t.i for t in doc if t.text == "Machado")
    content[cand.start : machado + 1] = 0.9  # the tagger reads content up to "Machado"
    found = {(edit, doc[s:e].text) for s, e, edit in variants(doc, cand, content)}
    assert ("base+tag+", "disparaging remarks Trump had made about Machado") in found, found
    assert not any(edit.endswith("tag+") for _, _, edit in variants(doc, cand))  # no tagger, no such end


def test_the_tagger_proposes_a_start_of_its_own_short_of_the_cue() -> None:
    import numpy as np

    from counterclaim.analyse.candidates import generate, variants
    from counterclaim.analyse.nlp import load_nlp

    doc = load_nlp()("Palmieri called on Trump to stop attacking Machado.")
    cand = next(c for c in generate(doc) if c.cue.text == "called" and doc[c.start].text == "to")
    content = np.full(len(doc), 0.9)  # the tagger reads the whole sentence, cue and speaker too
    starts = {doc[s:e].text for s, e, edit in variants(doc, cand, content) if edit.startswith("tag+")}
    assert "Trump to stop attacking Machado" in starts, starts  # never back over the cue or its preposition


def test_the_tagger_end_stops_at_a_full_stop_outside_a_quotation() -> None:
    import numpy as np

    from counterclaim.analyse.candidates import generate, variants
    from counterclaim.analyse.nlp import load_nlp

    doc = load_nlp()("Mr. Clarke said he realized that droughts were caused by climate change. Back in Virginia, he "
                     "decided to act.")
    cand = next(c for c in generate(doc) if c.cue.text == "said" and doc[c.start].text == "he")
    content = np.full(len(doc), 0.9)  # the tagger reads on into the next sentence
    ends = {doc[s:e].text for s, e, edit in variants(doc, cand, content) if edit.endswith("tag+")}
    assert all("Virginia" not in text for text in ends), ends


def test_according_to_after_a_quote_keeps_the_quote_as_content() -> None:
    # a participle phrase after "according to X" must not pull the phrase into the content or steal the cue
    text = (
        '"Crime in the old town has fallen sharply this spring," according to police chief Mara Vind, '
        "speaking to reporters on Tuesday."
    )
    statement = _find(analyse_text(text).statements, "Crime in the old town")
    assert statement.cue is not None and statement.cue.text == "according to"
    assert "according" not in statement.content.text and "speaking" not in statement.content.text
    assert statement.stance == "reports"


def test_object_of_an_urging_verb_belongs_to_the_content() -> None:
    # PolNeAR's convention, learned by the boundary model: "urged [its members] to reject ..." is one content
    statement = _find(analyse_text("The union urged its members to reject the new contract.").statements, "reject")
    assert statement.content.text == "its members to reject the new contract"
    assert statement.cue is not None and statement.cue.text == "urged"


def test_a_claim_reported_according_to_a_paper_keeps_its_own_speaker() -> None:
    text = "According to the Harbour Gazette, Mayor Lena Moss said the bridge would reopen in May.\n"
    statements = analyse_text(text).statements
    inner = [s for s in statements if s.speaker is not None and s.speaker.name == "Lena Moss"]
    assert inner and "bridge would reopen" in inner[0].content.text


def test_reported_speech_stays_in_its_paragraph_under_a_headline_without_a_full_stop() -> None:
    text = ("Fewer Than 500 Rebels Left in the Valley, Army Says\n\n"
            "There are about 300 rebels near Dorra and 200 in Kesh, according to Colonel Ana Lind, "
            "who said the army has watched the camps for weeks.")
    statement = _find(analyse_text(text).statements, "300 rebels")
    assert statement.cue.text == "according to"
    assert statement.speaker is not None and "Lind" in (statement.speaker.name or "")
    assert statement.content.text.startswith("There are about 300 rebels"), statement.content.text
    assert text[statement.sentence.start : statement.sentence.end].startswith("There are about 300")


def test_a_phrasal_cue_keeps_its_particle() -> None:
    statement = _find(analyse_text("Harbour officials pushed back against the growing narrative of a failing port.").statements,
                      "narrative")
    assert statement.cue_lemma == "push back" and statement.stance == "disputes"


def test_a_quotation_goes_on_after_its_attribution() -> None:
    text = (
        '"The harbour is clean again," said Greta Lind, head of the port authority. "The fish have come back. '
        'The divers say so too."\n\n'
        '"It was a good year," said Tom Berg, an analyst. Meanwhile the council voted to "revisit" the fees.'
    )
    statements = analyse_text(text).statements
    lind = _find(statements, "harbour is clean")
    assert lind.content.text.endswith('The divers say so too."'), "the quotation after 'said Greta Lind, …' is hers too"
    berg = _find(statements, "good year")
    assert berg.content.text == '"It was a good year,"', "a quotation inside someone else's sentence is not Berg's"


def test_a_paragraph_that_is_only_a_quotation_goes_on_with_the_speaker_before_it() -> None:
    text = (
        '"Nobody is building ships here any more," said Greta Lind, head of the port authority.\n\n'
        '"The yards closed in May. The workers have gone south."\n\n'
        '"The fees will rise," Tom Berg said.\n\n'
        '"Most traders will leave. The harbour will close within a year.\n\n'
        'The council voted on Monday.'
    )
    statements = analyse_text(text).statements
    lind = _find(statements, "Nobody is building ships")
    assert lind.content.text.endswith('The workers have gone south."'), "a paragraph that is only a quotation is hers"
    berg = _find(statements, "fees will rise")
    assert berg.content.text == '"The fees will rise,"', "a quotation left open is an excerpt going on, not his"


@pytest.mark.parametrize(("aside", "goes_on"), [
    (", speaking by phone from the harbour", True),
    (", drawing cheers from the crowd", True),
    (", adding", False),
    (", blaming the council for the delay", False),
])
def test_a_participle_that_only_describes_the_saying_does_not_end_the_quotation(aside: str, goes_on: bool) -> None:
    text = f'"They have failed us," Greta Lind said{aside}. "The fish have not come back."'
    lind = _find(analyse_text(text).statements, "failed us")
    assert lind.content.text.endswith('come back."') is goes_on


def test_a_sentence_that_opens_with_a_poll_reports_its_finding() -> None:
    text = ("In the latest Harbour Gazette poll, however, Greta Lind led Tom Berg by 5 points among likely voters. "
            "Lind has led in the polls since May.")
    statements = analyse_text(text).statements
    poll = _find(statements, "led Tom Berg")
    assert poll.content.text == "Greta Lind led Tom Berg by 5 points among likely voters"
    assert poll.speaker is not None and poll.speaker.mention.text == "the latest Harbour Gazette poll"
    assert poll.cue.text == "In" and poll.cue_lemma == "in" and poll.stance == "reports"
    assert not any(s.cue.text == "in" for s in statements), "'led in the polls' reports nothing"


def test_doubled_apostrophes_quote_like_quotation_marks() -> None:
    text = (
        "''It is more tinkering at the edges,'' said Alan Cole, an economist at the institute. "
        "''I would not call it reform.''\n"
    )
    from counterclaim.analyse.candidates import quote_spans
    from counterclaim.analyse.nlp import load_nlp

    doc = load_nlp()(text)
    assert [(doc[a].text, doc[b].text) for a, b in quote_spans(doc)] == [("''", "''"), ("''", "''")]
    statement = _find(analyse_text(text).statements, "tinkering")
    assert statement.kind == "direct" and statement.content.text.endswith("not call it reform.''")
    assert statement.speaker is not None and statement.speaker.name == "Alan Cole"


def test_a_parenthetical_cue_reports_the_whole_clause_around_it() -> None:
    text = "The old mill was a juggernaut, Mr. Clarke said, until it went bankrupt in 1999."
    statement = _find(analyse_text(text).statements, "juggernaut")
    assert statement.content.text == text[:-1], "the clause goes on after the parenthetical 'Mr. Clarke said'"
    assert statement.speaker is not None and statement.speaker.name == "Clarke"


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('"Oz has a huge bully pulpit, with the Oprah empire behind him,” said David Gorski, a surgeon.',
         ['"Oz has a huge bully pulpit, with the Oprah empire behind him,”']),
        ('“Immunity deals should not be a requirement for cooperating with the FBI," Jason Chaffetz said.',
         ['“Immunity deals should not be a requirement for cooperating with the FBI,"']),
        ('“He called it a "disaster" and left,” she said.', ['“He called it a "disaster" and left,”', '"disaster"']),
    ],
)
def test_mismatched_quotation_marks_still_pair(text: str, quoted: list[str]) -> None:
    from counterclaim.analyse.candidates import quote_spans
    from counterclaim.analyse.nlp import load_nlp

    doc = load_nlp()(text)
    assert [doc[a : b + 1].text for a, b in quote_spans(doc)] == quoted
    statement = analyse_text(text).statements[0]
    assert statement.kind == "direct" and statement.content.text == quoted[0]


def test_only_a_quotation_runs_on_into_the_next_one() -> None:
    text = (
        "Trump tweets.\n\nCampaign director Jennifer Palmieri said Trump is reduced to \"taunts and insults\" because "
        "he cannot defend his own record. \"You could dismiss these actions as schoolyard behavior,\" she said."
    )
    statements = analyse_text(text).statements
    assert [s.content.text for s in statements] == [
        'Trump is reduced to "taunts and insults" because he cannot defend his own record',
        '"You could dismiss these actions as schoolyard behavior,"',
    ]
    assert [s.speaker.mention.text if s.speaker else None for s in statements] == ["Campaign director Jennifer Palmieri", "she"]
    # Trump is whom she talked about, not who speaks next
    assert [s.speaker.name if s.speaker else None for s in statements] == ["Jennifer Palmieri"] * 2


def test_no_statement_starts_at_the_mark_that_closes_a_quotation() -> None:
    text = ("Portvale Plan for Harbour Is Expansive but Costly.\n\nIt's hard to imagine a harbour plan more costly "
            "than the one we already have.\n\nThe council has come up with one.\n\n"
            "''This isn't harbour reform,'' said Marta Ilves, an engineer who served as director of the "
            "Portvale Harbour Authority and is now president of the Coastal Trade Forum, a conservative, "
            "pro-trade advocacy group. ''It's anti-reform. They are layering on even more cost.''\n\n"
            "Her views were echoed by a number of engineers I spoke to this week.")
    statements = analyse_text(text).statements
    assert statements and all(not s.content.text.startswith("'' ") for s in statements)
    assert any(s.content.text.startswith("''This isn't harbour reform") for s in statements)


@pytest.mark.parametrize(("start", "end", "dropped"), [(6, 7, True), (7, 8, True), (4, 5, False), (4, 7, False)])
def test_a_content_of_one_function_word_is_a_misparse(nlp, start: int, end: int, dropped: bool) -> None:  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    from counterclaim.analyse.components.attribution import _function_word

    doc = nlp("She said she was passionate about that 're.")  # tokens 4-7: passionate about that 're
    assert _function_word(doc, SimpleNamespace(start=start, end=end)) is dropped  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [
    "A senior official, who spoke on condition of anonymity, said the dam broke.",
    "A resident, who asked not to be identified, said the dam broke.",
])
def test_how_a_source_stays_anonymous_is_no_statement(text: str) -> None:
    from counterclaim.analyse import analyse_text

    [s] = analyse_text(text).statements
    assert s.content.text == "the dam broke"


def test_a_second_predicate_of_the_speaker_is_a_statement_of_its_own() -> None:
    # the parser hangs "blasted" on "was expanding"; it is Putin's second act, not part of what he added
    text = ("Speaking in Sochi on Thursday, Putin added that ISIS was expanding its control in territory "
            'controlled by US forces and blasted America for a "catastrophic" failure.')
    statements = analyse_text(text).statements
    added = [s for s in statements if s.cue.text == "added"]
    assert added and added[0].content.text.endswith("US forces"), [(s.cue.text, s.content.text) for s in statements]
    blasted = [s for s in statements if s.cue.text == "blasted"]
    assert blasted and blasted[0].speaker is not None and blasted[0].speaker.mention.text == "Putin"
    assert "catastrophic" in blasted[0].content.text
    assert not any(s.cue.text == "Speaking" for s in statements), "the participle only sets the scene"


def test_a_conjunct_that_shares_the_content_auxiliary_stays_in_the_content() -> None:
    text = "The minister said that the army had taken the city and lost 40 men."
    said = [s for s in analyse_text(text).statements if s.cue.text == "said"]
    assert said and said[0].content.text.endswith("lost 40 men")


def test_a_saying_after_a_copula_about_a_thing_goes_back_to_the_speaker() -> None:
    # "the breach" cannot blame anyone: the minister did
    text = ("Interior Minister Anton Havrel said the breach was a deliberate act and blamed the Sarne Valley "
            "Liberation Front, an armed group.")
    statements = analyse_text(text).statements
    said = [s for s in statements if s.cue.text == "said"]
    assert said and said[0].content.text == "the breach was a deliberate act", [(s.cue.text, s.content.text) for s in statements]
    blamed = [s for s in statements if s.cue.text == "blamed"]
    assert blamed and blamed[0].speaker is not None and blamed[0].speaker.mention.text == "Interior Minister Anton Havrel"


@pytest.mark.parametrize("subject", ["the minister", "the ministry", "the spokesman"])
def test_a_saying_after_a_copula_about_a_speaker_stays_in_the_content(subject: str) -> None:
    # here the one the clause is about can well have denied it
    text = f"Havrel said {subject} was angry and denied the report."
    said = [s for s in analyse_text(text).statements if s.cue.text == "said"]
    assert said and said[0].content.text.endswith("denied the report")


@pytest.mark.parametrize(
    "text, content",
    [
        ("Of those, up to about 9,000 are believed to be in areas controlled by Russia.",
         "up to about 9,000 are believed to be in areas controlled by Russia"),
        ("Governor Ruiz is expected to deliver a victory speech later tonight.",
         "Governor Ruiz is expected to deliver a victory speech later tonight"),
    ],
)
def test_a_passive_cue_keeps_its_subject_in_the_content(text: str, content: str) -> None:
    statements = analyse_text(text).statements
    assert any(s.content.text == content and s.speaker is None for s in statements), \
        [(s.cue.text, s.content.text) for s in statements]


def test_a_cue_inside_the_continued_quotation_does_not_take_it_over() -> None:
    text = (
        'The mayor spoke on Tuesday.\n\n'
        '"We will rebuild the bridge by spring," Mayor Sarah Collins said Tuesday. '
        '"I mean, there\'s a lot of frustration in this valley and there\'s a lot of frustration I know in the '
        'council about what we\'re not able to do."\n'
    )
    statements = analyse_text(text).statements
    collins = _find(statements, "rebuild the bridge")
    assert collins.content.text.endswith('not able to do."'), "the next quotation goes on with Collins's words"
    assert collins.speaker is not None and collins.speaker.name == "Sarah Collins"
    assert not [s for s in statements if s is not collins and "frustration" in s.content.text]


def test_a_name_set_off_by_an_appositive_after_a_quotation_is_its_speaker() -> None:
    # the parser hangs "Becker" on "president" inside the quotation, leaving "said" without a subject
    text = (
        'Retired Gen. Paul Becker said on Monday that the border plan was sound.\n\n'
        '"He\'s absolutely right. There\'s a severe disconnect between this White House and frankly the president '
        'and our military," Becker, a top Trump surrogate, said Thursday morning on Fox News.\n'
    )
    statements = analyse_text(text).statements
    quoted = _find(statements, "severe disconnect")
    assert quoted.content.text.endswith('our military,"'), "the speaker's name is not part of the quotation"
    assert quoted.speaker is not None and quoted.speaker.name == "Paul Becker"


def test_a_poll_with_two_sponsors_is_a_source_not_a_photo_credit() -> None:
    text = (
        'Voters were asked about the race.\n\n'
        'And Mrs. Dalton now holds a lead of 12 percentage points over her rival among young voters, '
        'according to a Daily Ledger/Channel 9 News poll released last week.\n'
    )
    statements = analyse_text(text).statements
    poll = _find(statements, "holds a lead of 12 percentage points")
    assert poll.cue_lemma == "according to"
    assert poll.speaker is not None and poll.speaker.mention.text == "a Daily Ledger/Channel 9 News poll"


def test_a_reading_that_starts_at_a_closing_mark_keeps_only_the_next_quotation(nlp) -> None:  # type: ignore[no-untyped-def]
    from counterclaim.analyse.candidates import Candidate, quote_spans
    from counterclaim.analyse.components.attribution import _skip_closed_quotes

    doc = nlp("''I don't judge what people spend,'' he said. ''But most parents wish they could go back.''")
    quotes = quote_spans(doc)
    close_first, open_second = quotes[0][1], quotes[1][0]
    wish = next(t for t in doc if t.text == "wish")
    judge = next(t for t in doc if t.text == "judge")
    inner = Candidate(cue=wish, kind="ccomp", start=close_first, end=len(doc))
    across = Candidate(cue=judge, kind="ccomp", start=close_first, end=len(doc))
    kept = _skip_closed_quotes([inner, across], quotes)
    assert kept == [inner] and inner.start == open_second, "the cue's own quotation stays, from its opening mark"


def test_a_clause_of_its_own_after_the_cue_stops_the_quotation_going_on(nlp) -> None:  # type: ignore[no-untyped-def]
    from counterclaim.analyse.candidates import Candidate, quote_spans
    from counterclaim.analyse.components.attribution import _continue_quote

    def said_statement(text: str) -> tuple[Candidate, list[tuple[int, int]]]:
        doc = nlp(text)
        quotes = quote_spans(doc)
        said = next(t for t in doc if t.text == "said")
        return Candidate(cue=said, kind="quote", start=quotes[0][0], end=quotes[0][1] + 1), quotes

    own, quotes = said_statement('"People do not agree with him," Sanders said, suggesting a few questions, '
                                 'including, "Do you really think that billionaires need a tax break?"')
    end = own.end
    _continue_quote(own.cue.doc, own, quotes, [own])
    assert own.end == end, "'suggesting …' opens a statement of its own"
    goes_on, quotes = said_statement('"People do not agree with him," Sanders said on Monday. '
                                     '"Do you really think that billionaires need a tax break?"')
    _continue_quote(goes_on.cue.doc, goes_on, quotes, [goes_on])
    assert goes_on.end == quotes[1][1] + 1


@pytest.mark.parametrize(
    ("text", "outer"),
    [
        ("Voters were asked about the race.\n\nAccording to exit polls, Mitt Romney had a ten-point lead over "
         "Obama among the high-earning group.\n", "According to"),
        ("Voters were asked about the race.\n\nAnd Mrs. Dalton now holds a lead of 12 percentage points over her "
         "rival among young voters, according to a Daily Ledger poll released last week.\n", "according to"),
    ],
)
def test_a_reading_inside_a_statement_with_the_same_speaker_is_no_second_statement(text: str, outer: str) -> None:
    statements = analyse_text(text).statements
    poll = _find(statements, "percentage points" if "Dalton" in text else "ten-point lead")
    assert poll.cue.text == outer
    echoes = [s for s in statements if s is not poll and s.speaker is not None and poll.speaker is not None
              and s.speaker.mention == poll.speaker.mention]
    assert not echoes, "the poll's figure is one claim, not also a claim of 'had'/'holds'"


def test_a_speaker_is_a_word_that_can_name_someone() -> None:
    text = (
        "Partisan fireworks over Clinton aides' immunity deals\n\n"
        "It is easy to moralize about whether it is patriotic to pay taxes. Let's think about what the law says. "
        "Trump this week also said he would consider naming Sen. Mike Lee to the Supreme Court. "
        '"If she wants to be the next president, Hillary Clinton should act like one," the editorial read.\n'
    )
    statements = analyse_text(text).statements
    assert _find(statements, "immunity deals").speaker is None, "an adjective of a headline is no speaker"
    assert _find(statements, "what the law says").speaker is None, "nor is the clitic of \"Let's\""
    trump = _find(statements, "consider naming")
    assert trump.speaker is not None and trump.speaker.mention.text == "Trump", "a subject the tagger took for a verb stays"
    editorial = _find(statements, "act like one")
    assert editorial.speaker is not None and editorial.speaker.mention.text == "the editorial"


@pytest.mark.parametrize("kicker", ["Breaking", "LOOK", "Revealed", "WATCH"])
def test_a_headline_kicker_attributes_nothing(kicker: str) -> None:
    text = f"{kicker}: Shocking Photos Of The Senator's Rally Are Going Viral\n\nThe photos show an empty stadium.\n"
    assert not [s for s in analyse_text(text).statements if s.cue.text == kicker]
    # a kicker that names a source still does
    text = "Poll: Wealthy Voters Abandon The Governor\n\nThe survey was taken last week.\n"
    poll = _find(analyse_text(text).statements, "Wealthy Voters")
    assert poll.speaker is not None and poll.speaker.mention.text == "Poll"


def test_a_trailing_speech_participle_is_the_speakers_second_statement() -> None:
    text = ("Voters went to the polls on Tuesday.\n\nSen. Dale Porter said the attack ads did not sink the governor "
            "in 2012, arguing that divisions in the party were a bigger hurdle.\n")
    statements = analyse_text(text).statements
    said = _find(statements, "attack ads")
    assert said.content.text == "the attack ads did not sink the governor in 2012"
    arguing = _find(statements, "divisions in the party")
    assert arguing.cue.text == "arguing" and arguing.content.text == "that divisions in the party were a bigger hurdle"
    assert arguing.speaker is not None and arguing.speaker.name == "Dale Porter"


def test_a_second_speech_verb_joined_by_and_is_its_own_statement() -> None:
    text = ("The test drew wide condemnation.\n\nEven Varna, the North's only ally, said it was \"resolutely opposed\" "
            "to the test and warned the North to refrain from further actions.\n")
    statements = analyse_text(text).statements
    said = _find(statements, "resolutely opposed")
    assert said.content.text == 'it was "resolutely opposed" to the test'
    warned = _find(statements, "refrain from")
    assert warned.cue.text == "warned" and warned.content.text == "the North to refrain from further actions"
    assert warned.speaker is not None and warned.speaker.mention.text == said.speaker.mention.text  # type: ignore[union-attr]


def test_a_colon_cue_alone_on_its_line_introduces_the_next_paragraph() -> None:
    text = ("The governor spoke about crime at the debate.\n\nHe said:\n\n"
            '"We have a situation where our inner cities are so dangerous. We have to bring back law and order."\n')
    statement = _find(analyse_text(text).statements, "bring back law and order")
    assert statement.cue is not None and statement.cue.text == "said"
    assert statement.speaker is not None and statement.speaker.mention.text == "He"
    assert statement.content.text.startswith('"We have a situation')


def test_a_quoted_question_before_a_cue_the_parser_split_off_is_its_content() -> None:
    # the parser ends the sentence at '?”', so 'Clinton said.' stands alone and no arc reaches the quotation
    text = ("Hillary Clinton spoke out on Tuesday about the shooting.\n"
            "“How many times do we have to see this in our country?” Clinton said. “This is just unbearable.”\n")
    statement = _find(analyse_text(text).statements, "How many times")
    assert statement.cue is not None and statement.cue.text == "said"
    assert statement.speaker is not None and statement.speaker.name == "Hillary Clinton"


def test_a_sentence_of_its_own_after_a_quotation_does_not_take_it() -> None:
    text = ('Americans have come to believe "that climate change is real and we should do something about it." '
            "He enacted new emissions rules.\n")
    assert all(s.cue is None or s.cue.text != "enacted" or "climate change is real" not in s.content.text
               for s in analyse_text(text).statements)


@pytest.mark.parametrize(("headline", "speaker"), [
    ("A lesson from Maria Delgado: 'Be the voice that people hear.'", "Maria Delgado"),
    ("Senator Maria Delgado Grills Bank Chief Over Fake Accounts: ‘You Should Resign.’", "Maria Delgado"),
])
def test_a_headline_quotation_after_a_colon_is_the_named_persons(headline: str, speaker: str) -> None:
    text = f"{headline}\n\nSen. Maria Delgado spoke to the committee on Tuesday about the bank.\n"
    statement = _find(analyse_text(text).statements, "You Should Resign" if "Resign" in headline else "Be the voice")
    assert statement.speaker is not None and statement.speaker.name == speaker


def test_a_name_a_headline_quotation_is_about_is_not_its_speaker() -> None:
    text = ("Network Chief On Delgado: ‘We Do Not Pay Candidates.’\n\n"
            "The network's president said Maria Delgado was not paid for her appearance.\n")
    assert not any(s.speaker is not None and s.speaker.name == "Maria Delgado" and "Pay Candidates" in s.content.text
                   for s in analyse_text(text).statements)


def test_a_concessive_cue_clause_does_not_report_the_clause_it_hangs_off() -> None:
    text = ("Judges met in the capital on Monday.\n\nMoreno said the long hours of public service sometimes erase the "
            "barriers that women face in private firms, though she noted clients are beginning to demand diverse "
            "legal teams.\n")
    statements = analyse_text(text).statements
    noted = _find(statements, "clients are beginning")
    assert noted.cue is not None and noted.cue.text == "noted"
    assert "long hours" not in noted.content.text
    said = _find(statements, "long hours")
    assert said.cue is not None and said.cue.text == "said"


def test_markup_glued_to_a_speaker_is_not_part_of_the_mention() -> None:
    text = 'We rate it Mostly True.">Okafor said that the real unemployment rate is 51 percent.\n'
    statement = _find(analyse_text(text).statements, "unemployment rate")
    assert statement.speaker is not None and statement.speaker.mention.text == "Okafor"
    assert text[statement.speaker.mention.start : statement.speaker.mention.end] == "Okafor"


def test_an_infinitive_of_saying_joins_the_cue_and_its_object_is_the_content() -> None:
    text = "The hearing ended on Monday.\n\nSenator Dale Porter has steadfastly refused to disclose his medical records.\n"
    statement = _find(analyse_text(text).statements, "medical records")
    assert statement.content.text == "his medical records"
    assert statement.cue is not None and statement.cue.text == "refused to disclose"
    assert statement.speaker is not None and statement.speaker.name == "Dale Porter"


def test_an_infinitive_of_an_act_stays_in_the_content() -> None:
    from counterclaim.analyse.candidates import Candidate
    from counterclaim.analyse.components.attribution import _infinitive_cue
    from counterclaim.analyse.nlp import load_nlp

    doc = load_nlp()("Dale Porter promised to build a new bridge.")
    cue = next(t for t in doc if t.text == "promised")
    cand = Candidate(cue=cue, kind="xcomp", start=cue.i + 1, end=len(doc) - 1)
    assert not _infinitive_cue(doc, cand)
    assert doc[cand.start : cand.end].text == "to build a new bridge"


def test_a_gerund_of_saying_joins_the_cue_and_its_object_is_the_content() -> None:
    text = "The campaign met on Monday.\n\nThe senator has been steering clear of criticizing Governor Hale for his tax returns.\n"
    statement = _find(analyse_text(text).statements, "Governor Hale")
    assert statement.content.text == "Governor Hale for his tax returns"
    assert statement.cue is not None and statement.cue.text == "steering clear of criticizing"


def test_a_gerund_of_an_act_stays_in_the_content() -> None:
    from counterclaim.analyse.candidates import Candidate
    from counterclaim.analyse.components.attribution import _infinitive_cue
    from counterclaim.analyse.nlp import load_nlp

    nlp = load_nlp()
    doc = nlp("The authors could not resist pointing out that every shooting did not end in a death.")
    cue = next(t for t in doc if t.text == "resist")
    cand = Candidate(cue=cue, kind="xcomp", start=cue.i + 1, end=len(doc) - 1)
    assert _infinitive_cue(doc, cand)
    assert doc[cand.start : cand.end].text == "that every shooting did not end in a death"
    doc = nlp("The candidate proposes allowing parents to deduct the cost of child care from their taxes.")
    cue = next(t for t in doc if t.text == "proposes")
    cand = Candidate(cue=cue, kind="xcomp", start=cue.i + 1, end=len(doc) - 1)
    assert not _infinitive_cue(doc, cand)
    assert doc[cand.start : cand.end].text.startswith("allowing parents")


def test_the_object_of_a_causative_is_the_speaker_of_its_infinitive() -> None:
    text = ("The hearing ran late on Tuesday.\n\nThe senator forced Stumpf, who was under questioning from the "
            "committee, to admit that no senior executives had been held accountable.\n")
    statement = _find(analyse_text(text).statements, "senior executives")
    assert statement.content.text == "that no senior executives had been held accountable"
    assert statement.cue is not None and statement.cue.text == "admit"
    assert statement.speaker is not None and statement.speaker.mention.text == "Stumpf"
    text = ("The hearing ran late on Tuesday.\n\nThe leaked memo led the Latvian journalist Dainis Ivans to fear a new "
            "pact between the two leaders.\n")
    statement = _find(analyse_text(text).statements, "new pact")
    assert statement.speaker is not None and statement.speaker.name == "Dainis Ivans"


# PolNeAR's conventions for who a cue's speaker is, each counted on train (docs/models/attribution.md)
SPEAKER_CONVENTIONS = {
    # "urge" and "ask" keep their own reading, unlike a causative's object (0 to 38 and 39)
    "the object of a verb of asking is not its speaker": (
        "The mayor urged residents to leave the coast before nightfall.", "leave the coast", "urged", "The mayor"),
    # the relative pronoun is the reported clause's subject
    "a relative pronoun beside the cue's own subject is not the speaker": (
        "The senators are focused on the drawdown of troops in Iraq, which they say left a vacuum for terrorist "
        "groups to grow.", "vacuum", "say", "they"),
    # the subject 88 times, the pronoun 12
    "the subject holding an object cue noun speaks, not its possessive pronoun": (
        "Some of those surveyed shared their concerns about the choices they face.", "choices they face", "concerns",
        "Some of those surveyed"),
    # the source 64 times, another 11
    "a from or by phrase names who makes a cue noun's claim": (
        "The report included an admission from Senator Dale Porter that the law would not have prevented the crisis.",
        "prevented the crisis", "admission", "Senator Dale Porter"),
}


@pytest.mark.parametrize(("sentence", "words", "cue", "mention"), SPEAKER_CONVENTIONS.values(), ids=SPEAKER_CONVENTIONS.keys())
def test_speaker_conventions(sentence: str, words: str, cue: str, mention: str) -> None:
    statement = _find(analyse_text(f"The hearing ran late on Tuesday.\n\n{sentence}\n").statements, words)
    assert statement.cue is not None and statement.cue.text == cue
    assert statement.speaker is not None and statement.speaker.mention.text == mention


def test_the_one_asked_is_not_the_source_of_the_question() -> None:
    text = ("The city counted the damage on Monday.\n\nAsked about the blast at the depot, Mayor Ann Roe said the "
            "city would rebuild the bridge within a year.\n")
    statements = analyse_text(text).statements
    asked = _find(statements, "blast at the depot")
    assert asked.cue is not None and asked.cue.text == "Asked"
    assert asked.speaker is None
    said = _find(statements, "rebuild the bridge")
    assert said.speaker is not None and said.speaker.name == "Ann Roe"


def test_an_asked_the_tagger_reads_as_a_past_tense_is_still_asked_in_passing() -> None:
    from counterclaim.analyse.nlp import load_nlp
    from counterclaim.analyse.speakers import asked_in_passing

    doc = load_nlp()("Later, asked whether the city would rebuild, Roe said yes. Roe asked whether it would.")
    first, second = (t for t in doc if t.lower_ == "asked")
    assert first.tag_ == "VBD" and asked_in_passing(first)
    assert not asked_in_passing(second)  # a subject of its own: Roe asks


def test_a_content_never_ends_with_a_coordinator() -> None:
    from counterclaim.analyse.candidates import _trim
    from counterclaim.analyse.nlp import load_nlp

    doc = load_nlp()("The president declined to threaten Moscow or even directly declare it responsible.")
    to, conj = next(t.i for t in doc if t.text == "to"), next(t.i for t in doc if t.text == "or")
    assert doc[conj].dep_ == "cc"
    start, end = _trim(doc, to, conj + 1)
    assert doc[start:end].text == "to threaten Moscow"


def test_a_trailing_nonrestrictive_relative_clause_is_left_out_of_indirect_content() -> None:
    text = ("The committee met on Tuesday.\n\nSenator Dale Porter said he expects the governor to recover from "
            "her bout with pneumonia, which forced her to cancel a fundraising swing.\n")
    statement = _find(analyse_text(text).statements, "bout with pneumonia")
    assert statement.content.text == "he expects the governor to recover from her bout with pneumonia"


def test_a_quoted_relative_clause_stays_in_the_content() -> None:
    text = ('The committee met on Tuesday.\n\nPorter said: "We back the plan, which the council passed in May."\n')
    statement = _find(analyse_text(text).statements, "We back the plan")
    assert "which the council passed" in statement.content.text


def test_a_second_cue_in_the_sentence_reads_the_words_the_first_cue_left() -> None:
    # "told" already has its quotation; the tagger's run after "admitted" is that verb's statement
    text = ("“You should step aside,” Senator Okafor told Lindqvist, after he admitted under her questioning he had "
            "not yet been held accountable for the conduct of his traders.\n")
    statements = analyse_text(text).statements
    told = _find(statements, "step aside")
    assert told.cue is not None and told.cue.text == "told"
    admitted = _find(statements, "not yet been held accountable")
    assert admitted.cue is not None and admitted.cue.text == "admitted"
    assert admitted.speaker is not None and admitted.speaker.name == "Lindqvist"


# sentences whose clause subject did not make the cue noun's or the copula's claim, with the
# mention that did (None: the sentence names nobody)
SUBJECT_IS_NOT_THE_SOURCE = {
    # a concessive, temporal or causal phrase: the subject is the source 0 times in 35 on train
    "despite": ("Despite complaints that the levy is unfair, the council has kept it in place for a decade.",
                "the levy is unfair", None),
    "amid": ("Amid reports that the plant would close, Governor Ana Ruiz visited the town on Friday.",
             "plant would close", None),
    # the phrase's own "from" or possessor still names who made the claim
    "despite ... from": ("Despite complaints from farmers that the levy is unfair, the council has kept it in place.",
                         "the levy is unfair", "farmers"),
    "despite his": ("Despite his complaints that the levy is unfair, Councillor Ruiz voted for it on Monday.",
                    "the levy is unfair", "his"),
    # a subject that receives the cue noun is its target: the source 2 times in 69
    "faced charges": ("For years, the mayor has faced charges that he ignored the harbour.", "ignored the harbour", None),
    "came under criticism": ("The council came under criticism for closing the library.", "closing the library", None),
    "made charges": ("The mayor made charges that the council ignored the harbour.", "ignored the harbour", "The mayor"),
    # a bare view or question: no source for all 5 on train; a view with a holder is the holder's
    "one view": ("One view is that the harbour will close early.", "harbour will close", None),
    "the idea": ("The idea is that donors who dislike the mayor can still give to the fund.", "donors who dislike", None),
    "a holder's view": ("Councillor Ruiz's view is that the harbour will close early.", "harbour will close",
                        "Councillor Ruiz's view"),
    # a passive with no agent names nobody, even joined to a verb with a subject: no source 32 times, a speaker 8
    "is expected to": ("Mayor Ortiz is moving to the capital but is expected to keep her seat on the board.",
                       "keep her seat", None),
    "it was revealed": ("Ortiz came under fire when it was revealed that she had used a private account.",
                        "private account", None),
    # a passive of holding a view has its holder as the subject
    "were incensed": ("Republicans were incensed that the levy passed without a vote.", "levy passed", "Republicans"),
}


@pytest.mark.parametrize(("sentence", "words", "mention"), SUBJECT_IS_NOT_THE_SOURCE.values(),
                         ids=SUBJECT_IS_NOT_THE_SOURCE.keys())
def test_a_subject_that_did_not_make_the_claim_is_not_its_source(sentence: str, words: str, mention: str | None) -> None:
    statement = _find(analyse_text(f"The council met on Monday.\n\n{sentence}\n").statements, words)
    assert (statement.speaker.mention.text if statement.speaker else None) == mention
