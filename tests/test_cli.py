"""The command line's promises when something is wrong: one sentence on stderr
starting ``lp-coach: ``, the error's exit code, no traceback, and nothing saved,
lost or overwritten.  Every case runs the real program (``python -m assistant``)
against a data folder in tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from rig import synth_speech

ALL_SLUGS = (
    "customer-obsession", "ownership", "invent-and-simplify", "are-right-a-lot", "learn-and-be-curious",
    "hire-and-develop-the-best", "insist-on-the-highest-standards", "think-big", "bias-for-action", "frugality",
    "earn-trust", "dive-deep", "have-backbone-disagree-and-commit", "deliver-results",
    "strive-to-be-earths-best-employer", "success-and-scale-bring-broad-responsibility",
)  # fmt: skip


def lp_coach(*args: str, env: dict[str, str], timeout_s: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        env=env, capture_output=True, text=True, timeout=timeout_s, stdin=subprocess.DEVNULL,
    )


def one_sentence(result: subprocess.CompletedProcess) -> str:
    """The single ``lp-coach: ...`` line on stderr (and nothing else there)."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("lp-coach: ") and line.endswith("."), line
    return line


def saved_sessions(env: dict[str, str]) -> list[dict]:
    out = lp_coach("sessions", "--json", env=env)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def session_folders(home: Path) -> list[Path]:
    return [p for p in home.iterdir() if p.is_dir()] if home.exists() else []


@pytest.fixture(scope="module")
def answer_wav(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("answers")
    return synth_speech("I owned the billing service and I cut its error rate by half.", folder / "answer.wav")


@pytest.fixture
def no_device_env(run_env) -> dict[str, str]:
    """No sound server reachable: nothing can be played or recorded, whatever happens."""
    return {**run_env, "PULSE_SERVER": "unix:/nonexistent"}


# ------------------------------------------------------------------ 3. the model


def _model_copy(tmp_path: Path, name: str) -> Path:
    from assistant.model import default_model_path

    bundled = default_model_path()
    folder = tmp_path / name
    folder.mkdir()
    for part in ("config.json", "tokenizer.json", "vocabulary.txt"):
        if (bundled / part).exists():
            shutil.copy(bundled / part, folder / part)
    return folder


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "does-not-exist"


def _empty(tmp_path: Path) -> Path:
    folder = tmp_path / "empty-model"
    folder.mkdir()
    return folder


def _garbage(tmp_path: Path) -> Path:
    folder = _model_copy(tmp_path, "garbage-model")
    (folder / "model.bin").write_bytes(np.random.default_rng(7).bytes(200_000))
    return folder


def _garbage_bin_only(tmp_path: Path) -> Path:
    folder = tmp_path / "bin-only-model"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"not a model at all\n" * 100)
    return folder


def _truncated(tmp_path: Path) -> Path:
    from assistant.model import default_model_path

    folder = _model_copy(tmp_path, "truncated-model")
    with (default_model_path() / "model.bin").open("rb") as fh:
        (folder / "model.bin").write_bytes(fh.read(5_000_000))
    return folder


@pytest.mark.parametrize("make_model", [_missing, _empty, _garbage, _garbage_bin_only, _truncated])
def test_a_missing_or_corrupt_model_is_one_sentence_and_exit_4(
    make_model, tmp_path: Path, answer_wav: Path, no_device_env, lp_coach_home: Path
) -> None:
    model = make_model(tmp_path)
    result = lp_coach(
        "practice", "--lp", "ownership", "--no-speak", "--model", str(model), "--input", str(answer_wav),
        env=no_device_env,
    )
    assert result.returncode == 4, result.stdout + result.stderr
    sentence = one_sentence(result)
    assert str(model) in sentence
    assert "models/README.md" in sentence or "--model" in sentence  # says how to fix it
    # Nothing was saved: no session (not even an empty one), no recording.
    assert saved_sessions(no_device_env) == []
    assert session_folders(lp_coach_home) == []


# ------------------------------------------------------------------ 4. the --input file


def _missing_file(tmp_path: Path) -> Path:
    return tmp_path / "no-such-answer.wav"


def _text_as_wav(tmp_path: Path) -> Path:
    path = tmp_path / "notes.wav"
    path.write_text("this is a text file, not a recording\n")
    return path


def _folder(tmp_path: Path) -> Path:
    path = tmp_path / "answers.wav"
    path.mkdir()
    return path


def _empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "empty.wav"
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize("make_input", [_missing_file, _text_as_wav, _folder, _empty_file])
@pytest.mark.parametrize("position", ["only", "second"])
def test_an_unreadable_input_is_one_sentence_naming_it(
    make_input, position: str, tmp_path: Path, answer_wav: Path, no_device_env, lp_coach_home: Path
) -> None:
    bad = make_input(tmp_path)
    inputs = ["--input", str(bad)] if position == "only" else ["--input", str(answer_wav), "--input", str(bad)]
    result = lp_coach("practice", "--lp", "ownership", *inputs, env=no_device_env)
    assert result.returncode == 2, result.stdout + result.stderr
    sentence = one_sentence(result)
    assert str(bad) in sentence
    assert "WAV" in sentence  # what to give instead
    # Nothing was asked (everything said is printed as "Coach: ..."), nothing saved.
    assert "Coach:" not in result.stdout
    assert result.stdout == ""
    assert saved_sessions(no_device_env) == []
    assert session_folders(lp_coach_home) == []


# ------------------------------------------------------------------ 5. --lp


@pytest.mark.parametrize(
    "command",
    [
        ["practice", "--no-speak", "--input", "{answer}"],
        ["score", "{text}"],
        ["questions"],
        ["drill", "--no-speak", "--input", "{answer}"],
    ],
    ids=lambda c: c[0],
)
def test_an_unknown_principle_lists_the_valid_slugs(
    command: list[str], tmp_path: Path, answer_wav: Path, no_device_env, lp_coach_home: Path
) -> None:
    text = tmp_path / "answer.txt"
    text.write_text("I fixed it and I measured the result.\n")
    argv = [part.format(answer=answer_wav, text=text) for part in command]
    result = lp_coach(*argv, "--lp", "customer-obsesion", env=no_device_env)
    assert result.returncode == 2, result.stdout + result.stderr
    sentence = one_sentence(result)
    assert "customer-obsesion" in sentence
    for slug in ALL_SLUGS:
        assert slug in sentence, slug
    assert result.stdout == ""
    assert saved_sessions(no_device_env) == []


def test_the_full_name_of_a_principle_is_accepted(no_device_env) -> None:
    result = lp_coach("questions", "--lp", "Have Backbone; Disagree and Commit", env=no_device_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


# ------------------------------------------------------------------ 6. an answer with no speech


def test_a_silent_answer_is_asked_once_more_then_ends_cleanly(tmp_path: Path, no_device_env, lp_coach_home: Path) -> None:
    silent = tmp_path / "silent.wav"
    sf.write(silent, np.zeros(16000 * 12, dtype=np.float32), 16000, subtype="PCM_16")
    result = lp_coach(
        "practice", "--lp", "ownership", "--no-speak", "--input", str(silent), "--input", str(silent),
        env=no_device_env,
    )
    assert "Traceback" not in result.stderr
    said = [line.removeprefix("Coach: ") for line in result.stdout.splitlines() if line.startswith("Coach: ")]
    question = said[0]
    # Asked, told so, asked once more (the same question), then a clean stop.
    assert said[1] == f"I didn't hear an answer. {question}", said
    assert sum("I didn't hear an answer" in line for line in said) == 1
    assert len(said) == 3 and "stop here" in said[2], said
    # Nothing was scored: a non-zero exit and one sentence saying so and what to check.
    assert result.returncode == 1
    sentence = one_sentence(result)
    assert "didn't hear an answer" in sentence and "doctor" in sentence

    sessions = saved_sessions(no_device_env)
    assert len(sessions) == 1
    turns = sessions[0]["turns"]
    assert len(turns) == 1
    turn = turns[0]
    assert turn["status"] == "unanswered" and turn["question"] == question
    assert turn["transcript"] == "" and turn["words"] == [] and turn["checks"] == {}
    assert turn["feedback"] == "" and turn["follow_up"] == ""
    # The silence that was heard is kept, as the turn's recording.
    audio = lp_coach_home / turn["audio"]
    assert sf.info(audio).duration == pytest.approx(turn["duration_seconds"], abs=0.2)


# ------------------------------------------------------------------ privacy of a folder that already exists


def test_an_existing_data_folder_is_made_private(tmp_path: Path, run_env, lp_coach_home: Path) -> None:
    lp_coach_home.mkdir(mode=0o755)
    os.chmod(lp_coach_home, 0o755)
    silent = tmp_path / "silent.wav"
    sf.write(silent, np.zeros(16000 * 2, dtype=np.float32), 16000, subtype="PCM_16")
    result = lp_coach("practice", "--no-speak", "--input", str(silent), env=run_env)
    assert result.returncode == 1, result.stderr  # nothing heard, but the turn was saved
    assert [p.name for p in session_folders(lp_coach_home)]
    assert oct(lp_coach_home.stat().st_mode & 0o777) == oct(0o700)


def test_the_program_ends_only_after_the_rubric_warm_up_has_finished(run_env) -> None:
    # Ctrl-C while the question is spoken ends the program while the rubric's warm-up may be
    # inside spaCy; the exit functions ran under it and the process died of a segfault (the
    # Ctrl-C end-to-end test, 1 run in 6).  The entry point waits for the warm-up before them.
    script = (
        "import atexit, threading, assistant.cli as cli, assistant.rubric as rubric\n"
        "atexit.register(lambda: print('warm-up running' if any(t.is_alive() for t in rubric._WARM_UPS) else 'warm-up done'))\n"
        "cli.main = lambda: (rubric.warm_up(), 0)[1]\n"
        "cli.run()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], env=run_env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "warm-up done", result.stdout + result.stderr
