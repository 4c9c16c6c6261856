"""The voice commands said between turns (drill) or instead of an answer.

The phrases for each command are data (``assistant/data/commands.toml``); a
reply is a command only when it is short, so an answer that merely contains
"next" is still an answer.
"""

from __future__ import annotations

import functools
import tomllib

from .errors import BankError
from .language import normalise_text
from .resources import data_file

DRILL_COMMANDS = ("next", "again", "repeat", "skip", "stop")
COMMAND_PROMPT = "Say next, again, repeat, skip, or stop."
# Said instead of an answer, right after a question: hear it again, move on, or end.
IN_ANSWER_COMMANDS = ("repeat", "skip", "stop")
COMMANDS_FILE = data_file("commands.toml")


@functools.lru_cache(maxsize=1)
def command_words() -> dict[str, str]:
    """phrase -> command, from the data file (a malformed file is a BankError)."""
    try:
        raw = tomllib.loads(COMMANDS_FILE.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BankError(f"{COMMANDS_FILE}: cannot be read as TOML ({exc}); reinstall lp-coach.") from None
    words: dict[str, str] = {}
    for command in DRILL_COMMANDS:
        phrases = raw.get(command)
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise BankError(f"{COMMANDS_FILE}: '{command}' must be a list of phrases.")
        for phrase in phrases:
            words[normalise_text(phrase)] = command
    return words


def parse_command(text: str, allowed: tuple[str, ...] = DRILL_COMMANDS) -> str | None:
    """The voice command ``text`` is, when it is nothing but a command (≤ 5 words)."""
    said = normalise_text(text)
    if not said or len(said.split()) > 5:
        return None
    words = command_words()
    for phrase in sorted(words, key=len, reverse=True):
        cmd = words[phrase]
        if cmd in allowed and (said == phrase or f" {phrase} " in f" {said} "):
            return cmd
    return None
