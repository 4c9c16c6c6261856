#!/usr/bin/env python3
"""Time ``rubric.evaluate`` (and ``feedback.compose``) over the devset.

docs/ARCHITECTURE.md target: the rubric takes <= 20 ms per answer.  Each answer is evaluated
many times; we report mean and p95 per answer, plus the slowest answer, and the
one-off cost of loading the data file (cached afterwards).

    .venv/bin/python bench/bench_rubric.py [--repeat 50]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import rubric  # noqa: E402
from assistant.feedback import compose  # noqa: E402

TARGET_MS = 20.0


def _devset():
    spec = importlib.util.spec_from_file_location("rubric_report", ROOT / "scripts" / "rubric_report.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["rubric_report"] = module
    spec.loader.exec_module(module)
    return module.load_devset()


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100.0 * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=50, help="evaluations per answer (default 50)")
    args = p.parse_args(argv)

    rubric.load_rules.cache_clear()
    t0 = time.perf_counter()
    rubric.load_rules()
    load_ms = (time.perf_counter() - t0) * 1000

    items = _devset()
    for item in items:  # warm-up: first-call costs are not per-answer costs
        rubric.evaluate(item.transcript, item.question)

    evaluate_ms: list[float] = []
    compose_ms: list[float] = []
    per_item: dict[str, float] = {}
    for item in items:
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            ev = rubric.evaluate(item.transcript, item.question)
            mid = time.perf_counter()
            compose(ev, item.question, item.question.lp)
            end = time.perf_counter()
            times.append((mid - t) * 1000)
            compose_ms.append((end - mid) * 1000)
        evaluate_ms.extend(times)
        per_item[item.id] = statistics.mean(times)

    words = [item.transcript.word_count for item in items]
    slowest = max(per_item, key=per_item.get)
    mean, p95 = statistics.mean(evaluate_ms), percentile(evaluate_ms, 95)
    print(f"answers: {len(items)} ({min(words)}-{max(words)} words, mean {statistics.mean(words):.0f}); {args.repeat} runs each")
    print(f"data file load (once per process): {load_ms:.1f} ms")
    print(f"evaluate: mean {mean:.2f} ms  p95 {p95:.2f} ms  max {max(evaluate_ms):.2f} ms per answer")
    print(f"compose:  mean {statistics.mean(compose_ms):.3f} ms  p95 {percentile(compose_ms, 95):.3f} ms")
    print(f"slowest answer: {slowest} ({per_item[slowest]:.2f} ms mean)")
    verdict = "OK" if p95 <= TARGET_MS else "OVER"
    print(f"target <= {TARGET_MS:.0f} ms per answer: {verdict}")
    return 0 if p95 <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
