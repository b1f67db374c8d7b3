"""Benchmarks: `python -m bench.search` (search latency, index build, size, memory)."""
