"""Geometry for the server-drawn SVGs: the figures chart, the proposition timeline and the actors graph.

Only numbers and ready-made strings leave this module; the templates write the SVG elements with
autoescaping, so names and quotes from articles never become markup. No JavaScript is needed to
see any chart, and the CSP's ``style-src 'self'`` is respected because SVG presentation attributes
(``x``, ``width``…) are attributes, not inline styles.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from typing import Any

from counterclaim.web.fmt import fmt_number

SIDE_CLASSES = 8  # side-0 … side-7 colours in app.css


def parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def sentence_href(item: dict[str, Any]) -> str:
    start = item.get("sentence_start")
    if start is None:
        start = item.get("content_start", item.get("start", 0))
    return f"/articles/{item['article_id']}#s-{start}"


def _date_axis(days: list[int], left: float, right: float, max_ticks: int = 6) -> tuple[Any, list[dict[str, Any]]]:
    lo, hi = min(days), max(days)
    if lo == hi:
        lo, hi = lo - 15, hi + 15
    pad = (hi - lo) * 0.06
    lo, hi = lo - pad, hi + pad

    def x(day: float) -> float:
        return left + (day - lo) / (hi - lo) * (right - left)

    span = hi - lo
    ticks = []
    first, last = date.fromordinal(int(lo)), date.fromordinal(int(hi))
    if span <= 120:  # days: tick the dates that have data
        distinct = sorted(set(days))
        step = max(1, math.ceil(len(distinct) / max_ticks))
        for d in distinct[::step]:
            ticks.append({"x": round(x(d), 1), "label": date.fromordinal(d).strftime("%-d %b %Y")})
    elif span > 365 * 3:  # years
        for year in range(first.year + 1, last.year + 1):
            d = date(year, 1, 1).toordinal()
            ticks.append({"x": round(x(d), 1), "label": str(year)})
    else:  # months, thinned to at most max_ticks
        months = []
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            d = date(y, m, 1).toordinal()
            if lo <= d <= hi:
                months.append(d)
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        step = max(1, math.ceil(len(months) / max_ticks))
        for d in months[::step]:
            dd = date.fromordinal(d)
            ticks.append({"x": round(x(d), 1), "label": dd.strftime("%b %Y")})
        if not ticks:
            ticks.append({"x": round(x(days[0]), 1), "label": date.fromordinal(days[0]).isoformat()})
    return x, ticks


def _nice_step(span: float, target: int = 5) -> float:
    raw = span / target
    mag = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def figures_chart(figures: list[dict[str, Any]], width: int = 920, height: int = 380) -> dict[str, Any] | None:
    """Points (value over publication date) with range error bars; None when no figure has a date and a value.

    A log scale is used when figures span more than two orders of magnitude (e.g. 350 vs 32,000),
    so small figures are not flattened against the axis.
    """
    left, right, top, bottom = 70, width - 20, 20, height - 40
    rows = []
    for f in figures:
        day = parse_date(f.get("published"))
        lo, hi = _bounds(f)
        if day is None or lo is None:
            continue
        rows.append((day.toordinal(), lo, hi, f))
    if not rows:
        return None
    positives = [v for _, lo, hi, _ in rows for v in (lo, hi) if v is not None and v > 0]
    vmax = max([v for _, lo, hi, _ in rows for v in (lo, hi) if v is not None] + [0])
    vmin = min([lo for _, lo, _, _ in rows] + [0])
    log = bool(positives) and vmin >= 0 and max(positives) / max(min(positives), 1e-9) > 100 and min(positives) > 0
    if log:
        lo_exp = math.floor(math.log10(min(positives)))
        hi_exp = math.ceil(math.log10(max(positives) * 1.05))
        if hi_exp == lo_exp:
            hi_exp += 1

        def y(v: float) -> float:
            v = max(v, 10 ** lo_exp)
            return bottom - (math.log10(v) - lo_exp) / (hi_exp - lo_exp) * (bottom - top)

        yticks = [{"y": round(y(10**e), 1), "label": fmt_number(10**e)} for e in range(lo_exp, hi_exp + 1)]
        ymax = 10**hi_exp
    else:
        top_value = vmax * 1.1 if vmax > 0 else 1.0
        base = min(0.0, vmin)
        step = _nice_step(top_value - base)
        ymax = math.ceil(top_value / step) * step

        def y(v: float) -> float:
            return bottom - (v - base) / (ymax - base) * (bottom - top)

        yticks = []
        t = base
        while t <= ymax + step / 2:
            yticks.append({"y": round(y(t), 1), "label": fmt_number(t)})
            t += step
    x, xticks = _date_axis([r[0] for r in rows], left, right)
    per_day: dict[int, int] = defaultdict(int)
    points = []
    for day, lo, hi, f in sorted(rows, key=lambda r: (r[0], r[1])):
        n = per_day[day]
        per_day[day] += 1
        cx = x(day) + (n % 2 * 2 - 1) * 7 * ((n + 1) // 2)  # 0, +7, -7, +14 … so same-day figures do not overlap
        value = f["value"] if f.get("value") is not None else (lo if hi is None else (lo + hi) / 2)
        conflict = bool(f.get("conflicts_with"))
        points.append({
            "x": round(cx, 1),
            "y": round(y(value), 1),
            "y_lo": round(y(lo), 1),
            "y_hi": round(y(hi), 1) if hi is not None else top,
            "range": hi is None or hi != lo,
            "open_up": hi is None,
            "bound": {"<": "≤", ">": "≥"}.get(f.get("qualifier", ""), ""),
            "approx": f.get("qualifier") == "~" or bool(f.get("vague")),
            "conflict": conflict,
            "href": sentence_href(f),
            "tip": figure_tip(f),
        })
    return {"width": width, "height": height, "left": left, "right": right, "top": top, "bottom": bottom,
            "xticks": xticks, "yticks": yticks, "points": points, "log": log,
            "undated": len(figures) - len(rows)}


def _bounds(f: dict[str, Any]) -> tuple[float | None, float | None]:
    interval = f.get("interval")
    if interval and interval[0] is not None:
        return float(interval[0]), (float(interval[1]) if interval[1] is not None else None)
    if f.get("low") is not None and f.get("high") is not None:
        return float(f["low"]), float(f["high"])
    if f.get("value") is not None:
        return float(f["value"]), float(f["value"])
    return None, None


def figure_tip(f: dict[str, Any]) -> str:
    parts = [f.get("text") or "", f"said by {f.get('said_by') or 'the article'}"]
    scope = ", ".join(x for x in (f.get("place"), f.get("time")) if x)
    if scope:
        parts.append(f"scope: {scope}")
    parts.append(f"{f.get('published') or 'undated'} · {f.get('publisher') or 'unknown publisher'}")
    if f.get("conflicts_with"):
        parts.append(f"conflicts with {len(f['conflicts_with'])} other figure(s)")
    return "\n".join(parts)


# ---------------------------------------------------------------- proposition timeline

LANES = ("supports", "disputes", "reports", "concedes")


def timeline(entries: list[dict[str, Any]], width: int = 920) -> dict[str, Any] | None:
    """One lane per position; a dot per statement at its article's date, linked to its sentence."""
    dated = [(parse_date(e.get("date")), e) for e in entries]
    dated = [(d, e) for d, e in dated if d is not None]
    if not dated:
        return None
    lanes = [lane for lane in LANES if any(_lane(e) == lane for _, e in dated)]
    lane_h, top, left, right = 34, 14, 90, width - 20
    height = top + lane_h * len(lanes) + 30
    x, xticks = _date_axis([d.toordinal() for d, _ in dated], left, right)
    stack: dict[tuple[str, int], int] = defaultdict(int)
    dots = []
    for d, e in dated:
        lane = _lane(e)
        n = stack[(lane, d.toordinal())]
        stack[(lane, d.toordinal())] += 1
        dots.append({
            "x": round(x(d.toordinal()) + n * 9, 1),
            "y": top + lanes.index(lane) * lane_h + lane_h / 2,
            "cls": e.get("role") or lane,
            "href": sentence_href(e),
            "tip": f"{d.isoformat()} · {e.get('role')} · {e.get('speaker') or 'no speaker'}"
                   f"{' (' + e['side'] + ')' if e.get('side') else ''} · {e.get('publisher') or 'unknown publisher'}",
        })
    return {"width": width, "height": height, "left": left, "right": right,
            "lanes": [{"name": lane, "y": top + i * lane_h + lane_h / 2} for i, lane in enumerate(lanes)],
            "axis_y": top + lane_h * len(lanes) + 4, "xticks": xticks, "dots": dots,
            "undated": len(entries) - len(dated)}


def _lane(e: dict[str, Any]) -> str:
    role = e.get("role") or "reports"
    return {"hedges": "supports"}.get(role, role if role in LANES else "reports")


# ---------------------------------------------------------------- actors graph


def circle_graph(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], *, size: int = 760,
                 max_nodes: int = 36, label_room: int = 120) -> dict[str, Any] | None:
    """A circular layout: the most active actors around a circle, grouped by side; edges curve inward.

    Circular keeps it deterministic and readable without a physics simulation; grouping by side puts
    the dispute edges across the circle, where they are easiest to follow.
    """
    if not nodes or not edges:
        return None
    activity = {n["id"]: n.get("disputes", 0) + n.get("disputed", 0) for n in nodes}
    chosen = sorted(nodes, key=lambda n: (-activity[n["id"]], n["name"]))[:max_nodes]
    sides = sorted({n.get("side") or "" for n in chosen})
    side_index = {s: i % SIDE_CLASSES for i, s in enumerate(sides)}
    chosen.sort(key=lambda n: (n.get("side") or "~", n["name"].lower()))
    cx = cy = size / 2 + label_room
    radius = size / 2 - 20
    pos: dict[str, dict[str, Any]] = {}
    out_nodes = []
    for i, n in enumerate(chosen):
        angle = 2 * math.pi * i / len(chosen) - math.pi / 2
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        r = 5 + 2.2 * math.sqrt(activity[n["id"]])
        lx, ly = cx + (radius + r + 8) * math.cos(angle), cy + (radius + r + 8) * math.sin(angle)
        node = {"id": n["id"], "entity_id": n.get("entity_id"), "name": n["name"], "side": n.get("side"),
                "x": round(x, 1), "y": round(y, 1), "r": round(r, 1), "lx": round(lx, 1), "ly": round(ly + 4, 1),
                "anchor": "start" if math.cos(angle) >= 0.01 else ("end" if math.cos(angle) <= -0.01 else "middle"),
                "cls": f"side-{side_index[n.get('side') or '']}",
                "tip": f"{n['name']}{' (' + n['side'] + ')' if n.get('side') else ''}: disputes {n.get('disputes', 0)}, "
                       f"disputed {n.get('disputed', 0)}"}
        pos[n["id"]] = node
        out_nodes.append(node)
    out_edges = []
    max_w = max((e["weight"] for e in edges), default=1)
    for e in edges:
        a, b = pos.get(e["source"]), pos.get(e["target"])
        if a is None or b is None:
            continue
        # Control point pulled towards the centre: reciprocal edges (A→B, B→A) curve apart.
        mx, my = (a["x"] + b["x"]) / 2, (a["y"] + b["y"]) / 2
        qx, qy = mx + (cx - mx) * 0.45, my + (cy - my) * 0.45
        nx, ny = b["y"] - a["y"], a["x"] - b["x"]
        norm = math.hypot(nx, ny) or 1
        qx, qy = qx + nx / norm * 18, qy + ny / norm * 18
        ex, ey = _shorten(qx, qy, b["x"], b["y"], b["r"] + 3)
        out_edges.append({
            "d": f"M{a['x']},{a['y']} Q{qx:.1f},{qy:.1f} {ex:.1f},{ey:.1f}",
            "w": round(1 + 3 * e["weight"] / max_w, 1),
            "from": e["source"], "to": e["target"],
            "tip": f"{a['name']} disputes {b['name']}: {e['weight']} time(s), {len(e.get('propositions', []))} proposition(s)",
            "href": f"/propositions/{e['propositions'][0]}" if e.get("propositions") else None,
        })
    full = size + 2 * label_room
    return {"width": full, "height": full, "nodes": out_nodes, "edges": out_edges,
            "sides": [{"name": s or "no side", "cls": f"side-{i}"} for s, i in side_index.items()],
            "hidden": max(0, len(nodes) - len(chosen))}


def _shorten(x0: float, y0: float, x1: float, y1: float, by: float) -> tuple[float, float]:
    dx, dy = x1 - x0, y1 - y0
    dist = math.hypot(dx, dy) or 1
    return x1 - dx / dist * by, y1 - dy / dist * by
