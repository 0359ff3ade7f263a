"""Article text → highlighted HTML, built by slicing at offsets and escaping every piece.

Article text is untrusted (it may hold ``<script>`` or ``onerror=``), so no stored text is ever
inserted raw: the text is cut at every mark boundary and each slice goes through
``markupsafe.escape``; only the wrapping ``<span>`` tags, whose attributes we build from escaped
values, are markup. Marks may overlap (a speaker inside a sentence inside boilerplate), which is
why the text is split into flat segments, each carrying the classes of every mark covering it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    """A range of the article text to style: ``css`` classes and a tooltip line."""

    start: int
    end: int
    css: str
    tip: str | None = None
    sentence: int | None = None  # the sentence anchor this range belongs to (``#s-<start>``)


def highlight(text: str, marks: list[Mark], anchors: set[int] | None = None) -> Markup:
    """Return ``text`` as HTML with a ``<span>`` per segment; ``anchors`` get ``<span id="s-N">``.

    Each segment's ``data-sent`` lists the sentence anchors covering it, so the article page's
    script can highlight a whole sentence when the URL fragment names it.
    """
    n = len(text)
    marks = [m for m in marks if 0 <= m.start < m.end <= n]
    anchors = {a for a in (anchors or set()) if 0 <= a <= n}
    cuts = {0, n, *anchors}
    for m in marks:
        cuts.add(m.start)
        cuts.add(m.end)
    points = sorted(cuts)
    # Sweep: marks sorted by start; active set updated at each cut.
    by_start = sorted(marks, key=lambda m: (m.start, -m.end))
    active: list[Mark] = []
    out: list[str] = []
    i = 0
    for a, b in itertools.pairwise(points):
        if a in anchors:
            out.append(f'<span class="anchor" id="s-{a}"></span>')
        active = [m for m in active if m.end > a]
        while i < len(by_start) and by_start[i].start <= a:
            if by_start[i].end > a:
                active.append(by_start[i])
            i += 1
        piece = escape(text[a:b])
        if not active:
            out.append(str(piece))
            continue
        classes = " ".join(dict.fromkeys(c for m in active for c in m.css.split()))
        tips = "\n".join(dict.fromkeys(m.tip for m in active if m.tip))
        sents = " ".join(dict.fromkeys(str(m.sentence) for m in active if m.sentence is not None))
        attrs = f' class="{escape(classes)}"'
        if tips:
            attrs += f' title="{escape(tips)}"'
        if sents:
            attrs += f' data-sent="{escape(sents)}"'
        out.append(f"<span{attrs}>{piece}</span>")
    if n in anchors and n > 0:
        out.append(f'<span class="anchor" id="s-{n}"></span>')
    return Markup("".join(out))


def mark_within(sentence: str, sentence_start: int, start: int, end: int) -> Markup:
    """``sentence`` (which begins at ``sentence_start`` in the article) with ``[start, end)`` in ``<mark>``.

    Used to show a statement's source sentence with the statement's own words highlighted.
    """
    a = min(max(start - sentence_start, 0), len(sentence))
    b = min(max(end - sentence_start, a), len(sentence))
    if a == b:
        return escape(sentence)
    return Markup("{}<mark>{}</mark>{}").format(sentence[:a], sentence[a:b], sentence[b:])
