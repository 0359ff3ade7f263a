"""The few custom ``._`` attributes counterclaim sets on Doc and Span."""

from __future__ import annotations

from spacy.tokens import Doc, Span

DOC_EXTENSIONS = {
    "cc_boilerplate": [],  # list of (start_char, end_char) ranges marked as boilerplate
    "cc_statements": [],  # list of counterclaim.types.Statement
    "cc_quantities": [],  # list of counterclaim.types.Quantity
    "cc_mentions": [],  # list of counterclaim.types.Mention
}
SPAN_EXTENSIONS = {
    "cc_stance": None,  # stance class of a cue span
    "cc_canonical": None,  # canonical name of a mention span
}


def register() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None if isinstance(default, list) else default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
