"""`stdbase judge "REQUIREMENT" VALUE [--unit U] --format json`: judge a value against a limit."""

from __future__ import annotations

from core.commands import JsonCommand
from verification.services.limits import FULL, ROUNDED, judge


class Command(JsonCommand):
    help = "Judge a measured value against a requirement as written (GB/T 8170)."

    def add_arguments(self, parser):
        parser.add_argument("requirement", help="the requirement, e.g. '≤ 0.5 mg/kg'")
        parser.add_argument("value", help="the measured value, e.g. 0.48 or '0.48 mg/kg'")
        parser.add_argument("--unit", default="", help="unit of the value if it has none")
        parser.add_argument(
            "--method",
            choices=[FULL, ROUNDED],
            help="comparison method; default: rounded if the requirement says so, else full",
        )
        super().add_arguments(parser)

    def compute(self, *, requirement: str, value: str, unit: str, method: str | None, **options):
        return judge(requirement, value, unit, method).as_dict()
