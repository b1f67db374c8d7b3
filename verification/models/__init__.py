"""Models of the verification app, one module per slice."""

from verification.models.conformity import *  # noqa: F403
from verification.models.evaluation import *  # noqa: F403
