"""Services of the service desk: requests, thread, SLA warnings, FAQ and monthly statistics."""
