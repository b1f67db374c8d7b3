"""Units of measured values and their exact conversion (decimal factors, °C ↔ K offset)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Unit:
    """A unit as a dimension, a factor and an offset to the dimension's base unit."""

    symbol: str
    dimension: str
    factor: Decimal
    offset: Decimal = Decimal(0)


def _units() -> dict[str, Unit]:
    table: dict[str, Unit] = {}

    def add(dimension: str, *entries: tuple[str, str]) -> None:
        for symbol, factor in entries:
            table[symbol] = Unit(symbol, dimension, Decimal(factor))

    # Mass (and volume) fractions: % and mg/kg are the same dimension (1 % = 10 000 mg/kg).
    add(
        "fraction",
        ("%", "1E-2"), ("‰", "1E-3"), ("ppm", "1E-6"), ("ppb", "1E-9"),
        ("g/kg", "1E-3"), ("mg/g", "1E-3"), ("mg/kg", "1E-6"), ("μg/g", "1E-6"),
        ("μg/kg", "1E-9"), ("ng/g", "1E-9"), ("g/100g", "1E-2"),
    )  # fmt: skip
    add(
        "concentration",
        ("g/L", "1"), ("mg/mL", "1"), ("mg/L", "1E-3"), ("μg/mL", "1E-3"),
        ("μg/L", "1E-6"), ("ng/mL", "1E-6"), ("ng/L", "1E-9"), ("kg/m³", "1"), ("g/m³", "1E-3"),
        ("mg/m³", "1E-6"), ("μg/m³", "1E-9"),
    )  # fmt: skip
    add("density", ("g/cm³", "1000"), ("g/mL", "1000"), ("kg/L", "1000"))
    add(
        "pressure",
        ("Pa", "1"), ("kPa", "1E3"), ("MPa", "1E6"), ("GPa", "1E9"), ("N/mm²", "1E6"),
        ("bar", "1E5"), ("mbar", "1E2"),
    )  # fmt: skip
    add(
        "length",
        ("nm", "1E-9"), ("μm", "1E-6"), ("mm", "1E-3"), ("cm", "1E-2"), ("dm", "1E-1"),
        ("m", "1"), ("km", "1E3"),
    )  # fmt: skip
    add("area", ("mm²", "1E-6"), ("cm²", "1E-4"), ("m²", "1"))
    add("volume", ("μL", "1E-9"), ("mL", "1E-6"), ("L", "1E-3"), ("cm³", "1E-6"), ("m³", "1"))
    add(
        "mass",
        ("ng", "1E-12"),
        ("μg", "1E-9"),
        ("mg", "1E-6"),
        ("g", "1E-3"),
        ("kg", "1"),
        ("t", "1E3"),
    )
    add("time", ("ms", "1E-3"), ("s", "1"), ("min", "60"), ("h", "3600"), ("d", "86400"))
    add("force", ("N", "1"), ("kN", "1E3"), ("MN", "1E6"))
    add("energy", ("J", "1"), ("kJ", "1E3"), ("MJ", "1E6"), ("kW·h", "3.6E6"))
    add("power", ("mW", "1E-3"), ("W", "1"), ("kW", "1E3"), ("MW", "1E6"))
    add("voltage", ("mV", "1E-3"), ("V", "1"), ("kV", "1E3"))
    add("current", ("μA", "1E-6"), ("mA", "1E-3"), ("A", "1"))
    add("resistance", ("mΩ", "1E-3"), ("Ω", "1"), ("kΩ", "1E3"), ("MΩ", "1E6"))
    add("frequency", ("Hz", "1"), ("kHz", "1E3"), ("MHz", "1E6"), ("GHz", "1E9"))
    add("speed", ("m/s", "1"), ("km/h", "0.2777777777777777777777777778"))
    table["°C"] = Unit("°C", "temperature", Decimal(1), Decimal("273.15"))
    table["K"] = Unit("K", "temperature", Decimal(1))
    return table


UNITS = _units()

# Spellings met in Chinese documents for the symbols above.
ALIASES = {
    "℃": "°C", "oC": "°C", "° C": "°C", "Mpa": "MPa", "mpa": "MPa", "Kpa": "kPa", "kpa": "kPa",
    "KPa": "kPa", "Gpa": "GPa", "pa": "Pa", "N/mm2": "N/mm²", "mm2": "mm²", "cm2": "cm²",
    "m2": "m²", "m3": "m³", "cm3": "cm³", "kg/m3": "kg/m³", "g/m3": "g/m³", "mg/m3": "mg/m³",
    "μg/m3": "μg/m³", "g/cm3": "g/cm³", "ml": "mL", "l": "L", "mg/l": "mg/L", "g/l": "g/L",
    "μg/l": "μg/L", "mg/ml": "mg/mL", "μg/ml": "μg/mL", "ng/ml": "ng/mL", "kWh": "kW·h",
    "KN": "kN", "KV": "kV", "KW": "kW", "Kg": "kg", "KG": "kg", "ohm": "Ω", "sec": "s",
    "mg/Kg": "mg/kg", "mg/KG": "mg/kg", "ug/kg": "μg/kg", "ug/L": "μg/L", "ug/l": "μg/L",
    "ug/g": "μg/g", "ug/mL": "μg/mL", "ug": "μg", "um": "μm", "uL": "μL",
}  # fmt: skip


def normalise_unit(text: str) -> str:
    """The canonical symbol of a unit as written (µ → μ, ℃ → °C, m3 → m³ …); "" for none."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    text = text.replace("µ", "μ").replace("・", "·").replace("⋅", "·")
    text = ALIASES.get(text, text)
    if text.startswith("°") and text[1:].strip() == "C":
        return "°C"
    return text


def convert(value: Decimal, source: str, target: str) -> Decimal | None:
    """`value` in unit `source` expressed in unit `target`, exactly; None if they differ in kind.

    A power-of-ten conversion only moves the decimal point, so the value keeps the
    significant figures it was written with (0.48 % → 4.8E+3 mg/kg, not 4800.00).
    """
    source, target = normalise_unit(source), normalise_unit(target)
    if source == target:
        return value
    a, b = UNITS.get(source), UNITS.get(target)
    if a is None or b is None or a.dimension != b.dimension:
        return None
    ratio = (a.factor / b.factor).normalize()
    if not a.offset and not b.offset and ratio.as_tuple().digits == (1,):
        return value.scaleb(int(ratio.as_tuple().exponent))
    result = (value * a.factor + a.offset - b.offset) / b.factor
    return result
