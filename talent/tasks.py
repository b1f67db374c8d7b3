"""Background tasks of the talent centre."""

from talent.tasks_training import remind_training_sessions  # noqa: F401
