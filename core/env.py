"""Typed parsers for STDBASE_* environment variables.

Every setting the deployment can change is read here, with a safe default for the
embedded (single machine, SQLite) mode and a loud failure for a malformed value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

PREFIX = "STDBASE_"


class ConfigError(RuntimeError):
    """A STDBASE_* variable is missing or malformed."""


def _raw(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    value = (environ if environ is not None else os.environ).get(PREFIX + name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def get_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    """Return the variable as a string, or the default."""
    value = _raw(name)
    if value is None:
        if required:
            raise ConfigError(f"{PREFIX}{name} must be set")
        return default
    return value


def get_bool(name: str, default: bool = False) -> bool:
    """Parse 1/0, true/false, yes/no, on/off."""
    value = _raw(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{PREFIX}{name}={value!r} is not a boolean (use true or false)")


def get_int(name: str, default: int, *, minimum: int | None = None) -> int:
    """Parse an integer, optionally bounded below."""
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError as exc:
        raise ConfigError(f"{PREFIX}{name}={value!r} is not an integer") from exc
    if minimum is not None and number < minimum:
        raise ConfigError(f"{PREFIX}{name} must be at least {minimum}")
    return number


def get_list(name: str, default: list[str] | None = None) -> list[str]:
    """Parse a comma-separated list, dropping empty items."""
    value = _raw(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def get_secret(name: str, default_file) -> str:
    """A secret from STDBASE_<NAME>, else the file STDBASE_<NAME>_FILE names, else
    `default_file` (created once with a random value, mode 600). Never from the database."""
    import secrets
    from pathlib import Path

    value = _raw(name)
    if value is not None:
        return value
    named = _raw(f"{name}_FILE")
    path = Path(named) if named else Path(default_file)
    if named and not path.is_file():
        raise ConfigError(f"{PREFIX}{name}_FILE={named!r} is not a readable file")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    secret = path.read_text().strip()
    if len(secret) < 32:
        raise ConfigError(f"the secret in {path} must be at least 32 characters")
    return secret
