"""Services of standards development: proposals, stages, drafts, publication, ballots."""
