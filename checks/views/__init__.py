"""Web views of the checks app."""
