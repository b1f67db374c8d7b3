"""REST API of the verification app."""
