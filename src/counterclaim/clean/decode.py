"""Bytes → text: UTF-8 (with or without BOM) first, then the declared charset, then cp1252/Latin-1.

News text is overwhelmingly UTF-8; the rest is mostly Windows-1252 or Latin-1 from older sites and
exports. Trying strict UTF-8 first is safe because non-UTF-8 text almost never decodes as UTF-8 by
accident, and cp1252 is a superset of Latin-1's printable range, so accents survive either way.
"""

from __future__ import annotations

import codecs
import re

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <meta charset="…"> or <meta http-equiv="Content-Type" content="text/html; charset=…">, and the XML prolog
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares about itself in its first 4 KB, if any."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, charset: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding used)``; never raises.

    ``charset`` is what the transport said (an HTTP header, a WARC record); it is tried after
    UTF-8 because servers often declare Latin-1 for pages that are really UTF-8.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for candidate in (charset, declared_charset(data)):
        if not candidate:
            continue
        try:
            name = codecs.lookup(candidate).name
            if name != "utf-8":
                return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return data.decode("latin-1"), "latin-1"
