#!/usr/bin/env bash
# Sets up everything the tests need (see setup.sh --test) and runs the suite.
# The end-to-end tests start their own user-space PulseAudio server with a
# virtual microphone and speaker; nothing needs to be running beforehand.
# Arguments go to pytest; the fast path (no audio rig, no model, about a
# minute) is:  bash scripts/test.sh -m "not e2e and not model"
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
exec .venv/bin/python -m pytest "$@"
