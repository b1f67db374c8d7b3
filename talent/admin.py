"""Admin views of the talent centre."""

import talent.admin_training  # noqa: F401
