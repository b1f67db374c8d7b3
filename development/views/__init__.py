"""Pages of standards development."""
