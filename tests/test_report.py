"""The HTML report: rendered for hand-built sessions, then opened in real headless Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from assistant.report import render_report, write_report
from assistant.report_metrics import turn_metrics
from assistant.types import CheckResult, Evaluation, Session, Transcript, Turn, Word
from assistant.wav import AudioWriter

RATE = 16000
EVIL_WORD = "<script>window.__pwned=1;document.title='pwned'</script>"
EVIL_QUESTION = 'Tell me about <img src=x onerror="window.__pwned=2"> a time you disagreed.'
EVIL_FEEDBACK = "</div><script>window.__pwned=3</script><b>bold?</b>"

ANSWER = (
    "In 2023 I owned the checkout latency problem um we had a p99 of 900 milliseconds "
    "so I profiled it myself and I cut it by 40% which would you know save $2 million a year"
).split()


def speechlike(seconds: float, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 3.0 * t)
    return (0.2 * envelope * np.sin(2 * np.pi * 180 * t) + 0.01 * rng.standard_normal(t.size)).astype(np.float32)


def timed(words: list[str], start: float = 0.4, step: float = 0.3) -> tuple[Word, ...]:
    return tuple(Word(w, round(start + i * step, 2), round(start + i * step + 0.22, 2)) for i, w in enumerate(words))


def evaluation(lp: str, statuses: dict[str, str], duration: float, metrics: dict[str, float] | None = None) -> Evaluation:
    checks = {
        cid: CheckResult(cid, st, f"{cid.replace('_', ' ')} is {st}", ("we had a p99",) if st == "fail" else ())
        for cid, st in statuses.items()
    }
    return Evaluation(lp, "q", duration, 20, checks, metrics or {})


def make_sessions(data_dir: Path) -> tuple[list[Session], Session]:
    data_dir.mkdir(parents=True, exist_ok=True)
    old = Session("2026-11-20T09-00-00", "practice", "2026-11-20T09:00:00Z")
    old.turns.append(
        Turn(1, "question", "ownership", "Tell me about a time you took on something outside your area.",
             duration_seconds=131.0, transcript=Transcript(timed(["we", "um", "we", "did", "it"] * 40), 131.0),
             evaluation=evaluation("ownership", {"length": "fail", "i_vs_we": "fail", "quantified_result": "fail", "fillers": "warn"}, 131.0))
    )  # fmt: skip
    mid = Session("2026-11-23T18-10-00", "drill", "2026-11-23T18:10:00Z")
    mid.turns.append(
        Turn(1, "question", "customer-obsession", "Tell me about a time you went above and beyond for a customer.",
             duration_seconds=104.0, transcript=Transcript(timed(ANSWER * 6), 104.0),
             evaluation=evaluation("customer-obsession", {"length": "warn", "i_vs_we": "pass", "quantified_result": "pass", "fillers": "pass"}, 104.0,
                                   {"words_per_minute": 150.0, "fillers_per_minute": 2.5}))
    )  # fmt: skip
    focus = Session("2026-11-26T18-40-01", "practice", "2026-11-26T18:40:01Z")
    folder = data_dir / focus.id
    folder.mkdir()
    with AudioWriter(folder / "turn-1.wav") as writer:  # the store's own format
        writer.write(speechlike(8.0))
    sf.write(folder / "turn-2.flac", speechlike(5.0, seed=1), RATE, format="FLAC")  # a FLAC works too
    words = list(timed(ANSWER))
    words[3] = Word(EVIL_WORD, words[3].start, words[3].end)
    focus.turns.append(
        Turn(1, "question", "have-backbone-disagree-and-commit", EVIL_QUESTION, audio=f"{focus.id}/turn-1.wav",
             duration_seconds=8.0, transcript=Transcript(tuple(words), 8.0),
             evaluation=evaluation("have-backbone-disagree-and-commit",
                                   {"length": "pass", "i_vs_we": "pass", "quantified_result": "pass", "past_tense": "warn", "backbone": "fail", "real_failure": "n/a"}, 8.0),
             feedback=EVIL_FEEDBACK, follow_up="What did your manager say when you pushed back?",
             timings={"answer_end_to_feedback_s": 0.3})
    )  # fmt: skip
    focus.turns.append(
        Turn(2, "follow_up", "have-backbone-disagree-and-commit", "What did your manager say?",
             audio=f"{focus.id}/turn-2.flac", duration_seconds=5.0,
             transcript=Transcript(timed("I showed her the data and she agreed".split(), 0.3, 0.5), 5.0),
             evaluation=evaluation("have-backbone-disagree-and-commit", {"length": "fail", "i_vs_we": "pass"}, 5.0),
             feedback="Good: evidence first.", follow_up="")
    )  # fmt: skip
    focus.turns.append(Turn(3, "follow_up", "have-backbone-disagree-and-commit", "And then?", status="unanswered"))
    return [focus, mid, old], focus


# ------------------------------------------------------------ the page


def test_html_is_self_contained_and_escaped(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    sessions, focus = make_sessions(data_dir)
    page = render_report(sessions, focus, data_dir)
    assert not re.search(r"https?://", page), "no external resources or links"
    assert "<script>window.__pwned" not in page and "&lt;script&gt;window.__pwned" in page
    assert "<img src=x" not in page and "</div><script>window.__pwned=3" not in page
    assert page.count("<script>") == 1  # only our own
    assert page.count('src="data:audio/') == 2
    assert "Content-Security-Policy" in page


def test_missing_recording_is_noted_not_fatal(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    sessions, focus = make_sessions(data_dir)
    (data_dir / focus.turns[1].audio).unlink()
    page = render_report(sessions, focus, data_dir)
    assert f"recording missing ({focus.turns[1].audio})" in page
    assert page.count('src="data:audio/') == 1


def test_no_sessions_yet(tmp_path: Path) -> None:
    page = render_report([], None, tmp_path)
    assert "No sessions yet" in page and "No answers yet." in page


# ------------------------------------------------------- in the browser


@pytest.fixture(scope="module")
def browser():
    from cdp import CHROMIUM, Browser

    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed")
    b = Browser(width=1200, height=900)
    try:
        yield b
    finally:
        b.close()


WAIT_AUDIO = """
Promise.all(Array.from(document.querySelectorAll('audio')).map(a => new Promise((ok, bad) => {
  if (a.readyState >= 1) return ok([a.id, a.duration]);
  a.addEventListener('loadedmetadata', () => ok([a.id, a.duration]));
  a.addEventListener('error', () => ok([a.id, 'error ' + (a.error && a.error.code)]));
  setTimeout(() => ok([a.id, 'timeout']), 10000);
})))
"""


def test_report_in_chromium(browser, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    sessions, focus = make_sessions(data_dir)
    out = tmp_path / "report.html"
    size = write_report(out, render_report(sessions, focus, data_dir))
    assert out.stat().st_mode & 0o777 == 0o600
    browser.open(out.as_uri())

    # It renders: the title, the three turn cards, the charts.
    assert browser.js("document.title") == f"lp-coach · Session {focus.id}"
    assert browser.js("document.querySelectorAll('article.turn').length") == 3
    assert browser.js("document.querySelectorAll('.c-dur circle').length") == 4  # every answered turn, all sessions
    assert browser.js("document.querySelectorAll('.c-dur .target').length") == 1  # the 90-second line
    assert browser.js("document.querySelectorAll('.chart.wide rect.cell').length") > 0
    assert browser.js("document.body.innerText").count("Have Backbone; Disagree and Commit") >= 3

    # Both recordings decode in the browser, with their real lengths.
    durations = dict(browser.js(WAIT_AUDIO))
    assert durations[f"a-{focus.id}-1"] == pytest.approx(8.0, abs=0.05)
    assert durations[f"a-{focus.id}-2"] == pytest.approx(5.0, abs=0.05)

    # Untrusted text stays text and runs nothing.
    assert browser.js("window.__pwned === undefined")
    assert browser.js("document.scripts.length") == 1
    assert browser.js("document.querySelectorAll('article img, article b').length") == 0
    spans = browser.js("Array.from(document.querySelectorAll('.transcript .w')).map(w => w.textContent)")
    assert EVIL_WORD in spans
    assert EVIL_QUESTION in browser.js("document.querySelector('article .q').textContent")
    assert EVIL_FEEDBACK in browser.js("document.querySelector('.say p').textContent")

    # Clicking a word (a real mouse click) seeks its recording to that word's start.
    audio_id = f"a-{focus.id}-1"
    target = focus.turns[0].transcript.words[14]
    assert target.start > 4
    rect = browser.js(
        f"""(() => {{ const w = document.querySelectorAll('[data-audio="{audio_id}"] .w')[14];
        w.scrollIntoView({{block: 'center'}}); const r = w.getBoundingClientRect();
        return [r.left + r.width / 2, r.top + r.height / 2, w.textContent, w.className]; }})()"""
    )
    assert rect[2] == target.text == "900" and "k-number" in rect[3]
    browser.click(rect[0], rect[1])
    browser.drain(0.3)
    now = browser.js(f"document.getElementById('{audio_id}').currentTime")
    assert target.start - 0.01 <= now <= target.start + 1.0
    other = browser.js(f"document.getElementById('a-{focus.id}-2').currentTime")
    assert other == 0  # only that answer's player moved

    # Nothing was fetched from anywhere: the page and data: URIs only; no CSP complaints.
    browser.drain(0.3)
    fetched = [u for u in browser.requested_urls() if not u.startswith("data:")]
    assert fetched == [out.as_uri()]
    assert not [m for m in browser.console_messages() if "Content Security Policy" in m or "exception" in m]

    shot = browser.screenshot(tmp_path / "report.png")
    assert shot.stat().st_size > 20_000
    # kept for a person to look at after a run (pytest keeps the last few tmp folders)
    (tmp_path / "report.html").write_bytes(out.read_bytes())
    assert size < 1_000_000  # 13 s of 16 kHz FLAC stays small


def test_all_sessions_report_in_chromium(browser, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    sessions, _ = make_sessions(data_dir)
    out = tmp_path / "all.html"
    write_report(out, render_report(sessions, None, data_dir))
    browser.open(out.as_uri())
    assert browser.js("document.title") == "lp-coach · All sessions"
    ids = browser.js("Array.from(document.querySelectorAll('section.session')).map(s => s.id)")
    assert ids == ["s-2026-11-26T18-40-01", "s-2026-11-23T18-10-00", "s-2026-11-20T09-00-00"]  # newest first
    assert browser.js("window.__pwned === undefined")


def test_the_quiz_shows_each_questions_latest_score_and_what_is_still_missed(tmp_path: Path) -> None:
    results = [
        {"id": "backbone_beats", "question": "What are the three beats of Have Backbone?", "answered_at": "2026-11-30T10:00:00Z",
         "transcript": "disagree", "points": [{"point": "evidence", "covered": False}, {"point": "commit", "covered": False}], "score": 0.0},
        {"id": "backbone_beats", "question": "What are the three beats of Have Backbone?", "answered_at": "2026-11-30T11:00:00Z",
         "transcript": "evidence and commit", "points": [{"point": "evidence", "covered": True}, {"point": "commit", "covered": False}], "score": 0.5},
    ]
    page = render_report([], None, tmp_path, quiz=results)
    assert "Self-check quiz" in page and "50%" in page and "still missed" in page
    assert "commit" in page.split("Self-check quiz")[1] and ">2<" in page
    assert "Self-check quiz" not in render_report([], None, tmp_path)


def test_each_answer_has_its_pitch_contour_and_progress_charts_the_voice(tmp_path: Path) -> None:
    from dataclasses import replace

    from assistant.types import Prosody

    data_dir = tmp_path / "data"
    sessions, focus = make_sessions(data_dir)
    # rises and falls of +-4 st every few seconds, with one pause (the line breaks there)
    contour = tuple((t / 4, 4 * np.sin(t / 6)) for t in range(4, 120) if not 40 <= t < 48)
    turn = focus.turns[0]
    turn.transcript = replace(turn.transcript, prosody=Prosody(8.1, 2.6, 20.0, 118.0, 4.0, contour))
    page = render_report(sessions, focus, data_dir)
    drawn = re.search(r'<figure class="contour">(.*?)</figure>', page, re.S)
    assert drawn and "range 8.1 st" in drawn.group(1) and "118 Hz median" in drawn.group(1)
    assert drawn.group(1).count("<polyline") == 2  # the pause splits the line
    assert page.count('<figure class="contour">') == 1  # answers without audio measures draw none
    assert "Pitch range (semitones)" in page and "Sentence-end fade (dB)" in page
    assert turn_metrics(turn)["pitch_range_st"] == 8.1 and turn_metrics(focus.turns[1])["pitch_range_st"] is None
