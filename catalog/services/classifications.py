"""Read the ICS and CCS trees with the number of standards under each node.

One definition of a class's count, used by the home page, the trees and the search
facets alike: **the standards, of any status, whose primary classification (the first
code their source lists) is the class or one of its subclasses.** Each standard is
counted once per level, so the counts of sibling classes add up to their parent's and the
facet counts of a result add up to its total. The search facets count the denormalised
``ics_root``/``ccs_root`` (the first level of the primary code), which is the same number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    When,
)

from catalog.models import CcsCode, IcsCode, Standard, StandardCcs, StandardIcs, Status

Scheme = Literal["ics", "ccs"]
_MODELS: dict[str, tuple[type[Model], type[Model]]] = {
    "ics": (IcsCode, StandardIcs),
    "ccs": (CcsCode, StandardCcs),
}


@dataclass
class NodeCount:
    """A classification node and how many standards have their primary class in or below it."""

    node: IcsCode | CcsCode
    count: int


def _under(ids: list[int]) -> Q:
    """Links whose code is one of these nodes or lies up to two levels below one."""
    return Q(code_id__in=ids) | Q(code__parent_id__in=ids) | Q(code__parent__parent_id__in=ids)


def count_standards(scheme: Scheme, nodes: list[IcsCode | CcsCode]) -> dict[int, int]:
    """Count the standards whose primary class is each node or below it, in one SQL query."""
    ids = [node.pk for node in nodes]
    if not ids:
        return {}
    _code_model, link_model = _MODELS[scheme]
    under = Q(position=0) & _under(ids)
    node_of_link = Case(
        When(code_id__in=ids, then=F("code_id")),
        When(code__parent_id__in=ids, then=F("code__parent_id")),
        When(code__parent__parent_id__in=ids, then=F("code__parent__parent_id")),
        output_field=BigIntegerField(),
    )
    rows = (
        link_model.objects.filter(under)
        .annotate(node=node_of_link)
        .values("node")
        .annotate(count=Count("standard_id", distinct=True))
        .order_by()
    )
    return {row["node"]: row["count"] for row in rows}


def list_children(scheme: Scheme, node: IcsCode | CcsCode | None) -> list[NodeCount]:
    """The children of a node (the top level for None), each with its count of standards."""
    code_model, _link_model = _MODELS[scheme]
    children = list(code_model.objects.filter(parent=node).order_by("code"))
    counts = count_standards(scheme, children)
    return [NodeCount(child, counts.get(child.pk, 0)) for child in children]


def ics_names_are_english() -> bool:
    """Whether no ICS class has a Chinese name (none is shipped: see data/README.md)."""
    return not IcsCode.objects.exclude(name_zh="").exists()


def find_node(scheme: Scheme, code: str) -> IcsCode | CcsCode | None:
    """The node with this code, or None."""
    code_model, _link_model = _MODELS[scheme]
    return code_model.objects.filter(code=code).select_related("parent__parent").first()


def node_path(node: IcsCode | CcsCode) -> list[IcsCode | CcsCode]:
    """The ancestors of a node, top level first, ending with the node itself."""
    path = [node]
    seen = {node.pk}
    while path[0].parent_id and path[0].parent_id not in seen:
        parent = path[0].parent
        seen.add(parent.pk)
        path.insert(0, parent)
    return path


def search_filter_values(scheme: Scheme, node: IcsCode | CcsCode) -> list[str]:
    """The search filter values that select the standards under a node.

    ICS codes and CCS categories and classes work as code prefixes; a CCS group such
    as "A00/09" is not a prefix of its classes, so it is expanded into them.
    """
    if scheme == "ccs" and "/" in node.code:
        return list(node.children.order_by("code").values_list("code", flat=True))
    return [node.code]


# Current standards first, then those about to take effect, then replaced and withdrawn.
_STATUS_ORDER = Case(
    When(status=Status.CURRENT, then=0),
    When(status=Status.UPCOMING, then=1),
    When(status=Status.REPLACED, then=2),
    default=3,
    output_field=IntegerField(),
)


def classified_under(scheme: Scheme, node: IcsCode | CcsCode) -> Exists:
    """EXISTS condition on Standard: its primary class is the node or below it (the counted set)."""
    _code_model, link_model = _MODELS[scheme]
    links = link_model.objects.filter(Q(position=0) & _under([node.pk]))
    return Exists(links.filter(standard_id=OuterRef("pk")))


def list_standards_under(scheme: Scheme, node: IcsCode | CcsCode, user) -> QuerySet[Standard]:
    """The standards a node counts (primary class in or below it) that the user may see,
    current ones first, then newest first."""
    return (
        Standard.objects.restrict(user, "view")
        .filter(classified_under(scheme, node))
        .select_related("publisher")
        .annotate(status_order=_STATUS_ORDER)
        .order_by("status_order", F("issued").desc(nulls_last=True), "designation")
    )
