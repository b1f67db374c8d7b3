"""Services of base governance."""
