"""Models of the talent centre."""

from talent.models.training import (  # noqa: F401
    Certificate,
    Course,
    Enrolment,
    Feedback,
    TrainingSession,
)
