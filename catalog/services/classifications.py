"""Read the ICS and CCS trees with the number of standards under each node."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.db.models import BigIntegerField, Case, Count, F, Model, Q, When

from catalog.models import CcsCode, IcsCode, StandardCcs, StandardIcs

Scheme = Literal["ics", "ccs"]
_MODELS: dict[str, tuple[type[Model], type[Model]]] = {
    "ics": (IcsCode, StandardIcs),
    "ccs": (CcsCode, StandardCcs),
}


@dataclass
class NodeCount:
    """A classification node and how many standards are classified in it or below it."""

    node: IcsCode | CcsCode
    count: int


def count_standards(scheme: Scheme, nodes: list[IcsCode | CcsCode]) -> dict[int, int]:
    """Count distinct standards per node, including the two levels below it, in one SQL query."""
    ids = [node.pk for node in nodes]
    if not ids:
        return {}
    _code_model, link_model = _MODELS[scheme]
    under = Q(code_id__in=ids) | Q(code__parent_id__in=ids) | Q(code__parent__parent_id__in=ids)
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
