"""Models of background jobs."""

from jobs.models.jobs import Job

__all__ = ["Job"]
