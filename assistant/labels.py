"""How saved sessions are named for people: principles, checks, times and sizes.

The names have one source each, read here and nowhere else by the report, replay
and the exporters: principle names come from the question bank
(``questions.principle_name``), check names from the rubric data
(``rubric.check_label``, ``data/rubric.toml``).  The rest is formatting.
"""

from __future__ import annotations

from datetime import datetime

from .questions import principle_name
from .rubric import check_label


def lp_name(slug: str) -> str:
    """The principle's name from the question bank; an unknown slug is shown readably."""
    name = principle_name(slug) if slug else ""
    return name if name != slug else (slug.replace("-", " ").title() or "—")


def check_name(check_id: str) -> str:
    """The check's short name from the rubric data ("I vs we")."""
    return check_label(check_id)


def clock(seconds: float) -> str:
    """Minutes and seconds, ``m:ss``."""
    seconds = max(0.0, float(seconds))
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{max(1, round(n / 1024))} KB"


def short_date(started_at: str) -> tuple[str, str]:
    """A session's start as ("Nov 26", "18:40"); a malformed time is cut, not rejected."""
    try:
        dt = datetime.strptime(started_at, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return started_at[:10], started_at[11:16]
    return dt.strftime("%b %d").replace(" 0", " "), dt.strftime("%H:%M")
