"""What an installed lp-coach needs beyond a checkout: every package listed for the
wheel, packaged data read through importlib.resources (so it works even from a zip),
and one version everywhere.  The full wheel round trip (build, install into a fresh
venv, run from another folder) is scripts/check_wheel.sh, run by .ci/run."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import assistant
from assistant.config import PROJECT_ROOT

PYPROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_on_disk_is_listed_for_the_wheel() -> None:
    # The bug this guards: `packages = ["assistant"]` shipped no assistant.cli.
    on_disk = {
        ".".join(p.parent.relative_to(PROJECT_ROOT).parts)
        for p in (PROJECT_ROOT / "assistant").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    assert on_disk <= listed, f"not in the wheel: {sorted(on_disk - listed)}"
    assert PYPROJECT["tool"]["setuptools"]["package-dir"]["assistant.prompts"] == "prompts"


def test_every_data_file_is_listed_for_the_wheel() -> None:
    # The report's page, CSS and script live in assistant/data/report/: a package-data
    # glob that misses a file ships a wheel whose `lp-coach report` cannot start.
    root = PROJECT_ROOT / "assistant"
    listed = {f for g in PYPROJECT["tool"]["setuptools"]["package-data"]["assistant"] for f in root.glob(g)}
    on_disk = {f for f in (root / "data").rglob("*") if f.is_file() and "__pycache__" not in f.parts}
    assert on_disk and on_disk <= listed, f"not in the wheel: {sorted(str(f.relative_to(root)) for f in on_disk - listed)}"


def test_the_bank_loads_from_a_zipped_install(tmp_path: Path) -> None:
    """Laid out as the wheel lays it out, inside a zip: no file has a real path, so
    only importlib.resources can read the bank."""
    archive = tmp_path / "lp_coach.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in (PROJECT_ROOT / "assistant").rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, path.relative_to(PROJECT_ROOT).as_posix())
        for path in (PROJECT_ROOT / "prompts").iterdir():
            if path.suffix in (".toml", ".py"):
                zf.write(path, f"assistant/prompts/{path.name}")
    code = (
        "import assistant.questions as q; b = q.load_bank(); "
        "print(len(b.principles), len(b.questions()), type(q.default_folder()).__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-S", "-c", f"import sys; sys.path.insert(0, {str(archive)!r}); {code}"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    principles, questions, kind = result.stdout.split()
    assert principles == "16" and int(questions) >= 44 and kind != "PosixPath"


def test_one_version_everywhere() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"lp-coach {assistant.__version__}"
    # pyproject.toml reads the version from the package; the installed metadata agrees.
    assert "version" in PYPROJECT["project"]["dynamic"]
    assert metadata.version("lp-coach") == assistant.__version__
