"""Shared fixtures: a private data folder per test, and the real audio rig."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # so tests can `import rig`


@pytest.fixture(autouse=True)
def lp_coach_home(tmp_path, monkeypatch) -> Path:
    """Tests never touch the real recordings/ folder."""
    home = tmp_path / "lp-coach-home"
    monkeypatch.setenv("LP_COACH_HOME", str(home))
    return home


@pytest.fixture(scope="session", autouse=True)
def lp_coach_cache(tmp_path_factory) -> Path:
    """Nor the user's cache folder: one private cache for the whole run (programs the
    tests start inherit it through the environment)."""
    folder = tmp_path_factory.mktemp("lp-coach-cache")
    os.environ["LP_COACH_CACHE"] = str(folder)
    return folder


@pytest.fixture(autouse=True)
def no_leftover_programs():
    """Kill any lp-coach a test started and left running (e.g. it failed mid-way)."""
    yield
    from driver import kill_leftovers

    kill_leftovers()


@pytest.fixture(scope="session")
def audio_rig():
    from rig import AudioRig

    rig = AudioRig()
    try:
        yield rig
    finally:
        rig.close()


@pytest.fixture(scope="session")
def speech_dir(tmp_path_factory) -> Path:
    """Synthesized speech, made once per test run."""
    return tmp_path_factory.mktemp("speech")


def lp_coach_cmd() -> list[str]:
    return [sys.executable, "-m", "assistant"]


@pytest.fixture
def run_env(lp_coach_home) -> dict[str, str]:
    env = dict(os.environ)
    env["LP_COACH_HOME"] = str(lp_coach_home)
    return env
