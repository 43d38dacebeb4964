"""Run the pipeline as the batch job it is: the cyclic garbage collector paused meanwhile.

The stages build millions of small objects (YAML nodes, claims, page fragments) and keep
most of them until the end; none form reference cycles. Python's collector would still walk
every live object again and again as they pile up: at 10,000 documents that tripled the
time to load them. Paused, it costs nothing; reference counting still frees what is dropped.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

# The exit code of a stage that was interrupted (128 + SIGINT, as shells report it).
INTERRUPTED = 130


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block; collect once when it ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def in_own_process(run: Callable[[], int]) -> int:
    """Run a stage in a forked process and return its exit code.

    Whatever the stage held (the corpus, the pages it made) goes back to the system when it
    ends, so the site engine that runs next does not start on top of it. An interrupt
    (Ctrl-C reaches both processes; SIGTERM reaches this one and is passed on) lets the
    stage clean up, then is raised here. Where there is no fork, or this process writes its
    output to objects rather than files (a caller capturing it), the stage runs in place:
    a forked process's writes to those would never come back.
    """
    if not hasattr(os, "fork") or not _streams_are_files():
        return run()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the stage's process: never returns
        code = 1
        try:
            code = run()
        except KeyboardInterrupt:
            code = INTERRUPTED
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    interrupted = False
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except KeyboardInterrupt:
            interrupted = True
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
    code = os.waitstatus_to_exitcode(status)
    if interrupted or code in (INTERRUPTED, -signal.SIGINT, -signal.SIGTERM):
        raise KeyboardInterrupt
    return code


def _streams_are_files() -> bool:
    """Say whether standard output and error are files a forked process writes to as well."""
    try:
        sys.stdout.fileno()
        sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both
        return False
    return True
