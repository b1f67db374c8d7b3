"""Services of the checks app: checking, resolution, reports' data, watch lists, alerts."""
