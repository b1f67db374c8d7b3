"""Web views of the accounts app, one module per page group."""
