"""Edition resolution: which edition a reference means, today or on a date."""
