"""The exporters, as functions of a session (the command that calls them: tests/test_sessions_cli.py)."""

from __future__ import annotations

from assistant.export import to_vtt, vtt_time
from assistant.types import Session


def test_vtt_time_format() -> None:
    assert vtt_time(0) == "00:00:00.000"
    assert vtt_time(84.3) == "00:01:24.300"
    assert vtt_time(3725.5) == "01:02:05.500"
    empty = to_vtt(Session("2026-11-26T18-40-01", "practice", "2026-11-26T18:40:01Z"))
    assert empty.startswith("WEBVTT\n\nNOTE ")
