"""Decoding: UTF-8 with or without BOM, declared charsets, and the cp1252/Latin-1 fallback."""

from __future__ import annotations

import codecs

import pytest

from counterclaim.clean.decode import declared_charset, decode

TEXT = "Le Café de la Gare reopened on Monday — “at last,” said its owner, Zoë Brandt."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-16"), "utf-16-le"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_text_round_trips(data: bytes, encoding: str) -> None:
    assert decode(data) == (TEXT, encoding)


def test_latin1_keeps_its_accents() -> None:
    text, _ = decode("Déjà vu à Noël, señor".encode("latin-1"))
    assert text == "Déjà vu à Noël, señor"


def test_declared_charset_is_used_when_utf8_fails() -> None:
    page = '<meta charset="iso-8859-2"><p>Łódź</p>'.encode("iso-8859-2")
    assert declared_charset(page) == "iso8859-2"
    assert decode(page) == ('<meta charset="iso-8859-2"><p>Łódź</p>', "iso8859-2")


def test_transport_charset_is_tried_after_utf8() -> None:
    assert decode("Łódź".encode("iso-8859-2"), "iso-8859-2")[0] == "Łódź"
    assert decode("Zoë".encode(), "iso-8859-1")[0] == "Zoë"  # servers often mislabel UTF-8


def test_unknown_declared_charset_falls_back() -> None:
    assert decode(b'<meta charset="no-such-thing">caf\xe9')[0].endswith("café")
