"""`stdbase draw --pool PATH --need N ... --format json`: a verifiable draw from a pool file."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from core.commands import JsonCommand
from talent.services.draws import DrawError, DrawRequest, draw_panel, parse_pool, parse_seed


class Command(JsonCommand):
    help = "Draw a panel and alternates from a JSON pool of experts; prints the draw record."

    def add_arguments(self, parser):
        parser.add_argument("--pool", required=True, help="JSON file of experts, or -")
        parser.add_argument("--need", type=int, required=True, help="panel size")
        parser.add_argument("--alternates", type=int, default=0)
        parser.add_argument(
            "--exclude-org", action="append", default=[], help="organisation of a party"
        )
        parser.add_argument("--object", default="", help="id of the object under review")
        parser.add_argument(
            "--field", action="append", default=[], help="FIELD=COUNT: experts required per field"
        )
        parser.add_argument(
            "--served-within", type=int, help="exclude experts who served in N days"
        )
        parser.add_argument(
            "--max-panels", type=int, help="exclude experts with K panels this year"
        )
        parser.add_argument("--as-of", help="date of the draw (YYYY-MM-DD), default today")
        parser.add_argument("--seed", help="64 hex digits; default a fresh secret seed")
        parser.add_argument("--public-value", default="", help="public value mixed into the seed")
        super().add_arguments(parser)

    def compute(self, **options) -> dict:
        experts = parse_pool(self.read_json(options["pool"]))
        seed = parse_seed(options["seed"]) if options["seed"] else None
        request = DrawRequest(
            need=options["need"],
            alternates=options["alternates"],
            exclude_orgs=frozenset(options["exclude_org"]),
            object_id=options["object"],
            served_within_days=options["served_within"],
            max_panels_per_year=options["max_panels"],
            quotas=self._quotas(options["field"]),
            public_value=options["public_value"],
            as_of=self._date(options["as_of"]),
        )
        return draw_panel(experts, request, seed).as_dict()

    def _quotas(self, items: list[str]) -> dict[str, int]:
        quotas = {}
        for item in items:
            name, _sep, count = item.rpartition("=")
            if not name or not count.isdigit():
                raise DrawError(_("--field takes FIELD=COUNT, not %(value)s.") % {"value": item})
            quotas[name] = int(count)
        return quotas

    def _date(self, text: str | None) -> datetime.date:
        if not text:
            return datetime.date.today()
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise DrawError(_("--as-of takes a date YYYY-MM-DD.")) from None
