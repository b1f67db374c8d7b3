"""Models of the verification app, one module per slice."""

from verification.models.centres import *  # noqa: F403
from verification.models.commissions import *  # noqa: F403
from verification.models.conformity import *  # noqa: F403
from verification.models.evaluation import *  # noqa: F403
from verification.models.requests import *  # noqa: F403
from verification.models.rounds import *  # noqa: F403
