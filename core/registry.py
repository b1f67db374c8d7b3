"""Registries: what each app adds to the shell (navigation, search, dashboard), declared once.

An app declares its contributions in `<app>/navigation.py`, `<app>/search.py` and
`<app>/dashboard.py`; `CoreConfig.ready()` imports those modules of every installed app
(`autodiscover()`), and the base template, the search service and the dashboard page read
the declarations. Nothing in `core` imports a domain app.

The smallest example, in `research/navigation.py`::

    from django.utils.translation import gettext_lazy as _
    from core.registry import NavItem, register_navigation

    register_navigation(NavItem(_("Reports"), "research:reports", order=40, signed_in=True))

See docs/architecture-registries.md for search indexes, dashboard widgets and consulting services.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

#: Where a navigation entry appears: the main bar, the tools beside the account menu,
#: and the signed-in person's account menu.
#: The header shows `main`, then one menu of the `centres` (one entry per centre and base
#: management, so the bar keeps one line at 1366 px however many there are), then
#: `platform` (API docs, admin); `tools` and `account` sit on the right.
NAV_GROUPS = ("main", "centres", "platform", "tools", "account")
#: The modules `autodiscover()` imports from every installed app.
DECLARATION_MODULES = ("navigation", "search", "dashboard")

UserTest = Callable[[Any], bool]


def _allowed(user, *, signed_in: bool | None, permission: str, visible: UserTest | None) -> bool:
    """The visibility rule shared by navigation entries and dashboard widgets."""
    authenticated = bool(user is not None and getattr(user, "is_authenticated", False))
    if signed_in is not None and authenticated != signed_in:
        return False
    if permission and not (authenticated and user.has_perm(permission)):
        return False
    return visible is None or bool(visible(user))


# -- navigation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NavItem:
    """One link of the header: label, URL name, where, in which order, and for whom.

    `signed_in` True shows it to signed-in people only, False to visitors only, None to
    all; `permission` is a Django permission (`audit.view_auditentry`); `visible(user)`
    any other rule (a role). `active` lists URL names on which the entry is highlighted
    (default: its own). `template` renders a partial instead of a plain link (a badge).
    """

    label: Any
    url_name: str
    group: str = "main"
    order: int = 100
    signed_in: bool | None = None
    permission: str = ""
    visible: UserTest | None = None
    active: tuple[str, ...] = ()
    template: str = ""

    def __post_init__(self) -> None:
        if self.group not in NAV_GROUPS:
            raise ValueError(f"unknown navigation group {self.group!r}; use one of {NAV_GROUPS}")

    def allowed(self, user) -> bool:
        """Whether `user` (possibly anonymous) sees this entry."""
        return _allowed(
            user, signed_in=self.signed_in, permission=self.permission, visible=self.visible
        )

    def is_active(self, url_name: str, namespace: str) -> bool:
        """Whether the page with this URL name and namespace belongs to this entry."""
        own_namespace, _, own_name = self.url_name.rpartition(":")
        names = self.active or (own_name,)
        return namespace == own_namespace and url_name in names


# -- search -------------------------------------------------------------------------------


class Visibility:
    """Who may find a document, besides its owner and its organisation's or body's members."""

    PUBLIC = "public"
    AUTHENTICATED = "authenticated"  # anyone signed in
    RESTRICTED = "restricted"  # nobody else
    ALL = (PUBLIC, AUTHENTICATED, RESTRICTED)


@dataclass(frozen=True)
class SearchDocument:
    """What the search index keeps of one object: its text and who may find it."""

    title: str
    text: str = ""
    url: str = ""
    visibility: str = Visibility.RESTRICTED
    owner_id: int | None = None
    organization_id: int | None = None
    body_id: int | None = None


class SearchIndex:
    """A model's search declaration: how an object becomes a `SearchDocument`.

    Subclasses set `model` and `label` and implement `document()`; `queryset()` is what a
    rebuild indexes. People holding `view_all_permission` (default: the model's view
    permission, as in `restrict()`) find every document of the model.
    """

    model: type[models.Model]
    label: Any = ""
    view_all_permission: str = ""

    def document(self, obj: models.Model) -> SearchDocument | None:
        """The document of `obj`, or None to keep it out of the index."""
        raise NotImplementedError

    def queryset(self) -> models.QuerySet:
        """The objects a rebuild indexes."""
        return self.model._default_manager.all()

    @property
    def key(self) -> str:
        """`app_label.model_name`, the model column of the index."""
        return self.model._meta.label_lower

    def all_permission(self) -> str:
        """The permission that shows every document of the model."""
        opts = self.model._meta
        return self.view_all_permission or f"{opts.app_label}.view_{opts.model_name}"


# -- dashboard ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardWidget:
    """A card on the dashboard: a title, a partial template and its context, for whom.

    `context(request)` returns the partial's context (it runs only when the widget is
    shown); the partial receives it together with `widget` and `request`.
    """

    key: str
    title: Any
    template: str
    context: Callable[[Any], dict] | None = None
    order: int = 100
    signed_in: bool | None = True
    permission: str = ""
    visible: UserTest | None = None

    def allowed(self, user) -> bool:
        """Whether `user` sees this widget."""
        return _allowed(
            user, signed_in=self.signed_in, permission=self.permission, visible=self.visible
        )


# -- the registry -------------------------------------------------------------------------


@dataclass
class Registry:
    """The declarations of every app, filled at start-up by `autodiscover()`."""

    navigation: list[NavItem] = field(default_factory=list)
    search: dict[str, SearchIndex] = field(default_factory=dict)
    dashboard: dict[str, DashboardWidget] = field(default_factory=dict)
    #: Sections other apps add to the account profile page (same shape as a widget).
    profile: dict[str, DashboardWidget] = field(default_factory=dict)
    #: How to find the ids a user belongs to, per scope column (`organization`, `body`).
    scopes: dict[str, Callable[[Any], Iterable[int]]] = field(default_factory=dict)

    def nav_items(self, group: str, user) -> list[NavItem]:
        """The entries of one group that `user` sees, in order."""
        items = [i for i in self.navigation if i.group == group and i.allowed(user)]
        return sorted(items, key=lambda i: i.order)

    def widgets(self, user) -> list[DashboardWidget]:
        """The dashboard widgets `user` sees, in order."""
        return sorted(
            (w for w in self.dashboard.values() if w.allowed(user)), key=lambda w: w.order
        )

    def index_for(self, model: type[models.Model]) -> SearchIndex | None:
        """The search declaration of a model (or of its concrete parent), if any."""
        return self.search.get(model._meta.label_lower)


registry = Registry()


def register_navigation(*items: NavItem) -> None:
    """Add header entries (an entry with the same group and URL name replaces the old one)."""
    for item in items:
        registry.navigation[:] = [
            i
            for i in registry.navigation
            if (i.group, i.url_name, i.template) != (item.group, item.url_name, item.template)
        ]
        registry.navigation.append(item)


def register_search(index: type[SearchIndex] | SearchIndex):
    """Declare a model searchable (usable as a class decorator); returns the argument."""
    instance = index() if isinstance(index, type) else index
    registry.search[instance.key] = instance
    return index


def register_widget(*widgets: DashboardWidget) -> None:
    """Add dashboard widgets (a widget with the same key replaces the old one)."""
    for widget in widgets:
        registry.dashboard[widget.key] = widget


def register_profile_section(*sections: DashboardWidget) -> None:
    """Add a section to /accounts/profile/ (training hours...); same key replaces the old one."""
    for section in sections:
        registry.profile[section.key] = section


def profile_sections(request) -> list[tuple[DashboardWidget, dict]]:
    """The profile sections the person sees, in order, each with its partial's context."""
    shown = sorted(
        (s for s in registry.profile.values() if s.allowed(request.user)), key=lambda s: s.order
    )
    return [(s, s.context(request) if s.context else {}) for s in shown]


def register_scope(name: str, member_ids: Callable[[Any], Iterable[int]]) -> None:
    """Say how to find the `organization` or `body` ids a user belongs to, for search."""
    if name not in ("organization", "body"):
        raise ValueError(f"unknown search scope {name!r}")
    registry.scopes[name] = member_ids


def autodiscover() -> None:
    """Import `navigation`, `search` and `dashboard` of every installed app."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules(*DECLARATION_MODULES)


# -- statistics ---------------------------------------------------------------------------
# Counts an app publishes for others (the base's KPIs) without being imported by them:
# `checks` registers `checks.checks_served`, `consulting` `consulting.requests_served`,
# and a reader calls `statistic("checks.checks_served", until=date)`.


@dataclass(frozen=True)
class Statistic:
    """A named count an app publishes: its code, a label, and the function computing it."""

    code: str
    label: Any
    func: Callable[..., Any]


_statistics: dict[str, Statistic] = {}


def register_statistic(code: str, label: Any, func: Callable[..., Any]) -> Statistic:
    """Publish a statistic under `app.name` (the same code replaces the old one)."""
    if "." not in code:
        raise ValueError(f"a statistic's code is 'app.name', not {code!r}")
    _statistics[code] = Statistic(code, label, func)
    return _statistics[code]


def statistic(code: str, **kwargs: Any) -> Any:
    """Compute a published statistic; an unknown code raises LookupError."""
    try:
        entry = _statistics[code]
    except KeyError:
        raise LookupError(f"no statistic {code!r} is registered") from None
    return entry.func(**kwargs)


def has_statistic(code: str) -> bool:
    """Whether an app published this statistic (its app may not be installed)."""
    return code in _statistics


def statistics() -> list[Statistic]:
    """Every published statistic, by code."""
    return [_statistics[c] for c in sorted(_statistics)]


# -- project panels (development's project page) --------------------------------------------
# Other apps add a section to /development/projects/<pk>/ (verification reports...) without
# `development` importing them: `register_project_panel(ProjectPanel(...))` in the app's
# `ready()`; the project page calls `project_panel_contexts(project, user)` and includes each
# panel's template with `panel` and `data`.


@dataclass(frozen=True)
class ProjectPanel:
    """A section of the project page: a label, a partial template and its context.

    `context(project, user)` returns the partial's `data` (it must itself keep to what the
    person may see, through `restrict()`); returning None hides the panel for that person.
    """

    key: str
    label: Any
    template: str
    context: Callable[[Any, Any], dict | None]
    order: int = 100


_project_panels: dict[str, ProjectPanel] = {}


def register_project_panel(*panels: ProjectPanel) -> None:
    """Add sections to the development project page (same key replaces the old one)."""
    for panel in panels:
        _project_panels[panel.key] = panel


def project_panels() -> list[ProjectPanel]:
    """The registered project panels, in order."""
    return sorted(_project_panels.values(), key=lambda p: (p.order, p.key))


def project_panel_contexts(project, user) -> list[tuple[ProjectPanel, dict]]:
    """The panels `user` sees on `project`'s page, each with its partial's `data`."""
    shown = []
    for panel in project_panels():
        data = panel.context(project, user)
        if data is not None:
            shown.append((panel, data))
    return shown


# -- consulting services (the service desk's kinds of request) ------------------------------
# An app that carries out a kind of consulting request declares it here, so the desk
# (`consulting`) dispatches to it without importing it: `checks` registers 查新 (run when a
# request of that kind is submitted), `verification` registers 验证委托, `talent` 培训需求,
# `development` 标准制修订辅导 (staff forward a request to one of its centres or bodies).
# `register_service(ConsultingService(...))` in the app's `ready()`; the desk calls
# `consulting_service(key)` and `run_service(key, ServiceCall(...))`.
# What a forwarded record becomes later (a commission accepted, declined, completed) travels
# back the same way: the centre's service calls `report_service_progress(key, obj, state,
# label, note, outcome=..., user=...)` inside its own transaction, and the desk, which
# registered a receiver with `register_progress_receiver(fn)` from its ready(), updates its
# link and request. Neither side imports the other; with no receiver nothing happens.


@dataclass(frozen=True)
class ServiceCall:
    """What the desk hands to a service: who asks, what, for which request, where to."""

    user: Any  # the person acting: the requester on submission, the staff member forwarding
    requester: Any  # the enterprise's contact who submitted the request
    title: str
    text: str
    files: tuple = ()  # uploaded files (read them from the start; seek(0) afterwards)
    reference: str = ""  # the desk's number of the request (ZX2026…)
    url: str = ""  # the request's page on the desk
    organization: str = ""  # the requester's organisation, as text
    contact: str = ""
    target: str = ""  # the chosen target (a centre's id) of a forwarding service
    note: str = ""  # the staff member's words to the target
    request: Any = None  # the HTTP request, for the audit entry


@dataclass(frozen=True)
class ServiceResult:
    """What a service created: a label and URL for the link, its object and any rows."""

    label: str
    url: str = ""
    object: Any = None
    target_label: str = ""  # where it went (the centre's name)
    rows: list = field(default_factory=list)  # results to show on the request (查新 verdicts)
    state: str = ""  # the record's state now (`received`), shown on the link
    state_label: str = ""


@dataclass(frozen=True)
class ConsultingService:
    """A kind of consulting request an app carries out.

    `key` is the request kind it serves (`novelty`, `verification`); `handler(call)` returns
    a `ServiceResult` (a callable, or its dotted path `"app.module.function"` imported on first
    use). `forward` False: the desk runs it when a request of the kind is submitted; True:
    staff forward a request to it, choosing one of `targets(user)` → `[(value, label)]`.
    """

    key: str
    label: Any
    handler: Callable[[ServiceCall], ServiceResult] | str
    forward: bool = False
    targets: Callable[[Any], list[tuple[str, Any]]] | None = None
    order: int = 100
    # The states of the records it creates and their (lazy) labels, so that the desk shows a
    # reported state in the reader's language rather than in the reporter's.
    states: Callable[[], Any] | None = None

    def resolve(self) -> Callable[[ServiceCall], ServiceResult]:
        """The handler itself (importing a dotted path)."""
        if callable(self.handler):
            return self.handler
        from django.utils.module_loading import import_string

        return import_string(self.handler)

    def state_label(self, state: str) -> Any:
        """The label of one of its records' states, or None (unknown state, no states)."""
        return dict(self.states()).get(state) if self.states and state else None

    def target_choices(self, user) -> list[tuple[str, Any]]:
        """Where `user` may send a request through this service (empty without targets)."""
        return list(self.targets(user)) if self.targets else []


_services: dict[str, ConsultingService] = {}


def register_service(*services: ConsultingService) -> None:
    """Declare consulting services (the same key replaces the old one)."""
    for service in services:
        _services[service.key] = service


def consulting_service(key: str) -> ConsultingService | None:
    """The service carrying out requests of kind `key`, or None (its app is not installed)."""
    return _services.get(key)


def consulting_services(*, forward: bool | None = None) -> list[ConsultingService]:
    """The registered services in order; `forward` keeps only forwarding or running ones."""
    found = (s for s in _services.values() if forward is None or s.forward == forward)
    return sorted(found, key=lambda s: (s.order, s.key))


def run_service(key: str, call: ServiceCall) -> ServiceResult:
    """Dispatch a call to the registered service; an unknown key raises LookupError."""
    service = consulting_service(key)
    if service is None:
        raise LookupError(f"no consulting service {key!r} is registered")
    return service.resolve()(call)


#: What a reported state means to the desk: still under way, done, or refused by the target.
PROGRESS_OPEN = "open"
PROGRESS_DONE = "done"
PROGRESS_DECLINED = "declined"


@dataclass(frozen=True)
class ServiceProgress:
    """A record created through a consulting service changed state at its target."""

    service: str  # the service key (`verification`)
    obj: Any  # the record the handler returned as `ServiceResult.object`
    state: str  # its new state (`accepted`)
    label: str  # the state as people read it (`已受理`)
    note: str = ""  # the target staff's words (the reason for declining)
    outcome: str = PROGRESS_OPEN  # PROGRESS_OPEN, PROGRESS_DONE or PROGRESS_DECLINED
    user: Any = None  # the target's staff member who changed it
    request: Any = None  # the HTTP request, for the audit entry


_progress_receivers: list[Callable[[ServiceProgress], Any]] = []


def register_progress_receiver(receiver: Callable[[ServiceProgress], Any]) -> None:
    """Be told of every reported state change (the desk registers one; once per function)."""
    if receiver not in _progress_receivers:
        _progress_receivers.append(receiver)


def report_service_progress(
    service: str,
    obj: Any,
    state: str,
    label: Any,
    note: str = "",
    *,
    outcome: str = PROGRESS_OPEN,
    user: Any = None,
    request: Any = None,
) -> list[Any]:
    """Tell the receivers that `obj` (made by service `service`) is now in `state`.

    Call it inside the transaction that changed the state, so both sides commit together.
    Receivers must be idempotent: the same state reported twice changes nothing.
    """
    if outcome not in (PROGRESS_OPEN, PROGRESS_DONE, PROGRESS_DECLINED):
        raise ValueError(f"unknown outcome {outcome!r}")
    progress = ServiceProgress(service, obj, state, str(label), note or "", outcome, user, request)
    return [receiver(progress) for receiver in list(_progress_receivers)]
