"""The voice commands: a short reply that is only a command, never an answer that mentions one."""

from __future__ import annotations

from assistant.commands import parse_command


def test_parse_command_accepts_only_short_command_utterances():
    assert parse_command("Next.") == "next"
    assert parse_command("okay, again please") == "again"
    assert parse_command("Could you repeat the question?") == "repeat"
    assert parse_command("stop") == "stop"
    assert parse_command("skip", allowed=("next",)) is None
    # A real answer that happens to contain a command word is not a command.
    assert parse_command("we decided to move on to the next version of the product") is None
