"""Services of the checks app: checking, reports' data, watch lists, alerts (editions: catalog)."""
