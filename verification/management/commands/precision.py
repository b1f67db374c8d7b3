"""`stdbase precision PATH --format json`: ISO 5725-2 precision of an inter-laboratory round."""

from __future__ import annotations

from core.commands import JsonCommand
from verification.services.precision import analyse


class Command(JsonCommand):
    help = "Repeatability and reproducibility (ISO 5725-2) of a CSV level,lab,value."

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV file with columns level,lab,value, or -")
        super().add_arguments(parser)

    def compute(self, *, path: str, **options) -> dict:
        return {"levels": [level.as_dict() for level in analyse(self.read_text(path))]}
