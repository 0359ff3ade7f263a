"""Speaker turns: transcript labels and 'Name: …' headlines attribute a paragraph to its label."""

from __future__ import annotations

from counterclaim.analyse.turns import signed_quotes, speaker_turns

TRANSCRIPT = (
    "Ortiz: The River Is Clean Again, Fish Are Back\n\n"
    "On Sunday's programme, Mayor Helen Ortiz said the cleanup had worked.\n\n"
    "UPDATE: This story has been corrected.\n\n"
    '"HALE: Let us start with the river. Is it clean?\n\n'
    '"ORTIZ: It is cleaner than it has been in forty years. The fish have come back.\n\n'
    '"HALE: Your critics say the numbers are made up.\n\n'
    "Q: Would you swim in it?\n\n"
    "A: Every summer.\n\n"
    "Q: And your children?\n\n"
    "A: They swim there too.\n\n"
    "UPDATE: The council has since met.\n\n"
    "Ecologist Tom Berg disagrees.\n\n"
    "Berg: Wrong about the fish.\n"
)


def _turns(nlp, text: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    people = [m.canonical for m in doc._.cc_mentions if m.label == "PERSON"]
    return [(doc[c.source[0] : c.source[1]].text, doc[c.start : c.end].text) for c in speaker_turns(doc, people)]


def test_transcript_labels_and_a_name_headline_are_speakers(nlp) -> None:  # type: ignore[no-untyped-def]
    turns = _turns(nlp, TRANSCRIPT)
    assert turns == [
        ("Ortiz", "The River Is Clean Again, Fish Are Back"),
        ("HALE", "Let us start with the river. Is it clean?"),
        ("ORTIZ", "It is cleaner than it has been in forty years. The fish have come back"),
        ("HALE", "Your critics say the numbers are made up"),
    ], "furniture (UPDATE), interview Q/A and a title-case label outside the headline are not turns"


def test_a_turn_becomes_a_direct_statement_of_the_named_person(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TRANSCRIPT)
    turns = {s.content.text: s for s in doc._.cc_statements if s.cue.text == ":"}
    ortiz = turns["It is cleaner than it has been in forty years. The fish have come back"]
    assert ortiz.kind == "direct" and ortiz.speaker is not None and ortiz.speaker.name == "Helen Ortiz"
    assert ortiz.cue_lemma == "say" and ortiz.stance == "asserts"
    hale = turns["Your critics say the numbers are made up"]
    assert hale.speaker is not None and hale.speaker.name == "Hale" and hale.speaker.kind == "person"
    assert turns["The River Is Clean Again, Fish Are Back"].speaker.name == "Helen Ortiz"


def test_a_paragraph_with_a_clock_time_or_no_label_is_no_turn(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _turns(nlp, "Officials met at 5:45 p.m. on Monday.\n\nThe talks: a summary of what was agreed.\n") == []


def test_a_quotation_signed_after_a_dash_is_its_signers(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Readers Tell Us What They Think Of The Plan.\n\n"
        "“The river is cleaner than it has been in forty years.” ― Helen Ortiz\n"
        "“Nobody asked the fishermen.”― Tom Berg, 54, Rivertown.\n"
        "“A photo of the river at dawn.” ― Getty Images\n"
        "“We fish here every morning.” ―\xa0Ana Ruiz\n"
        "The mayor ― who took office in May ― called the plan “a triumph.”\n"
    )
    doc = nlp(text)
    signed = [(doc[c.source[0] : c.source[1]].text, doc[c.start : c.end].text) for c in signed_quotes(doc)]
    assert signed == [
        ("Helen Ortiz", "“The river is cleaner than it has been in forty years.”"),
        ("Tom Berg", "“Nobody asked the fishermen"),
        ("Ana Ruiz", "“We fish here every morning.”"),
    ], "a credit line and a dash inside a sentence sign nothing"
    by_speaker = {s.speaker.name: s for s in doc._.cc_statements if s.speaker is not None and s.cue_lemma == "say"}
    assert by_speaker["Tom Berg"].kind == "direct"
    assert by_speaker["Helen Ortiz"].cue.text == "―"
