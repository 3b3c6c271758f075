"""Debug helpers that keep frames and exception info: each one pins a whole call stack in memory."""
import inspect
import sys
import traceback


class Tracer:
    def __init__(self):
        self.calls = []
        self.frame = None

    def mark(self):
        # The caller's frame, kept: it holds every local variable of the caller.
        self.frame = inspect.currentframe().f_back
        self.calls.append(self.frame.f_code.co_name)


def run_job(job):
    info = None
    try:
        return job()
    except Exception:
        info = sys.exc_info()
    finally:
        pass
    if info is not None:
        traceback.print_exception(*info)
    return None


def safe_call(fn, *args):
    """Clean: the exception is logged inside the except block and not kept."""
    try:
        return fn(*args)
    except Exception as exc:
        print(f"{fn.__name__} failed: {exc}", file=sys.stderr)
        return None


def first_error(jobs):
    """Clean: the kept exception is cleared in finally."""
    error = None
    try:
        for job in jobs:
            try:
                job()
            except ValueError as exc:
                error = exc
                break
        return repr(error) if error else None
    finally:
        error = None


def caller_name():
    """Clean: the frame is used and dropped, never stored."""
    return sys._getframe(1).f_code.co_name
