"""Settings: defaults < config.toml in the data folder < command-line flags;
a bad settings file is one sentence naming the file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import build_parser
from assistant.cli.common import config_from_args
from assistant.config import CONFIG_FILE_NAME, Config, load_config
from assistant.errors import ConfigError

FULL_FILE = """\
voice = "en-gb"
rate_wpm = 150
silence_timeout_s = 4.5
answer_cap_s = 120
target_seconds = 75
model = "models/small.en"
"""


def write_config(home: Path, text: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / CONFIG_FILE_NAME
    path.write_text(text, encoding="utf-8")
    return path


def parse(*argv: str):
    return build_parser().parse_args(list(argv))


# ------------------------------------------------------------------ reading the file


def test_defaults_without_a_file(lp_coach_home: Path) -> None:
    config = load_config()
    assert config.data_dir == lp_coach_home
    assert config == Config(data_dir=lp_coach_home)
    assert (config.speech.voice, config.speech.rate_wpm) == (None, 175)
    assert (config.endpoint.silence_timeout_s, config.endpoint.answer_cap_s) == (3.0, 180.0)
    assert config.rubric.target_seconds == 90.0
    assert config.model.model is None


def test_every_documented_key_is_read_from_the_data_folder(lp_coach_home: Path) -> None:
    write_config(lp_coach_home, FULL_FILE)
    config = load_config()
    assert config.speech.voice == "en-gb"
    assert config.speech.rate_wpm == 150
    assert config.endpoint.silence_timeout_s == 4.5
    assert config.endpoint.answer_cap_s == 120.0
    assert isinstance(config.endpoint.answer_cap_s, float)
    assert config.rubric.target_seconds == 75.0
    assert config.model.model == "models/small.en"
    # What the file does not mention keeps its default.
    assert config.endpoint.time_cue_s == 90.0
    assert config.speech.enabled is True


def test_flags_override_the_file(lp_coach_home: Path) -> None:
    write_config(lp_coach_home, FULL_FILE)
    args = parse(
        "practice", "--voice", "en-us", "--rate", "200", "--silence", "2", "--cap", "60",
        "--target", "45", "--model", "/somewhere/tiny.en", "--no-speak",
    )
    config = config_from_args(args)
    assert config.speech.voice == "en-us"
    assert config.speech.rate_wpm == 200
    assert config.endpoint.silence_timeout_s == 2.0
    assert config.endpoint.answer_cap_s == 60.0
    assert config.rubric.target_seconds == 45.0
    assert config.model.model == "/somewhere/tiny.en"
    assert config.speech.enabled is False


def test_flags_not_given_leave_the_files_values(lp_coach_home: Path) -> None:
    write_config(lp_coach_home, FULL_FILE)
    config = config_from_args(parse("practice", "--rate", "190"))
    assert config.speech.rate_wpm == 190
    assert config.speech.voice == "en-gb"
    assert config.endpoint.silence_timeout_s == 4.5
    assert config.rubric.target_seconds == 75.0
    assert config.speech.enabled is True


def test_the_file_changes_what_a_command_does(lp_coach_home: Path, run_env, tmp_path: Path) -> None:
    """Through the real CLI: target_seconds from the file reaches the rubric; --target beats it."""
    write_config(lp_coach_home, "target_seconds = 20\n")
    answer = tmp_path / "answer.txt"
    answer.write_text("I found the bug in the payment service and I fixed it the same day.", encoding="utf-8")

    def length_message(*extra: str) -> str:
        out = subprocess.run(
            [sys.executable, "-m", "assistant", "score", str(answer), "--lp", "dive-deep", "--seconds", "25", "--json", *extra],
            env=run_env, capture_output=True, text=True, timeout=120,
        )
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)["checks"]["length"]["message"]

    assert "20-second target" in length_message()
    assert "30-second target" in length_message("--target", "30")


# ------------------------------------------------------------------ a bad file


@pytest.mark.parametrize(
    "text, says",
    [
        ("rate_wpm = = 3\n", "not valid TOML"),
        ("voice = \"en-us\n", "not valid TOML"),
        ("\xff\xfe not text", "not valid TOML"),
        ("speed = 3\n", "unknown setting 'speed'"),
        ("[speech]\nvoice = \"en-us\"\n", "unknown setting 'speech'"),
        ("rate_wpm = \"fast\"\n", "'rate_wpm' must be a whole number"),
        ("rate_wpm = -5\n", "'rate_wpm' must be a whole number greater than zero"),
        ("rate_wpm = 150.5\n", "'rate_wpm' must be a whole number"),
        ("silence_timeout_s = 0\n", "'silence_timeout_s' must be a number greater than zero"),
        ("silence_timeout_s = \"3\"\n", "'silence_timeout_s' must be a number"),
        ("answer_cap_s = true\n", "'answer_cap_s' must be a number"),
        ("answer_cap_s = inf\n", "'answer_cap_s' must be a number"),
        ("target_seconds = [90]\n", "'target_seconds' must be a number"),
        ("voice = 5\n", "'voice' must be text"),
        ("model = 3\n", "'model' must be text"),
        ("speak = \"yes\"\n", "'speak' must be true or false"),
    ],
)
def test_a_bad_file_is_one_sentence_naming_it(lp_coach_home: Path, text: str, says: str) -> None:
    lp_coach_home.mkdir(parents=True, exist_ok=True)
    path = lp_coach_home / CONFIG_FILE_NAME
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(ConfigError) as caught:
        load_config()
    message = str(caught.value)
    assert str(path) in message
    assert says in message
    assert "\n" not in message and message.endswith(".")


def test_unknown_key_lists_the_known_ones(lp_coach_home: Path) -> None:
    write_config(lp_coach_home, "voise = \"en-us\"\n")
    with pytest.raises(ConfigError) as caught:
        load_config()
    for key in ("voice", "rate_wpm", "silence_timeout_s", "answer_cap_s", "target_seconds", "model"):
        assert key in str(caught.value)


def test_a_device_index_is_accepted(lp_coach_home: Path) -> None:
    write_config(lp_coach_home, "input_device = 3\noutput_device = \"pulse\"\n")
    config = load_config()
    assert (config.audio.input_device, config.audio.output_device) == ("3", "pulse")


def test_the_cli_prints_one_sentence_and_exits_2(lp_coach_home: Path, run_env) -> None:
    path = write_config(lp_coach_home, "rate_wpm = \"fast\"\n")
    before = path.read_bytes()
    out = subprocess.run(
        [sys.executable, "-m", "assistant", "practice", "--no-speak", "--input", "whatever.wav"],
        env=run_env, capture_output=True, text=True, timeout=60,
    )
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("lp-coach: ")
    assert str(path) in out.stderr and "rate_wpm" in out.stderr
    assert "Traceback" not in out.stderr
    assert path.read_bytes() == before  # the file is the user's: never rewritten


# ------------------------------------------------------------------ --help


PRACTICE_FLAGS = (
    "--lp", "--seed", "--model", "--voice", "--rate", "--no-speak", "--input", "--silence", "--cap", "--target",
)


def test_practice_help_documents_every_option(run_env) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "assistant", "practice", "--help"], env=run_env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0
    text = out.stdout
    for flag in PRACTICE_FLAGS:
        assert flag in text, flag
    # Nothing the parser accepts is left out, and each option says what it does.
    practice = build_parser()._subparsers._group_actions[0].choices["practice"]
    for action in practice._actions:
        if action.dest == "help":
            continue
        assert action.help and len(action.help) > 10, action.dest
        for flag in action.option_strings:
            assert flag in text, flag
    # The settings file is mentioned, with the key each flag sets.
    assert "config.toml" in text
    for key in ("rate_wpm", "silence_timeout_s", "answer_cap_s", "target_seconds", "voice", "model"):
        assert f"config key: {key}" in " ".join(text.split()), key


# ------------------------------------------------------------------ where the data folder is


def test_lp_coach_home_wins_and_says_so(lp_coach_home: Path) -> None:
    from assistant.config import data_dir_choice

    assert data_dir_choice() == (lp_coach_home, "LP_COACH_HOME is set")


def test_a_checkout_keeps_recordings_next_to_the_code(monkeypatch) -> None:
    from assistant import config

    monkeypatch.delenv("LP_COACH_HOME")
    folder, why = config.data_dir_choice()
    # These tests run from the checkout, so this is the repo's recordings/.
    assert folder == config.PROJECT_ROOT / "recordings" and "checkout" in why


def test_an_installed_copy_uses_the_platforms_user_data_folder(monkeypatch, tmp_path: Path) -> None:
    from assistant import config

    monkeypatch.delenv("LP_COACH_HOME")
    site_packages = tmp_path / "site-packages"
    (site_packages / "assistant").mkdir(parents=True)
    monkeypatch.setattr(config, "is_checkout", lambda root=site_packages: False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    folder, why = config.data_dir_choice()
    if sys.platform.startswith("linux"):
        assert folder == tmp_path / "xdg" / "lp-coach"
    assert folder.name == "lp-coach" and not folder.is_relative_to(site_packages)
    assert "installed" in why
    monkeypatch.delenv("XDG_DATA_HOME")
    if sys.platform.startswith("linux"):
        assert config.data_dir_choice()[0] == tmp_path / "home" / ".local" / "share" / "lp-coach"


def test_site_packages_is_not_mistaken_for_a_checkout(tmp_path: Path) -> None:
    from assistant.config import is_checkout

    installed = tmp_path / "site-packages"
    (installed / "assistant").mkdir(parents=True)
    assert not is_checkout(installed)
    checkout = tmp_path / "clone"
    (checkout / "prompts").mkdir(parents=True)
    (checkout / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    assert is_checkout(checkout)


def test_doctor_names_the_data_folder_and_why(lp_coach_home: Path) -> None:
    from assistant.cli.doctor import _data

    line = _data(load_config())
    assert str(lp_coach_home) in line and "LP_COACH_HOME is set" in line and "0 saved sessions" in line


# ------------------------------------------------------------------ --model paths


def test_a_relative_model_path_is_relative_to_the_current_folder(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    config = config_from_args(parse("practice", "--model", "models/base.en"))
    assert config.model.model == str(tmp_path / "models" / "base.en")
    # A bare name is a model name for faster-whisper (or a folder under models/), left as typed.
    assert config_from_args(parse("practice", "--model", "small.en")).model.model == "small.en"


def test_a_missing_relative_model_folder_names_where_it_was_looked_for(tmp_path: Path, run_env) -> None:
    import assistant

    env = dict(run_env, PYTHONPATH=str(Path(assistant.__file__).parent.parent))
    shutil.copy(Path(__file__).parent / "fixtures" / "owned_service.wav", tmp_path / "answer.wav")
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "transcribe", "answer.wav", "--model", "models/nope"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 4 and "Traceback" not in result.stderr
    assert str(tmp_path / "models" / "nope") in result.stderr, result.stderr
