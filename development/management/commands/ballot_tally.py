"""`stdbase ballot-tally PATH|- --format json`: count a ballot under its rule and explain it."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

from core.commands import JsonCommand
from development.services.ballots import BallotError, parse_members, parse_votes, tally


class Command(JsonCommand):
    help = "Tally a ballot given as JSON {rule, members, votes} and explain the result."

    def add_arguments(self, parser):
        parser.add_argument("path", help="JSON file of the ballot, or - for standard input")
        super().add_arguments(parser)

    def compute(self, *, path: str, **options) -> dict:
        ballot = self.read_json(path)
        if not isinstance(ballot, Mapping):
            raise BallotError(_("The ballot must be one JSON object {rule, members, votes}."))
        missing = [key for key in ("rule", "members", "votes") if key not in ballot]
        if missing:
            raise BallotError(_("The ballot lacks %(keys)s.") % {"keys": ", ".join(missing)})
        members = parse_members(ballot["members"])
        votes = parse_votes(ballot["votes"])
        return tally(ballot["rule"], members, votes).as_dict()
