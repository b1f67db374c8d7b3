"""Run a function in a short-lived child process with a memory limit and a time limit.

Untrusted documents are parsed here, so that a file that makes a parser balloon or spin
costs a child process that is then gone, never the memory or the time of the web or task
worker that asked. Children are forked from a forkserver (no copy of the caller's heap)
that has imported the function's module once, so starting one takes milliseconds.
Pure Python, no Django.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
from collections.abc import Callable
from typing import Any

_PAGE = os.sysconf("SC_PAGE_SIZE")
_contexts: dict[tuple[str, ...], multiprocessing.context.BaseContext] = {}


class SandboxError(Exception):
    """The child ran out of its memory or its time, or died; ``reason`` says which."""

    def __init__(self, reason: str, limit: float) -> None:
        super().__init__(f"{reason} (limit {limit})")
        self.reason = reason  # "memory", "timeout" or "crashed"
        self.limit = limit

    def __reduce__(self):
        return (type(self), (self.reason, self.limit))


def _context(preload: tuple[str, ...]) -> multiprocessing.context.BaseContext:
    # The forkserver imports the modules once when it starts (at the first call).
    context = _contexts.get(preload)
    if context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(preload))
        _contexts[preload] = context
    return context


def _virtual_size() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * _PAGE


def _child(connection, memory_bytes: int, function: Callable, args: tuple) -> None:
    # The limit is on top of what the freshly forked interpreter already maps.
    limit = _virtual_size() + memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # The child has no log configuration of its own; what matters is the outcome it returns.
    logging.disable(logging.CRITICAL)
    try:
        outcome = ("ok", function(*args))
    except MemoryError:
        outcome = ("memory", None)
    except Exception as exc:  # handed back to the caller as it was raised
        outcome = ("raised", exc)
    try:
        connection.send(outcome)
    except MemoryError:
        connection.send(("memory", None))
    finally:
        connection.close()


def run_limited(
    function: Callable,
    *args: Any,
    memory_bytes: int,
    seconds: float,
    preload: tuple[str, ...] = (),
) -> Any:
    """Call ``function(*args)`` in a child process and return its result.

    Raises what the function raised, or SandboxError when the child needed more than
    ``memory_bytes`` of address space, took longer than ``seconds`` or died. Arguments,
    result and exceptions must be picklable, and the function importable by module name;
    ``preload`` names modules (heavy parsers) the forkserver imports once for every child.
    """
    context = _context((function.__module__, *preload))
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(sender, memory_bytes, function, args), daemon=False
    )
    process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise SandboxError("timeout", seconds)
        status, value = receiver.recv()
    except EOFError:
        raise SandboxError("crashed", memory_bytes) from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if status == "memory":
        raise SandboxError("memory", memory_bytes)
    if status == "raised":
        raise value
    return value
