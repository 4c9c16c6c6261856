"""The report's charts as inline SVG: a line per measure, a heatmap of checks, a pitch contour.

Pure functions from numbers to markup (no script, no external resource), so the
report stays one file that opens with no network.  Every text inside goes through
``html.escape``; the styles are the report's CSS (``data/report/report.css``).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from .labels import check_name, short_date
from .report_metrics import pass_rates_by_check
from .rubric import load_rules
from .types import CHECK_IDS, Prosody, Session

_W, _H = 340, 190
_PAD_L, _PAD_R, _PAD_T, _PAD_B = 36, 10, 12, 28


@dataclass
class Point:
    value: float | None
    label: str  # x-axis label ("" = none)
    tip: str
    focus: bool = False


def _axis(v: float) -> tuple[float, float]:
    """A round axis top at or above ``v`` and its tick step (at most 5 steps)."""
    if v <= 0:
        return 1.0, 0.25
    mag = 10 ** math.floor(math.log10(v / 5))
    for step in (mag * k for k in (1, 2, 2.5, 5, 10, 20)):
        if math.ceil(v / step) <= 5:
            return math.ceil(v / step) * step, step
    return v, v / 4  # pragma: no cover


def line_chart(title: str, unit: str, points: list[Point], target: float | None = None,
               target_label: str = "", band: tuple[float, float] | None = None, css: str = "") -> str:
    """An SVG line chart, one point per answer, oldest on the left."""
    e = html.escape
    values = [p.value for p in points if p.value is not None]
    parts = [f'<figure class="chart {e(css)}"><figcaption>{e(title)}</figcaption>']
    if not values:
        parts.append('<p class="empty">No answers yet.</p></figure>')
        return "".join(parts)
    top, tick = _axis(max(values + [target or 0, band[1] if band else 0]) * 1.05)
    iw, ih = _W - _PAD_L - _PAD_R, _H - _PAD_T - _PAD_B
    n = len(points)

    def x(i: int) -> float:
        return _PAD_L + (iw / 2 if n == 1 else iw * i / (n - 1))

    def y(v: float) -> float:
        return _PAD_T + ih * (1 - v / top)

    svg = [f'<svg viewBox="0 0 {_W} {_H}" role="img" aria-label="{e(title)}">']
    if band:
        svg.append(
            f'<rect class="band" x="{_PAD_L}" y="{y(band[1]):.1f}" width="{iw}" '
            f'height="{y(band[0]) - y(band[1]):.1f}"><title>{e(f"comfortable range {band[0]:.0f}–{band[1]:.0f} {unit}")}</title></rect>'
        )
    for k in range(round(top / tick) + 1):
        v = tick * k
        svg.append(f'<line class="grid" x1="{_PAD_L}" x2="{_W - _PAD_R}" y1="{y(v):.1f}" y2="{y(v):.1f}"/>')
        svg.append(f'<text class="tick" x="{_PAD_L - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:g}</text>')
    if target is not None:
        svg.append(f'<line class="target" x1="{_PAD_L}" x2="{_W - _PAD_R}" y1="{y(target):.1f}" y2="{y(target):.1f}"/>')
        svg.append(f'<text class="target-label" x="{_W - _PAD_R - 4}" y="{y(target) - 5:.1f}" text-anchor="end">{e(target_label)}</text>')
    coords = [(x(i), y(p.value)) for i, p in enumerate(points) if p.value is not None]
    if len(coords) > 1:
        path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
        svg.append(f'<polyline class="line" points="{path}"/>')
    step = max(1, -(-n // 8))
    for i, p in enumerate(points):
        if p.label and i % step == 0:
            svg.append(f'<text class="xlabel" x="{x(i):.1f}" y="{_H - 9}" text-anchor="middle">{e(p.label)}</text>')
        if p.value is None:
            continue
        cls = "dot focus" if p.focus else "dot"
        svg.append(
            f'<circle class="{cls}" cx="{x(i):.1f}" cy="{y(p.value):.1f}" r="{4.5 if p.focus else 3.5}">'
            f"<title>{e(p.tip)}: {p.value:.0f} {e(unit)}</title></circle>"
        )
    svg.append("</svg>")
    parts.append("".join(svg))
    parts.append("</figure>")
    return "".join(parts)


def _rate_color(rate: float) -> str:
    # red (0) -> amber (0.5) -> green (1), as HSL hue 4..140
    hue = 4 + 136 * max(0.0, min(1.0, rate))
    return f"hsl({hue:.0f} 62% 46%)"


def heatmap(sessions_oldest_first: list[Session], focus: Session | None, max_columns: int = 16) -> str:
    """Pass rate per check (rows) per session (columns), oldest on the left."""
    e = html.escape
    columns = [(s, pass_rates_by_check(s)) for s in sessions_oldest_first]
    columns = [(s, r) for s, r in columns if r]
    dropped = max(0, len(columns) - max_columns)
    columns = columns[dropped:]
    parts = ['<figure class="chart wide"><figcaption>Pass rate per check, per session</figcaption>']
    if not columns:
        parts.append('<p class="empty">No scored answers yet.</p></figure>')
        return "".join(parts)
    seen: list[str] = []
    for cid in list(CHECK_IDS) + [c for _, r in columns for c in r]:
        if cid not in seen and any(cid in r for _, r in columns):
            seen.append(cid)
    label_w, cell_w, cell_h, head_h = 150, 46, 24, 40
    width = label_w + cell_w * len(columns) + 8
    height = head_h + cell_h * len(seen) + 6
    svg = [f'<svg viewBox="0 0 {width} {height}" style="max-width:{width}px" role="img" aria-label="pass rate per check">']
    for j, (s, _) in enumerate(columns):
        cx = label_w + cell_w * j + cell_w / 2
        day, time_ = short_date(s.started_at)
        cls = "colhead focus" if focus is not None and s.id == focus.id else "colhead"
        svg.append(f'<text class="{cls}" x="{cx:.1f}" y="16" text-anchor="middle">{e(day)}</text>')
        svg.append(f'<text class="{cls} small" x="{cx:.1f}" y="30" text-anchor="middle">{e(time_)}</text>')
    for i, cid in enumerate(seen):
        cy = head_h + cell_h * i
        svg.append(f'<text class="rowhead" x="{label_w - 8}" y="{cy + cell_h / 2 + 4:.1f}" text-anchor="end">{e(check_name(cid))}</text>')
        for j, (s, rates) in enumerate(columns):
            cx = label_w + cell_w * j
            if cid not in rates:
                svg.append(f'<rect class="cell none" x="{cx + 2}" y="{cy + 2}" width="{cell_w - 4}" height="{cell_h - 4}" rx="4"/>')
                continue
            rate = rates[cid]
            svg.append(
                f'<rect class="cell" x="{cx + 2}" y="{cy + 2}" width="{cell_w - 4}" height="{cell_h - 4}" rx="4" '
                f'fill="{_rate_color(rate)}"><title>{e(s.id)} · {e(check_name(cid))}: {rate:.0%} pass</title></rect>'
            )
            svg.append(f'<text class="celltext" x="{cx + cell_w / 2:.1f}" y="{cy + cell_h / 2 + 4:.1f}" text-anchor="middle">{rate * 100:.0f}</text>')
    svg.append("</svg>")
    parts.append("".join(svg))
    if dropped:
        parts.append(f'<p class="note">Showing the latest {max_columns} scored sessions; {dropped} older not shown.</p>')
    parts.append("</figure>")
    return "".join(parts)


_CW, _CH, _CPAD = 640, 110, 30  # the pitch contour's drawing, in SVG units
_CRANGE_ST = 12.0  # +-1 octave around the speaker's median: nearly all speech fits


def pitch_contour(p: Prosody | None, duration_seconds: float) -> str:
    """The answer's pitch over time, drawn under its transcript (semitones around the
    speaker's own median; the shaded band is the monotone range, rubric.toml [intonation])."""
    if p is None or not p.contour:
        return ""
    e = html.escape
    span = max(duration_seconds, p.contour[-1][0], 1.0)
    band = float(load_rules().raw["intonation"]["monotone_range_st"]) / 2

    def x(t: float) -> float:
        return _CPAD + (_CW - _CPAD - 6) * t / span

    def y(st: float) -> float:
        st = max(-_CRANGE_ST, min(_CRANGE_ST, st))
        return 8 + (_CH - 16) * (1 - (st + _CRANGE_ST) / (2 * _CRANGE_ST))

    lines, run, last = [], [], None
    for t, st in p.contour:
        if last is not None and t - last > 0.6:  # a pause: the voice stopped, so does the line
            lines.append(run)
            run = []
        run.append(f"{x(t):.1f},{y(st):.1f}")
        last = t
    lines.append(run)
    svg = [f'<svg viewBox="0 0 {_CW} {_CH}" role="img" aria-label="pitch contour">']
    svg.append(f'<rect class="band" x="{_CPAD}" y="{y(band):.1f}" width="{_CW - _CPAD - 6}" height="{y(-band) - y(band):.1f}">'
               f'<title>a voice that stays inside this {2 * band:g}-semitone band is monotone</title></rect>')
    for st in (-_CRANGE_ST, 0.0, _CRANGE_ST):
        svg.append(f'<line class="grid" x1="{_CPAD}" x2="{_CW - 6}" y1="{y(st):.1f}" y2="{y(st):.1f}"/>')
        svg.append(f'<text class="tick" x="{_CPAD - 4}" y="{y(st) + 4:.1f}" text-anchor="end">{st:+g}</text>')
    for run in lines:
        if len(run) > 1:
            svg.append(f'<polyline class="line" points="{" ".join(run)}"/>')
        elif run:
            cx, cy = run[0].split(",")
            svg.append(f'<circle class="pt" cx="{cx}" cy="{cy}" r="1.8"/>')
    svg.append("</svg>")
    fade = f" · sentence ends {p.end_fade_db:.0f} dB quieter" if p.end_fade_db is not None else ""
    caption = f"Pitch (semitones around your {p.median_hz:.0f} Hz median): range {p.pitch_range_st:.1f} st, variation {p.pitch_sd_st:.1f} st{fade}"
    return f'<figure class="contour"><figcaption>{e(caption)}</figcaption>{"".join(svg)}</figure>'
