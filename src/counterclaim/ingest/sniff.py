"""Look at the first bytes of an input to tell text from binary, HTML from plain text, feeds from pages.

File extensions lie (a ``.txt`` saved from a browser is HTML, a PDF renamed ``.html`` is binary), so
every source runs its bytes past these checks before anything tries to decode them.
"""

from __future__ import annotations

import codecs
import re

SNIFF_BYTES = 8192
# Known magic numbers of formats that are never articles.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"MZ\x90\x00", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"RIFF", "RIFF media"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"wOFF", "web font"),
)
TEXT_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
MAX_CONTROL_RATIO = 0.1  # share of control bytes above which "text" is really binary
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_HTML = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE | re.DOTALL)
_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks binary (a format name, "NUL bytes", "control characters"), or None for text."""
    head = data[:SNIFF_BYTES]
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    if head.startswith(TEXT_BOMS):  # UTF-16 text is full of NULs, and is still text
        return None
    if b"\x00" in head:
        return "NUL bytes"
    if head and sum(head.count(bytes([c])) for c in _CONTROL) / len(head) > MAX_CONTROL_RATIO:
        return "control characters"
    return None


def is_empty(data: bytes) -> bool:
    """True when there is nothing but whitespace (and maybe a byte-order mark)."""
    for bom in TEXT_BOMS:
        if data.startswith(bom):
            data = data[len(bom) :]
            break
    return not data.strip()


def looks_like_html(data: bytes) -> bool:
    """True when the bytes start like an HTML document, whatever the file is called."""
    return bool(_HTML.match(data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")))


def looks_like_feed(data: bytes) -> bool:
    """True for RSS, Atom or RDF feeds: the root element appears in the first kilobytes."""
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"<") and bool(_FEED.search(head)) and not looks_like_html(head)


def human_size(n: int) -> str:
    """``52428800`` → ``"50.0 MB"``: sizes in messages people read."""
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{int(size)} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{n} bytes"
