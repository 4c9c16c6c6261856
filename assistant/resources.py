"""The one way to read files shipped inside the package (docs/ARCHITECTURE.md, "Packaged data").

Everything lp-coach ships as data — the question bank (``assistant.prompts``, the
top-level ``prompts/`` folder of a checkout) and the lexicons in ``assistant/data/`` —
is read through :mod:`importlib.resources`, never by a path built from ``__file__``:
that works the same from a checkout, an editable install, a wheel in site-packages
and a zipped install, on every OS.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from .errors import BankError

PACKAGE = "assistant"
PROMPTS_PACKAGE = "assistant.prompts"


def data_file(name: str) -> Traversable:
    """``assistant/data/<name>`` as a Traversable (``str()`` of it names the file in messages)."""
    return resources.files(PACKAGE).joinpath("data", name)


def prompts_folder() -> Traversable:
    """The bundled question bank: ``prompts/`` in a checkout, ``assistant/prompts/`` in a wheel."""
    try:
        return resources.files(PROMPTS_PACKAGE)
    except ModuleNotFoundError:
        # A checkout run without installing it (PYTHONPATH=.): `prompts/` is not a
        # package there, just the folder beside `assistant/`.
        return resources.files(PACKAGE).joinpath("..", "prompts")


def read_toml(file: Traversable) -> dict[str, Any]:
    """A packaged TOML file, parsed.  A missing or broken file is a packaging bug,
    reported as one sentence naming the file rather than a traceback."""
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BankError(f"{file}: missing from the installed package; reinstall lp-coach.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BankError(f"{file}: not valid TOML ({exc}).") from None
