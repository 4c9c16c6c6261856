"""numpy's BLAS on one thread, for the whole process, set once and never changed.

Two things in lp-coach multiply matrices through numpy: the speech model's
front end (faster-whisper's log-mel spectrogram, a matrix product) and the
language parser (``language.clauses`` routes spaCy's products through numpy).
OpenBLAS's results depend on its thread count in the last bit, and changing the
count while another thread is inside a product is a race.  The parser used to
set one thread around each parse and put two back after; a parse on one thread
(the rubric warming up while the candidate answers) then changed the spectrogram
of a chunk being decoded on another: 139 of 300 spectrograms of one chunk
differed by one ulp with the count toggled beside them, and tiny.en heard "I
owned the billing service" as "Our own fulfilling service" in one decode in
about two test runs (the same audio gave two transcripts).  One thread for good
costs nothing measurable: the spectrogram of 16 s of audio took 12.5 ms on one
thread and 14.2 ms on two (medians of 30), and the parser was already on one.

Where numpy's BLAS is not an OpenBLAS we can reach (Apple's Accelerate, MKL
builds), nothing is pinned and ``pin_numpy_blas`` says so by returning False.
"""

from __future__ import annotations

import threading
from typing import Any

_lock = threading.Lock()
_pinned: bool | None = None  # None: not tried yet


def _openblas_setter() -> Any:
    """``openblas_set_num_threads`` of the OpenBLAS numpy loaded, or None."""
    import ctypes
    import glob
    import os

    import numpy

    here = os.path.dirname(numpy.__file__)
    for folder in (os.path.join(here, os.pardir, "numpy.libs"), os.path.join(here, ".dylibs")):
        for path in sorted(glob.glob(os.path.join(folder, "*openblas*"))):
            try:
                lib = ctypes.CDLL(path)  # already loaded by numpy: the same library, not a second copy
            except OSError:
                continue
            for name in ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads", "openblas_set_num_threads64_", "openblas_set_num_threads"):
                setter = getattr(lib, name, None)
                if setter is not None:
                    return setter
    return None


def pin_numpy_blas() -> bool:
    """Put numpy's OpenBLAS on one thread for the rest of the process (idempotent).
    True if it is on one thread now."""
    global _pinned
    with _lock:
        if _pinned is None:
            try:
                setter = _openblas_setter()
            except Exception:  # noqa: BLE001 - any failure leaves numpy as it was: correct, as before
                setter = None
            if setter is not None:
                setter(1)
            _pinned = setter is not None
        return _pinned
