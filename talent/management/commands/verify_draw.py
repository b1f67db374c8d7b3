"""`stdbase verify-draw PATH --format json`: recompute a draw record and say whether it holds."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

from core.commands import JsonCommand
from talent.services.draws import DrawError, verify_draw


class Command(JsonCommand):
    help = "Check a draw record: seed against commitment, pool hash, panel recomputed."

    def add_arguments(self, parser):
        parser.add_argument("path", help="JSON draw record, or - for standard input")
        super().add_arguments(parser)

    def compute(self, *, path: str, **options) -> dict:
        record = self.read_json(path)
        if not isinstance(record, Mapping):
            raise DrawError(_("A draw record is one JSON object."))
        return verify_draw(record).as_dict()
