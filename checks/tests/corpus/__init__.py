"""The labelled corpus and its precision/recall evaluation (used by tests and bench)."""
