"""One self-contained HTML report: replayable answers and progress over time.

``render_report(sessions, focus, data_dir)`` returns a single HTML document with
everything inline — CSS, a small script, charts as SVG, each recording embedded as
a base64 FLAC data URI — so it opens from disk with no network and can be mailed
to oneself.  A Content-Security-Policy allows only that inline material.

The page's frame, its CSS and its script are package data (``data/report/``:
``report.html``, a ``string.Template``; ``report.css``; ``report.js``), read through
``resources.data_file``.  The numbers come from ``report_metrics``, the SVG charts
from ``report_charts``, the names of principles and checks from ``labels``; this
module lays them out as HTML.

The transcript (and every other saved string) is untrusted: everything goes
through ``html.escape``.  Words are coloured by kind ("I", "we", fillers,
numbers, hypotheticals) as ``report_metrics.classify_words`` reads them with the
rubric's own lexicons; clicking a word seeks its recording to the word's start.

Reads two things besides its inputs: the recordings (``wav.read_audio``) and
soundfile to re-encode them as FLAC.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import io
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from string import Template
from typing import Iterable, Sequence

from .errors import BankError, StoreError
from .labels import check_name, clock, human_size, lp_name, short_date
from .report_charts import Point, heatmap, line_chart, pitch_contour
from .report_metrics import answered, classify_words, comfortable_wpm, progress, summarize, totals, turn_metrics
from .resources import data_file
from .rubric import load_rules
from .types import CHECK_IDS, Session, Turn
from .wav import read_audio

# What the legend calls each word kind of ``report_metrics.classify_words``.
WORD_KINDS: dict[str, str] = {
    "i": "“I” — your own actions",
    "we": "“we” — whose work was it?",
    "filler": "filler",
    "number": "number",
    "hypothetical": "hypothetical",
}


@functools.lru_cache(maxsize=None)
def _asset(name: str) -> str:
    """``data/report/<name>``: the page template, its CSS or its script."""
    file = data_file("report").joinpath(name)
    try:
        return file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BankError(f"{file}: missing from the installed package; reinstall lp-coach.") from None


# ---------------------------------------------------------------- audio


@dataclass
class EmbeddedAudio:
    uri: str | None
    note: str
    size: int = 0


def _audio_file(data_dir: Path, turn: Turn) -> Path:
    root = Path(data_dir).resolve()
    path = (root / str(turn.audio)).resolve()
    if root not in path.parents:
        raise StoreError(f"turn {turn.index}'s audio path points outside the data folder; it was not read.")
    return path


def embed_audio(data_dir: Path, turn: Turn) -> EmbeddedAudio:
    """The turn's recording as a FLAC data URI (WAV if FLAC cannot be written)."""
    if not turn.audio:
        return EmbeddedAudio(None, "no recording")
    try:
        path = _audio_file(data_dir, turn)
    except StoreError as exc:
        return EmbeddedAudio(None, str(exc))
    if not path.exists():
        return EmbeddedAudio(None, f"recording missing ({turn.audio})")
    if path.suffix.lower() == ".flac":
        data, mime = path.read_bytes(), "audio/flac"
    else:
        try:
            samples, rate = read_audio(path)
        except StoreError as exc:
            return EmbeddedAudio(None, str(exc))
        data, mime = _encode(samples, rate)
    uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return EmbeddedAudio(uri, f"{mime.split('/')[1].upper()}, {human_size(len(data))}", len(uri))


def _encode(samples, rate: int) -> tuple[bytes, str]:
    import soundfile as sf

    buf = io.BytesIO()
    try:
        sf.write(buf, samples, rate, format="FLAC", subtype="PCM_16")
        return buf.getvalue(), "audio/flac"
    except Exception:
        buf = io.BytesIO()
        sf.write(buf, samples, rate, format="WAV", subtype="PCM_16")
        return buf.getvalue(), "audio/wav"


# ------------------------------------------------------------ progress


def progress_section(sessions: list[Session], focus: Session | None, target_seconds: float = 90.0) -> str:
    entries = progress(sessions, focus)

    def series(key: str) -> list[Point]:
        return [
            Point(a.metrics[key], short_date(a.session.started_at)[0] if a.first_in_session else "",
                  f"{a.session.id} · turn {a.turn.index} · {lp_name(a.turn.lp)}", a.focus)
            for a in entries
        ]

    into = load_rules().raw["intonation"]
    charts = [
        line_chart("Answer length (seconds)", "s", series("duration_seconds"), target=target_seconds,
                   target_label=f"{target_seconds:.0f} s target", css="c-dur"),
        line_chart("Words per minute", "wpm", series("words_per_minute"), band=comfortable_wpm(), css="c-wpm"),
        line_chart("Fillers per minute", "per min", series("fillers_per_minute"), css="c-fill"),
        line_chart("Pitch range (semitones)", "st", series("pitch_range_st"), target=float(into["monotone_range_st"]),
                   target_label=f'monotone below {into["monotone_range_st"]:g} st', css="c-pitch"),
        line_chart("Sentence-end fade (dB)", "dB", series("end_fade_db"), target=float(into["fade_db"]),
                   target_label=f'trails off above {into["fade_db"]:g} dB', css="c-fade"),
        heatmap(sorted(sessions, key=lambda s: (s.started_at, s.id)), focus),
    ]
    return (
        '<section class="progress card"><h2>Progress over time</h2>'
        f'<p class="sub">{len(entries)} answers across {len(sessions)} sessions, oldest on the left'
        + (" · this session's answers are the larger dots" if focus else "")
        + f'</p><div class="charts">{"".join(charts)}</div></section>'
    )


# --------------------------------------------------------------- turns


_STATUS_ICON = {"pass": "✓", "warn": "!", "fail": "✗", "n/a": "–"}


def _transcript_html(turn: Turn, audio_id: str | None) -> str:
    e = html.escape
    inaudible = list(turn.transcript.inaudible) if turn.transcript else []
    if not turn.transcript or not (turn.transcript.words or inaudible):
        return '<p class="empty">No words were heard in this answer.</p>'
    words = turn.transcript.words
    kinds = classify_words([w.text for w in words])
    spans = []
    for w, kind in zip(words, kinds):
        while inaudible and inaudible[0][0] < w.start:  # speech heard but not readable, in its place
            spans.append(_inaudible_span(*inaudible.pop(0)))
        cls = f"w k-{kind}" if kind else "w"
        spans.append(f'<span class="{cls}" data-s="{w.start:.2f}" data-e="{w.end:.2f}">{e(w.text)}</span>')
    spans.extend(_inaudible_span(a, b) for a, b in inaudible)
    target = f' data-audio="{audio_id}"' if audio_id else ""
    return f'<div class="transcript"{target}>{" ".join(spans)}</div>'


def _inaudible_span(start: float, end: float) -> str:
    return (
        f'<span class="w inaudible" data-s="{start:.2f}" data-e="{end:.2f}" '
        f'title="speech that could not be transcribed">[inaudible {end - start:.1f} s]</span>'
    )


def _checks_html(turn: Turn) -> str:
    e = html.escape
    if not turn.evaluation or not turn.evaluation.checks:
        return ""
    rows = []
    order = {cid: i for i, cid in enumerate(CHECK_IDS)}
    checks = sorted(turn.evaluation.checks.values(), key=lambda c: ({"fail": 0, "warn": 1, "pass": 2}.get(c.status, 3), order.get(c.id, 99)))
    for c in checks:
        status = c.status if c.status in _STATUS_ICON else "n/a"
        evidence = "".join(f"<q>{e(x)}</q>" for x in c.evidence)
        rows.append(
            f'<li class="check st-{"na" if status == "n/a" else status}">'
            f'<span class="pill">{_STATUS_ICON[status]} {e(status)}</span>'
            f'<span class="cname">{e(check_name(c.id))}</span>'
            f'<span class="cmsg">{e(c.message)}{f"<span class=evidence>{evidence}</span>" if evidence else ""}</span></li>'
        )
    return f'<h4>Checks</h4><ul class="checks">{"".join(rows)}</ul>'


def _turn_html(session: Session, turn: Turn, data_dir: Path, embed: bool, sizes: list[int], target_seconds: float = 90.0) -> str:
    e = html.escape
    audio_id = None
    audio_html = ""
    if turn.audio:
        if embed:
            emb = embed_audio(data_dir, turn)
            if emb.uri:
                audio_id = f"a-{session.id}-{turn.index}"
                sizes.append(emb.size)
                audio_html = (
                    f'<div class="player"><audio id="{e(audio_id)}" controls preload="auto" src="{emb.uri}"></audio>'
                    f'<span class="note">{e(emb.note)}</span></div>'
                )
            else:
                audio_html = f'<p class="note warn">{e(emb.note)}</p>'
        else:
            audio_html = '<p class="note">Recording not embedded (report made with --no-audio).</p>'
    kind = "Follow-up" if turn.kind == "follow_up" else "Question"
    status_badge = "" if turn.status == "complete" else f'<span class="badge st-{e(turn.status)}">{e(turn.status)}</span>'
    m = turn_metrics(turn)
    facts = [clock(turn.duration_seconds)]
    if m["words_per_minute"]:
        facts.append(f'{m["words_per_minute"]:.0f} wpm')
    if m["fillers_per_minute"] is not None and answered(turn):
        facts.append(f'{m["fillers_per_minute"]:.1f} fillers/min')
    over = " over" if turn.duration_seconds > target_seconds else ""
    fb = ""
    if turn.feedback:
        fb += f'<div class="say"><h4>Feedback</h4><p>{e(turn.feedback)}</p></div>'
    if turn.follow_up:
        fb += f'<div class="say next"><h4>Follow-up</h4><p>{e(turn.follow_up)}</p></div>'
    return (
        f'<article class="turn card" id="t-{e(session.id)}-{turn.index}">'
        f'<header><span class="badge kind">{kind} {turn.index}</span>'
        f'<span class="badge lp">{e(lp_name(turn.lp))}</span>{status_badge}'
        f'<span class="facts{over}">{" · ".join(e(f) for f in facts)}</span></header>'
        f'<h3 class="q">{e(turn.question)}</h3>'
        f"{audio_html}{_transcript_html(turn, audio_id)}{pitch_contour(turn.transcript.prosody if turn.transcript else None, turn.duration_seconds)}{_checks_html(turn)}"
        f'{f"<div class=feedback>{fb}</div>" if fb else ""}</article>'
    )


def _debrief_html(debrief: dict | None) -> str:
    e = html.escape
    if not debrief:
        return ""
    rows = []
    for slug, v in (debrief.get("principles") or {}).items():
        verdict = str(v.get("verdict", ""))
        cls = "pass" if verdict == "inclined" else "fail"
        ev = "".join(f"<q>{e(str(x))}</q>" for x in v.get("evidence", []))
        rows.append(
            f'<li class="check st-{cls}"><span class="pill">{e(verdict)}</span><span class="cname">{e(lp_name(slug))}</span>'
            f'<span class="cmsg"><span class="evidence">{ev}</span></span></li>'
        )
    flags = "".join(
        f'<li><strong>{e(str(f.get("kind", "")).replace("_", " "))}</strong> — {e(str(f.get("message", "")))}</li>'
        for f in debrief.get("flags") or []
    )
    br = debrief.get("bar_raiser")
    return (
        '<section class="card debrief"><h3>Debrief</h3>'
        + (f'<p>Bar Raiser: <span class="badge {"ok" if br == "inclined" else "bad"}">{e(str(br))}</span></p>' if br else "")
        + (f'<ul class="checks">{"".join(rows)}</ul>' if rows else "")
        + (f'<h4>Flags</h4><ul class="flags">{flags}</ul>' if flags else "")
        + "</section>"
    )


def _session_html(session: Session, data_dir: Path, embed: bool, sizes: list[int], target_seconds: float = 90.0) -> str:
    e = html.escape
    s = summarize(session)
    day, time_ = short_date(session.started_at)
    rate = f"{s.pass_rate:.0%} of checks passed" if s.pass_rate is not None else "not scored"
    turns = "".join(_turn_html(session, t, data_dir, embed, sizes, target_seconds) for t in session.turns)
    if not turns:
        turns = '<p class="empty card">No turns were saved in this session.</p>'
    return (
        f'<section class="session" id="s-{e(session.id)}">'
        f'<h2>{e(session.mode.capitalize())} · {e(day)} {e(time_)} <span class="sid">{e(session.id)}</span></h2>'
        f'<p class="sub">{s.turns} turns · {clock(s.answer_seconds)} of answers · {rate}'
        + (f" · {s.incomplete} incomplete" if s.incomplete else "")
        + f"</p>{_debrief_html(session.debrief)}{turns}</section>"
    )


def _legend() -> str:
    items = "".join(f'<span class="w k-{k}">{html.escape(label)}</span>' for k, label in WORD_KINDS.items())
    return f'<div class="legend"><span class="lt">Transcript colours</span>{items}<span class="hint">click a word to hear it</span></div>'


# ---------------------------------------------------------------- page


def render_report(
    sessions: list[Session],
    focus: Session | None,
    data_dir: Path,
    *,
    embed_audio_files: bool = True,
    generated_at: datetime | None = None,
    target_seconds: float = 90.0,
    quiz: Sequence[dict] = (),
) -> str:
    """The report as one HTML document.

    ``sessions`` feed the progress charts; ``focus`` is the session shown in full
    (None: every session in full, newest first).  Recordings are read from
    ``data_dir`` and embedded unless ``embed_audio_files`` is False.
    """
    e = html.escape
    generated = (generated_at or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    shown = [focus] if focus is not None else sorted(sessions, key=lambda s: (s.started_at, s.id), reverse=True)
    progress_pool = list(sessions)
    if focus is not None and all(s.id != focus.id for s in progress_pool):
        progress_pool.append(focus)
    sizes: list[int] = []
    body = "".join(_session_html(s, data_dir, embed_audio_files, sizes, target_seconds) for s in shown)
    if not shown:
        body = '<p class="empty card">No sessions yet — start one with <code>lp-coach practice</code>.</p>'
    t = totals(progress_pool, target_seconds)
    stats = (
        '<div class="stats">'
        f'<div class="stat"><b>{t.sessions}</b><span>sessions</span></div>'
        f'<div class="stat"><b>{t.answers}</b><span>answers</span></div>'
        f'<div class="stat"><b>{clock(t.average_seconds)}</b><span>average length</span></div>'
        f'<div class="stat"><b>{t.within_target}/{t.answers}</b><span>within {target_seconds:.0f} s</span></div>'
        f'<div class="stat"><b>{f"{t.pass_rate:.0%}" if t.pass_rate is not None else "—"}</b><span>checks passed</span></div>'
        "</div>"
    )
    title = f"Session {focus.id}" if focus is not None else "All sessions"
    embedded = (
        f"{len(sizes)} recording{'s' if len(sizes) != 1 else ''} embedded ({human_size(sum(sizes))})"
        if sizes
        else "no recordings embedded"
    )
    script = _asset("report.js")
    script_hash = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; media-src data:; "
        f"script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'"
    )
    return Template(_asset("report.html")).substitute(
        csp=csp,
        title=e(title),
        style=_asset("report.css"),
        generated=e(generated),
        embedded=e(embedded),
        body=f"{stats}{progress_section(progress_pool, focus, target_seconds)}{quiz_section(quiz)}{_legend()}{body}",
        script=script,
    )


def quiz_section(results: Sequence[dict]) -> str:
    """The self-check quiz (lp-coach quiz): each question's latest score and the points
    still missed, so the report shows what the guide's checks still need."""
    if not results:
        return ""
    e = html.escape
    latest: dict[str, dict] = {}
    for r in results:  # oldest first: the last one per question wins
        latest[str(r["id"])] = r
    rows = []
    for r in latest.values():
        missed = [p["point"] for p in r.get("points", []) if not p.get("covered")]
        tries = sum(1 for x in results if x["id"] == r["id"])
        rows.append(
            f'<tr><td>{e(str(r["question"]))}</td><td class="num">{float(r["score"]):.0%}</td><td class="num">{tries}</td>'
            f'<td>{e("; ".join(missed)) if missed else "all key points covered"}</td></tr>'
        )
    return (
        '<section class="card quiz"><h2>Self-check quiz</h2>'
        "<table><thead><tr><th>question</th><th>latest score</th><th>answers</th><th>still missed</th></tr></thead>"
        f'<tbody>{"".join(rows)}</tbody></table></section>'
    )


def write_report(path: Path, text: str) -> int:
    """Write the report privately (0600); returns its size in bytes."""
    import os

    data = text.encode("utf-8")
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise StoreError(f"cannot write the report to {path} ({exc.strerror}); choose another --out file.") from None
    return len(data)


def missing_recordings(sessions: Iterable[Session], data_dir: Path) -> list[str]:
    """Relative paths of recordings the sessions name but the data folder lacks."""
    missing = []
    for s in sessions:
        for t in s.turns:
            if t.audio:
                try:
                    if not _audio_file(data_dir, t).exists():
                        missing.append(t.audio)
                except StoreError:
                    missing.append(t.audio)
    return missing
