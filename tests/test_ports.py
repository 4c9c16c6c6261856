"""The Protocols in assistant/ports.py against the classes that stand behind them.

The CLI's wrappers no longer forward unknown attributes, so a method the turn loop
starts calling must exist on every implementation: this fails when a protocol gains
a member (or renames a parameter) that one of them lacks.  mypy checks the types;
this checks the names, at test time, without a type checker.
"""

from __future__ import annotations

import inspect

import pytest

from assistant.cli.common import BackgroundTranscriber, CommandStore
from assistant.ports import QuestionSource, RecordingWriter, SessionStore, Transcriber, TranscriptStream
from assistant.questions import QuestionBank
from assistant.store import Store
from assistant.streaming import StreamingTranscript
from assistant.transcribe import WhisperTranscriber
from assistant.wav import AudioWriter

IMPLEMENTATIONS = [
    (Transcriber, WhisperTranscriber),
    (Transcriber, BackgroundTranscriber),
    (TranscriptStream, StreamingTranscript),
    (SessionStore, Store),
    (SessionStore, CommandStore),
    (RecordingWriter, AudioWriter),
    (QuestionSource, QuestionBank),
]


def members(protocol: type) -> dict[str, object]:
    return {name: value for name, value in vars(protocol).items() if not name.startswith("_")}


@pytest.mark.parametrize(("protocol", "cls"), IMPLEMENTATIONS, ids=lambda x: x.__name__)
def test_every_member_the_turn_loop_calls_exists_with_its_parameters(protocol: type, cls: type) -> None:
    assert members(protocol), protocol
    for name, declared in members(protocol).items():
        if isinstance(declared, property):
            # a property, or an attribute __init__ sets (every name it assigns is in its code's names)
            assert isinstance(getattr(cls, name, None), property) or name in cls.__init__.__code__.co_names, (
                f"{cls.__name__} has no attribute {name}, which {protocol.__name__} promises"
            )
            continue
        assert hasattr(cls, name), f"{cls.__name__} has no {name}, which {protocol.__name__} promises"
        actual = getattr(cls, name)
        wanted = [p for p in inspect.signature(declared).parameters if p != "self"]
        have = inspect.signature(actual).parameters
        assert all(p in have for p in wanted), f"{cls.__name__}.{name}{inspect.signature(actual)} lacks one of {wanted}"
