#!/usr/bin/env bash
# The wheel job: lp-coach as a new user gets it.  Builds the wheel, installs it
# into a fresh virtual environment outside the checkout, and runs the commands a
# user starts with from an empty folder with HOME pointed at an empty folder.
# Then checks the session landed in the platform's user data folder, privately,
# and that nothing was written into the virtual environment.
#
# Usage: bash scripts/check_wheel.sh [PYTHON]   (default: python3; 3.11 or newer)
# pip's download cache is reused, so a second run installs without downloading.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
python="${1:-python3}"

work="$(mktemp -d "${TMPDIR:-/tmp}/lp-coach-wheel.XXXXXX")"
trap 'rm -rf "$work"' EXIT
fail() { echo "wheel: FAIL: $*" >&2; exit 1; }
step() { echo "wheel: $*"; }

step "building the wheel"
# Built from a copy without the checkout's build/ and *.egg-info, so stale
# files from an editable install cannot leak into it.
mkdir "$work/src"
tar -C "$repo" --exclude=./.git --exclude=./.venv --exclude=./build --exclude='*.egg-info' \
  --exclude=./recordings --exclude=./models --exclude=__pycache__ -cf - . | tar -C "$work/src" -xf -
"$python" -m pip wheel -q --disable-pip-version-check --no-deps -w "$work/dist" "$work/src" \
  2>&1 | grep -v "^WARNING: Location" || true
wheel="$(ls "$work"/dist/lp_coach-*.whl 2>/dev/null | head -1)"
[ -n "$wheel" ] || fail "no wheel was built"

step "checking what the wheel holds"
"$python" - "$wheel" <<'EOF'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
must = ["assistant/__init__.py", "assistant/__main__.py", "assistant/cli/__init__.py",
        "assistant/resources.py", "assistant/prompts/__init__.py",
        "assistant/prompts/customer-obsession.toml", "assistant/data/rubric.toml",
        "assistant/data/commands.toml", "assistant/data/story_words.toml"]
missing = [n for n in must if n not in names]
prompts = [n for n in names if n.startswith("assistant/prompts/") and n.endswith(".toml")]
# Nothing of the checkout that is not the package: tests, recordings, models.
stray = [n for n in names if not n.startswith(("assistant/", "lp_coach-"))]
if missing or len(prompts) != 16 or stray:
    sys.exit(f"wheel: FAIL: missing {missing}, {len(prompts)} prompt files (want 16), stray {stray[:5]}")
EOF

venv="$work/venv"
step "installing it into a fresh virtual environment"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check "$wheel" 2>&1 | grep -v "^WARNING: Location" || true
"$venv/bin/python" -c 'import assistant' || fail "the wheel did not install"
marker="$work/installed.marker"
touch "$marker"
sleep 1  # file times have one-second resolution on some filesystems

home="$work/home"
here="$work/somewhere-else"
mkdir -p "$home" "$here"
cp "$repo/tests/fixtures/owned_service.txt" "$repo/tests/fixtures/owned_service.wav" "$here/"
# Only what a new user's shell would have: no LP_COACH_HOME, no XDG overrides, no
# PYTHONPATH into the checkout.
run() {
  (cd "$here" && env -i PATH="$venv/bin:/usr/bin:/bin" HOME="$home" LANG=C.UTF-8 TMPDIR="${TMPDIR:-/tmp}" "$@")
}
expected_version="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$repo/assistant/__init__.py")"

step "lp-coach --version"
out="$(run lp-coach --version)"
[ "$out" = "lp-coach $expected_version" ] || fail "--version printed '$out', expected 'lp-coach $expected_version'"
[ "$(run python -m assistant --version)" = "lp-coach $expected_version" ] || fail "python -m assistant --version"

step "lp-coach questions"
run lp-coach questions > "$work/questions.out" || fail "questions failed"
grep -q "Customer Obsession" "$work/questions.out" || fail "questions does not list the bank"

step "lp-coach score FILE --json"
run lp-coach score owned_service.txt --lp ownership --json > "$work/score.json"
"$python" - "$work/score.json" <<'EOF' || fail "score --json is not the documented object"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["lp"] == "ownership" and d["checks"]["length"]["status"] in ("pass", "warn", "fail", "n/a"), d
EOF

step "lp-coach practice --input FILE --no-speak"
run lp-coach practice --lp ownership --input owned_service.wav --no-speak > "$work/practice.out" \
  || { cat "$work/practice.out"; fail "practice failed"; }

case "$(uname -s)" in
  Darwin) data="$home/Library/Application Support/lp-coach" ;;
  *) data="$home/.local/share/lp-coach" ;;
esac
[ -f "$data/lp-coach.db" ] || fail "no database in the platform data folder $data"
ls "$data"/*/turn-1.wav >/dev/null 2>&1 || fail "no recording in $data"
perm() { stat -c %a "$1" 2>/dev/null || stat -f %Lp "$1"; }
[ "$(perm "$data")" = 700 ] || fail "data folder mode is $(perm "$data"), not 700"
[ "$(perm "$data/lp-coach.db")" = 600 ] || fail "database mode is $(perm "$data/lp-coach.db"), not 600"

step "lp-coach report"
id="$(run lp-coach sessions --json | "$python" -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')"
run lp-coach report "$id" --out report.html >/dev/null
grep -q "<audio" "$here/report.html" || fail "the report embeds no recording"

step "nothing written into the virtual environment"
written="$(find "$venv" -newer "$marker" \( -type f -o -type l \) -print | head -20)"
[ -z "$written" ] || fail "files written into the venv after install: $written"

echo "wheel: OK ($(basename "$wheel"); data in the platform folder; venv untouched)"
