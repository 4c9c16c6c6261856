"""The small error hierarchy.  Raised anywhere, caught only in the CLI.

Every message is one sentence a candidate can act on: what is wrong and how to
fix it.  The CLI prints it and exits with the class's ``exit_code``.
"""

from __future__ import annotations


class CoachError(Exception):
    """Base: a problem the user can fix.  ``str(err)`` is the sentence shown."""

    exit_code = 1


class UsageError(CoachError):
    """Bad command-line input: unknown principle, unreadable file, bad option value."""

    exit_code = 2


class DeviceError(CoachError):
    """No microphone / speaker, or PortAudio is missing."""

    exit_code = 3


class SpeechError(CoachError):
    """No speech engine (espeak-ng / pyttsx3) — the CLI falls back to printing."""

    exit_code = 3


class ModelError(CoachError):
    """The transcription model is missing, corrupt or cannot be loaded."""

    exit_code = 4


class BankError(CoachError):
    """A question-bank or rubric data file is malformed (names the file and the problem)."""

    exit_code = 5


class StoreError(CoachError):
    """The data folder or database cannot be used (corrupt, unwritable, disk full, unknown id)."""

    exit_code = 6


class ConfigError(CoachError):
    """The settings file is malformed."""

    exit_code = 2


class Interrupted(CoachError):
    """Ctrl-C during a session: what was recorded is kept, the turn marked incomplete."""

    exit_code = 130
