"""Freed buffers of the speech model given back, not kept in caches (the 600 MB cap).

CTranslate2's x86 wheels allocate through Intel MKL's ``mkl_malloc``, whose "fast
memory management" keeps every freed buffer in per-thread pools for reuse; glibc
then gives each thread that allocates at once (the two transcriber lanes, their
OpenMP workers, the parser) its own arena, each holding on to what it freed.  The
buffers change size with every chunk, probe and preview, so both caches only grow:
the live stream alone went from 165 MB loaded to 433-445 MB over two 153 s answers
(fed through ``transcriber.stream`` as a microphone would, probes and previews
included); 423 MB with two arenas, 364 MB with two arenas and MKL's pools off, at
the same decoding speed (see the README).  ``malloc_trim`` after every 5 s of audio
on top gave back only 5 MB more, so it is not done.  (Two arenas alone, in
``practice`` with the natural voice: 30 s answers peaked at 632-668 MB over three
runs against 690-735 MB over five without.)

Both settings must be in place before the first buffer is allocated: the MKL one
before ctranslate2 is imported, the arena limit before the threads start.  They are
process-wide and cost nothing where they do not apply (no MKL, not glibc).
"""

from __future__ import annotations

import ctypes
import os
import sys

_M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)
ARENAS = 2
_done = False


def limit_allocator_caches() -> None:
    """Turn MKL's buffer pools off and cap glibc's arenas; once per process, idempotent.

    A user's own MKL_DISABLE_FAST_MM or MALLOC_ARENA_MAX wins (setdefault; glibc reads
    MALLOC_ARENA_MAX itself, and a later mallopt would override it, so it is left alone).
    """
    global _done
    if _done:
        return
    _done = True
    os.environ.setdefault("MKL_DISABLE_FAST_MM", "1")
    if not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_ARENA_MAX, ARENAS)
    except (OSError, AttributeError):
        pass  # not glibc (musl, a static build): nothing to cap
