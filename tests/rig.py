"""A real audio rig without hardware: a user-space PulseAudio server with a
FIFO-fed microphone and a null-sink speaker (docs/ARCHITECTURE.md, "Testing the real audio
path without hardware").

- ``play_into_mic`` queues audio for the microphone; a feeder thread writes it
  into the FIFO in real time and writes silence in between, so the source never
  starves (a starved source delivers no blocks and silence detection never fires).
- A standing ``parec -d mic`` keeps PulseAudio reading the FIFO even when no
  program records, so speech nobody listens to is lost, never delayed.
- ``record_speaker`` records ``speaker.monitor``: what the program played.

Programs under test are run as subprocesses with ``rig.env``, which points them
(through ALSA's pulse plugin under PortAudio) at this server.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections import deque
from pathlib import Path

import numpy as np
import soundfile as sf

RATE_HZ = 16000
BLOCK_S = 0.02  # 20 ms blocks keep the microphone's timing tight
BLOCK_SAMPLES = int(RATE_HZ * BLOCK_S)


def synth_speech(text: str, path: Path, wpm: int = 160, voice: str = "en-us") -> Path:
    """Speak ``text`` with espeak-ng into a 16 kHz mono 16-bit WAV at ``path``."""
    raw = path.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(wpm), "-w", str(raw), text], check=True)
    data, rate = sf.read(raw, dtype="float32")
    raw.unlink()
    if data.ndim > 1:
        data = data.mean(axis=1)
    data = resample(data, rate, RATE_HZ)
    sf.write(path, data, RATE_HZ, subtype="PCM_16")
    return path


def resample(data: np.ndarray, rate_in: int, rate_out: int) -> np.ndarray:
    if rate_in == rate_out:
        return data.astype(np.float32)
    n_out = int(round(len(data) * rate_out / rate_in))
    x_out = np.linspace(0, len(data) - 1, n_out)
    return np.interp(x_out, np.arange(len(data)), data).astype(np.float32)


def load_16k(path_or_samples) -> np.ndarray:
    if isinstance(path_or_samples, np.ndarray):
        return path_or_samples.astype(np.float32).reshape(-1)
    data, rate = sf.read(path_or_samples, dtype="float32")
    if data.ndim > 1:
        data = data.mean(axis=1)
    return resample(data, rate, RATE_HZ)


class SpeakerRecording:
    """``parec`` of the null sink's monitor, as 16 kHz mono float32."""

    def __init__(self, env: dict[str, str]) -> None:
        self.started_at = time.monotonic()
        self._proc = subprocess.Popen(
            ["parec", "-d", "speaker.monitor", "--format=s16le", f"--rate={RATE_HZ}", "--channels=1", "--latency-msec=20"],
            stdout=subprocess.PIPE,
            env=env,
        )
        self._chunks: list[bytes] = []
        self._arrivals: list[float] = []  # monotonic time each chunk arrived
        self._thread = threading.Thread(target=self._pump, daemon=True)
        self._thread.start()
        self._wait_flowing()

    def _wait_flowing(self, timeout_s: float = 10.0) -> None:
        """Return once the monitor delivers audio.  A monitor of an idle null sink
        can take 2 s to deliver its first chunk, and whatever the sink played
        before that is never recorded: a sound made 0.1 s after a launch was then
        timed 1.4 s late, and start-up figures measured the rig, not the program
        (measured: beep to recorded sound 1.42-1.50 s when not yet flowing, 12-27
        ms when flowing)."""
        deadline = time.monotonic() + timeout_s
        while not self._arrivals:
            if time.monotonic() > deadline or self._proc.poll() is not None:
                raise RuntimeError("the speaker monitor recording delivered no audio")
            time.sleep(0.005)

    def _pump(self) -> None:
        assert self._proc.stdout is not None
        while True:
            chunk = self._proc.stdout.read(BLOCK_SAMPLES * 2)
            if not chunk:
                return
            self._arrivals.append(time.monotonic())
            self._chunks.append(chunk)

    def audio_after(self, t: float) -> np.ndarray:
        """What the speaker played after monotonic time ``t``."""
        data = b"".join(c for a, c in zip(list(self._arrivals), list(self._chunks)) if a > t)
        data = data[: len(data) // 2 * 2]
        return np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0

    def first_sound_after(self, t: float, threshold: float = 0.01) -> float | None:
        """Monotonic time the first audible chunk after ``t`` arrived: the
        speaker's output timed by the clock, not by sample counts (a parec that
        starts late or a monitor that skips would shift sample-count times)."""
        for arrived, chunk in zip(list(self._arrivals), list(self._chunks)):
            if arrived <= t or len(chunk) < 2:
                continue
            samples = np.frombuffer(chunk[: len(chunk) // 2 * 2], dtype="<i2").astype(np.float32) / 32768.0
            if np.sqrt(np.mean(samples**2)) > threshold:
                return arrived
        return None

    def audio(self) -> np.ndarray:
        data = b"".join(self._chunks)
        data = data[: len(data) // 2 * 2]
        return np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0

    def stop(self) -> np.ndarray:
        self._proc.terminate()
        self._proc.wait(timeout=5)
        self._thread.join(timeout=5)
        return self.audio()


def sound_spans(audio: np.ndarray, threshold: float = 0.01, min_gap_s: float = 0.3) -> list[tuple[float, float]]:
    """(start, end) seconds of the stretches where ``audio`` is audible."""
    win = int(0.01 * RATE_HZ)
    n = len(audio) // win
    if n == 0:
        return []
    rms = np.sqrt(np.mean(audio[: n * win].reshape(n, win) ** 2, axis=1))
    loud = rms > threshold
    spans: list[tuple[float, float]] = []
    start = None
    last_loud = None
    for i, on in enumerate(loud):
        t = i * win / RATE_HZ
        if on:
            if start is None:
                start = t
            elif last_loud is not None and t - last_loud > min_gap_s:
                spans.append((start, last_loud))
                start = t
            last_loud = t + win / RATE_HZ
    if start is not None and last_loud is not None:
        spans.append((start, last_loud))
    return spans


class Mark:
    """When the last block of one ``play_marked`` went into the microphone."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.written_at: float | None = None

    def wait(self, timeout_s: float) -> float:
        if not self.done.wait(timeout_s):
            raise TimeoutError("the microphone feeder never wrote the marked block")
        assert self.written_at is not None
        return self.written_at


class AudioRig:
    def __init__(self) -> None:
        missing = [tool for tool in ("pulseaudio", "pactl", "parec", "espeak-ng") if not shutil.which(tool)]
        if missing:
            raise RuntimeError(f"the audio rig needs {', '.join(missing)}: run scripts/setup.sh (or .ci/run)")
        self.dir = Path(tempfile.mkdtemp(prefix="lp-coach-rig-"))
        self.fifo = self.dir / "mic.fifo"
        runtime = self.dir / "pulse"
        runtime.mkdir()
        self.env = dict(os.environ)
        self.env.update(
            {
                "PULSE_RUNTIME_PATH": str(runtime),
                "PULSE_SERVER": f"unix:{runtime}/native",
                "PULSE_STATE_PATH": str(self.dir / "state"),
                "HOME": os.environ.get("HOME", str(self.dir)),
            }
        )
        subprocess.run(
            ["pulseaudio", "-D", "-n", "--exit-idle-time=-1", "--disallow-exit", "--log-target=stderr",
             "--load=module-native-protocol-unix", "--load=module-null-sink sink_name=speaker"],
            env=self.env, check=True, stderr=subprocess.DEVNULL,
        )
        self._wait_for_server()
        # Loaded after start: the pipe source creates the FIFO itself.
        self._pactl("load-module", "module-pipe-source", "source_name=mic", f"file={self.fifo}",
                    "format=s16le", f"rate={RATE_HZ}", "channels=1")
        self._pactl("set-default-source", "mic")
        self._pactl("set-default-sink", "speaker")
        self._pending: deque[tuple[np.ndarray, Mark | None]] = deque()
        self._lock = threading.Lock()
        self._queued_until = 0.0
        self._stop = threading.Event()
        self._fifo_fh = open(self.fifo, "wb", buffering=0)  # noqa: SIM115 - held for the rig's life
        self._feeder = threading.Thread(target=self._feed, daemon=True)
        self._feeder.start()
        # The standing reader: without it PulseAudio stops draining the FIFO.
        self._drain = subprocess.Popen(["parec", "-d", "mic", "--format=s16le", f"--rate={RATE_HZ}", "--channels=1"],
                                       stdout=subprocess.DEVNULL, env=self.env)

    def _pactl(self, *args: str) -> None:
        subprocess.run(["pactl", *args], env=self.env, check=True, stdout=subprocess.DEVNULL)

    def _wait_for_server(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if subprocess.run(["pactl", "info"], env=self.env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0:
                return
            time.sleep(0.1)
        raise RuntimeError("PulseAudio did not start")

    def _feed(self) -> None:
        silence = np.zeros(BLOCK_SAMPLES, dtype="<i2").tobytes()
        t0 = time.monotonic()
        n = 0
        while not self._stop.is_set():
            with self._lock:
                block, mark = self._pending.popleft() if self._pending else (None, None)
            data = silence if block is None else (np.clip(block, -1, 1) * 32767).astype("<i2").tobytes()
            try:
                self._fifo_fh.write(data)
            except OSError:
                return
            if mark is not None:
                mark.written_at = time.monotonic()
                mark.done.set()
            n += 1
            delay = t0 + n * BLOCK_S - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            elif delay < -0.5:  # fell far behind (loaded machine): resync rather than burst
                t0 = time.monotonic()
                n = 0

    def play_into_mic(self, audio, lead_silence_s: float = 0.0, mark: "Mark | None" = None) -> float:
        """Queue ``audio`` (a path or 16 kHz samples) for the microphone, after
        ``lead_silence_s`` of silence.  Returns when (monotonic) its last sample
        will have been written."""
        samples = np.concatenate([np.zeros(int(lead_silence_s * RATE_HZ), np.float32), load_16k(audio)])
        pad = (-len(samples)) % BLOCK_SAMPLES
        samples = np.concatenate([samples, np.zeros(pad, np.float32)])
        blocks = samples.reshape(-1, BLOCK_SAMPLES)
        with self._lock:
            backlog = len(self._pending)
            self._pending.extend((block, None) for block in blocks[:-1])
            self._pending.append((blocks[-1], mark))
        return time.monotonic() + (backlog + len(blocks)) * BLOCK_S

    def play_marked(self, audio, lead_silence_s: float = 0.0) -> "Mark":
        """``play_into_mic``, returning a Mark whose ``written_at`` is the monotonic
        time the last block was actually written into the microphone (benchmarks
        measure from it: no estimate of the feeder's pace)."""
        mark = Mark()
        self.play_into_mic(audio, lead_silence_s, mark)
        return mark

    def mic_idle(self) -> bool:
        with self._lock:
            return not self._pending

    def wait_mic_idle(self, timeout_s: float = 300) -> None:
        deadline = time.monotonic() + timeout_s
        while not self.mic_idle():
            if time.monotonic() > deadline:
                raise TimeoutError("the microphone queue did not drain")
            time.sleep(0.05)

    def record_speaker(self) -> SpeakerRecording:
        return SpeakerRecording(self.env)

    def close(self) -> None:
        self._stop.set()
        self._feeder.join(timeout=2)
        self._drain.terminate()
        try:
            self._fifo_fh.close()
        except OSError:
            pass
        # The server runs with --disallow-exit (so a test cannot stop it by accident),
        # which makes it refuse "pactl exit": end it by the pid it wrote instead.
        pid_file = Path(self.env["PULSE_RUNTIME_PATH"]) / "pid"
        try:
            pid = int(pid_file.read_text().split()[0])
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                os.kill(pid, 0)
                time.sleep(0.05)
        except (OSError, ValueError, IndexError):
            pass  # gone already, or never wrote its pid
        shutil.rmtree(self.dir, ignore_errors=True)
