"""What the candidate reads on screen."""

from __future__ import annotations

import sys


class Console:
    """What the candidate reads on screen; everything spoken is printed too."""

    def __init__(self, out=None, err=None) -> None:
        self._out = out or sys.stdout
        self._err = err or sys.stderr

    def coach(self, text: str) -> None:
        print(f"Coach: {text}", file=self._out, flush=True)

    def info(self, text: str) -> None:
        print(text, file=self._out, flush=True)

    def warn(self, text: str) -> None:
        print(f"lp-coach: {text}", file=self._err, flush=True)
