"""REST API of validity checks, watch lists and notifications (/api/v1/checks/)."""
