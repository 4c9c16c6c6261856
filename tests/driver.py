"""Drives the lp-coach command as a user would: a subprocess whose printed lines
are collected with their arrival times, so a test can wait for "(listening"
before speaking into the virtual microphone."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

# Every program started, so a failed test cannot leave one running (listening to
# the microphone and competing for the CPU with the tests that follow).
STARTED: list["Program"] = []


def kill_leftovers() -> None:
    while STARTED:
        STARTED.pop().kill()


class Program:
    """The lp-coach process, with its stdout collected line by line."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.lines: list[tuple[float, str]] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        STARTED.append(self)
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append((time.monotonic(), line.rstrip("\n")))

    def wait_for(self, text: str, count: int = 1, timeout_s: float = 120) -> float:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            hits = [t for t, line in self.lines if text in line]
            if len(hits) >= count:
                return hits[count - 1]
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"never saw {text!r}; output so far:\n" + self.output() + self.stderr())

    def output(self) -> str:
        return "\n".join(line for _, line in self.lines)

    def stderr(self) -> str:
        if self.proc.poll() is None:
            return ""
        return self.proc.stderr.read() if self.proc.stderr else ""

    def finish(self, timeout_s: float = 180) -> int:
        try:
            code = self.proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"lp-coach did not exit within {timeout_s} s (a hang); stdout:\n{self.output()}") from None
        self._thread.join(timeout=5)
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def next_prompt(self, after: int, timeout_s: float = 150) -> tuple[int, str]:
        """Wait for the next "(listening" line past line ``after``; return its
        index and what it listens for: "question", "follow_up" or "command"."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for i in range(after + 1, len(self.lines)):
                line = self.lines[i][1]
                if line.startswith("(listening for a command"):
                    return i, "command"
                if line.startswith("(listening"):
                    header = next(
                        (h for _, h in reversed(self.lines[:i]) if h.startswith(("Question (", "Follow-up"))), ""
                    )
                    return i, "follow_up" if header.startswith("Follow-up") else "question"
            if self.proc.poll() is not None:
                return -1, "exited"
            time.sleep(0.05)
        raise AssertionError("no prompt came; output so far:\n" + self.output())


def saved_sessions(env: dict[str, str]) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "assistant", "sessions", "--json"], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)
