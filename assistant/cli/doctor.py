"""``lp-coach doctor``: microphone, speech output, model, data folder — OK or the fix."""

from __future__ import annotations

import argparse
import time

import numpy as np

from ..errors import CoachError
from ..wav import SAMPLE_RATE_HZ
from .common import add_model_option, config_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="check microphone, speech output, model and data folder; say how to fix each")
    add_model_option(p)
    p.add_argument("--voice", help="speech-output voice to check")
    p.set_defaults(func=run)


def _microphone(config) -> str:
    from ..audio import MicrophoneSource, check_input_device

    name = check_input_device(config.audio)
    source = MicrophoneSource(config.audio)
    source.start()
    try:
        deadline = time.monotonic() + 2.0
        blocks: list[np.ndarray] = []
        while time.monotonic() < deadline and len(blocks) < 5:
            block = source.read(0.5)
            if block is not None:
                blocks.append(block)
    finally:
        source.stop()
    if not blocks:
        raise CoachError(f"the microphone '{name}' delivers no sound; check it is not muted or used by another program")
    level = float(np.sqrt(np.mean(np.concatenate(blocks) ** 2)))
    return f"{name} (level {20 * np.log10(max(level, 1e-6)):.0f} dBFS)"


def _speech(config) -> str:
    from dataclasses import replace

    from ..audio import check_output_device
    from ..errors import SpeechError
    from ..tts import ENGINE_FIX, NATURAL_NAME, NaturalSpeaker, Pyttsx3Speaker, is_natural

    device = check_output_device(config.audio)
    speech = config.speech
    instead = ""
    if is_natural(speech.voice):
        try:
            natural = NaturalSpeaker(speech, config.audio)
            if natural.wait_loaded() and natural.synthesize("Testing.").size:
                return f"the natural voice, {NATURAL_NAME} (loaded in {natural.load_s:.1f} s) -> {device}"
            instead = f"; the natural voice did not load: {natural._error}"
        except SpeechError as exc:
            instead = f"; the natural voice is not installed: {exc}"
        speech = replace(speech, voice=None)
    speaker = Pyttsx3Speaker(speech, config.audio)
    voice = f"voice {speech.voice}" if speech.voice else "default voice"
    if not speaker.to_file:
        # The driver can only speak aloud; the doctor does not talk at the user.
        return f"{speaker.engine_name} via pyttsx3, {voice} (speaks through the driver) -> {device}{instead}"
    samples = speaker.synthesize("Testing.")
    if samples.size == 0:
        raise CoachError(f"the speech engine produced no sound; {ENGINE_FIX.get(speaker.driver, 'reinstall pyttsx3')}")
    return f"{speaker.engine_name} via pyttsx3, {voice} -> {device}{instead}"


def _model(config) -> str:
    from ..model import load_transcriber, resolve_model

    where = resolve_model(config.model.model)
    started = time.monotonic()
    transcriber = load_transcriber(config.model)
    transcriber.transcribe(np.zeros(SAMPLE_RATE_HZ, dtype=np.float32))  # one second of silence
    return f"{where} (loaded and ran in {time.monotonic() - started:.1f} s)"


def _data(config) -> str:
    from ..config import data_dir_choice
    from ..store import Store

    store = Store(config.data_dir)
    count = len(store.sessions())
    # Which of the three places is in use, and why, so a user who finds no
    # sessions knows whether LP_COACH_HOME, a checkout or the install decided.
    _, why = data_dir_choice()
    return f"{config.data_dir} ({why}; {count} saved sessions)"


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    failed = 0
    for label, check in (("microphone", _microphone), ("speech output", _speech), ("model", _model), ("data folder", _data)):
        try:
            detail = check(config)
            print(f"OK    {label:14} {detail}")
        except CoachError as exc:
            failed += 1
            print(f"FAIL  {label:14} {exc}")
        except Exception as exc:  # the doctor reports every finding, an unexpected one too, and goes on
            failed += 1
            detail = (str(exc).splitlines() or [""])[0][:120]
            print(f"FAIL  {label:14} unexpected {type(exc).__name__} ({detail}); please report it with this line")
    if failed:
        print(f"\n{failed} problem(s) found; fix them and run `lp-coach doctor` again.")
        return 1
    print("\nAll good: run `lp-coach practice`.")
    return 0
