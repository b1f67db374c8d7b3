"""Built-in KPI data sources."""


def register() -> None:
    """Declare the built-in data sources."""
