"""Business rules of accounts, organisations and roles (one module per subdomain)."""
