"""The one direction of dependencies: core ← audit ← accounts ← bodies ← workflows ← domain apps."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Each app may import only the apps listed before it (docs/architecture.md).
LAYERS = ["core", "audit", "accounts", "bodies", "workflows"]
DOMAIN_APPS = {"catalog", "checks"}


def imported_apps(app: str) -> dict[str, set[str]]:
    """Top-level project packages each non-test module of `app` imports (lazily or not)."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / app).rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
        found[str(path.relative_to(ROOT))] = names
    return found


@pytest.mark.parametrize("app", LAYERS)
def test_building_blocks_import_only_the_layers_below(app):
    below = set(LAYERS[: LAYERS.index(app) + 1])
    forbidden = (set(LAYERS) | DOMAIN_APPS) - below
    offenders = {
        module: sorted(names & forbidden)
        for module, names in imported_apps(app).items()
        if names & forbidden
    }
    assert offenders == {}


# The centres build on the building blocks and the catalogue, never on 查新's internals.
CENTRES = ["development", "talent", "verification", "research", "consulting"]


@pytest.mark.parametrize("app", CENTRES)
def test_centres_never_import_checks(app):
    offenders = {
        module: sorted(names & {"checks"})
        for module, names in imported_apps(app).items()
        if "checks" in names
    }
    assert offenders == {}


def test_no_view_writes_audit_entries_itself():
    """Views parse, call a service and render: the audit entry is the service's job."""
    views = [
        path
        for path in ROOT.glob("*/**/*.py")
        if ".venv" not in path.parts
        and "tests" not in path.parts
        and (path.name == "views.py" or "views" in path.parent.parts[-1:])
    ]
    assert views, "no view modules found"
    offenders = [
        str(path.relative_to(ROOT)) for path in views if "log_action" in path.read_text("utf-8")
    ]
    assert offenders == []


def _project_apps() -> list[str]:
    return sorted(
        p.name for p in ROOT.iterdir() if (p / "apps.py").exists() and p.name not in {".venv"}
    )


def test_nothing_imports_governance():
    """Governance reads every app; no app reads governance."""
    offenders = {
        module: "governance"
        for app in _project_apps()
        if app != "governance"
        for module, names in imported_apps(app).items()
        if "governance" in names
    }
    assert offenders == {}


def test_governance_never_imports_checks():
    """Governance reads 查新's counts through the statistics registry, never its modules."""
    offenders = {
        module: sorted(names & {"checks"})
        for module, names in imported_apps("governance").items()
        if "checks" in names
    }
    assert offenders == {}


# The service desk carries requests out through `core.registry.register_service` (查新 by
# checks, 验证委托 by verification): it imports neither, nor names their modules for a lazy
# import, and `checks` declares its service from its own ready().
DESK_APPS = ["consulting", "research"]


@pytest.mark.parametrize("app", DESK_APPS)
def test_desk_reaches_checks_and_verification_only_through_the_registry(app):
    imports = {
        module: sorted(names & {"checks", "verification"})
        for module, names in imported_apps(app).items()
        if names & {"checks", "verification"}
    }
    assert imports == {}
    dotted = [
        str(path.relative_to(ROOT))
        for path in (ROOT / app).rglob("*.py")
        if "tests" not in path.parts
        and any(
            f"{q}{name}." in path.read_text("utf-8")
            for q in "\"'"
            for name in ("checks", "verification")
        )
    ]
    assert dotted == []


def test_checks_registers_the_novelty_service_for_the_desk():
    from core.registry import consulting_service

    service = consulting_service("novelty")
    assert service is not None and not service.forward
    assert service.resolve().__module__ == "checks.consulting"
    assert "consulting.register()" in (ROOT / "checks" / "apps.py").read_text("utf-8")


# A forwarded record's state travels back through `core.registry.report_service_progress`:
# the centres that carry out desk requests never import the desk, nor the desk them.
SERVICE_APPS = ["verification", "talent", "development"]


@pytest.mark.parametrize("app", SERVICE_APPS)
def test_service_centres_report_to_the_desk_only_through_the_registry(app):
    assert {m: n for m, n in imported_apps(app).items() if "consulting" in n} == {}
    assert {m: n for m, n in imported_apps("consulting").items() if app in n} == {}


def test_the_desk_receives_progress_reports_from_its_ready():
    from consulting.services.progress import receive_progress
    from core import registry

    assert receive_progress in registry._progress_receivers


# `forwarding` is the one shared piece behind every target the desk forwards to (training
# needs, drafting coaching): a shared service on the building blocks, it imports neither the
# desk nor the apps that declare targets on it.
def test_forwarding_imports_only_the_building_blocks():
    forbidden = {"consulting", "checks", "governance", *SERVICE_APPS, "research", "catalog"}
    offenders = {
        m: sorted(n & forbidden) for m, n in imported_apps("forwarding").items() if n & forbidden
    }
    assert offenders == {}
