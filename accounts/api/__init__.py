"""REST API pieces of the accounts app."""
