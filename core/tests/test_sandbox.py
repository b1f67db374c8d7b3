"""The child process that parses untrusted files: its memory and time limits hold."""

from __future__ import annotations

import os
import time

import pytest

from core.sandbox import SandboxError, run_limited


def test_result_and_exceptions_come_back_from_the_child():
    assert run_limited(os.getpid, memory_bytes=64 << 20, seconds=30) != os.getpid()
    with pytest.raises(ValueError, match="invalid literal"):
        run_limited(int, "x", memory_bytes=64 << 20, seconds=30)


def test_memory_beyond_the_limit_fails_in_the_child():
    with pytest.raises(SandboxError) as error:
        run_limited(bytearray, 512 << 20, memory_bytes=128 << 20, seconds=30)
    assert error.value.reason == "memory"


def test_a_child_past_its_time_is_killed():
    started = time.monotonic()
    with pytest.raises(SandboxError) as error:
        run_limited(time.sleep, 30, memory_bytes=64 << 20, seconds=0.5)
    assert error.value.reason == "timeout" and time.monotonic() - started < 10
