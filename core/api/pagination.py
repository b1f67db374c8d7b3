"""Page-number pagination for the REST API with a bounded page size."""

from __future__ import annotations

from django.core.paginator import InvalidPage
from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from core.api.exceptions import PageOutOfRange


def _parse_positive(raw: str, name: str, maximum: int | None = None) -> int:
    """Read a positive integer query parameter or raise a 400 that names it."""
    value = raw.strip()
    if not value.isascii() or not value.isdigit() or len(value) > 9:
        raise ValidationError({name: [_("Enter a whole number.")]}, code="invalid")
    number = int(value)
    if number < 1 or (maximum is not None and number > maximum):
        message = (
            _("Enter a number between 1 and %(max)d.") % {"max": maximum}
            if maximum is not None
            else _("Enter a number of at least 1.")
        )
        raise ValidationError({name: [message]}, code="out_of_range")
    return number


class PageNumberPagination(pagination.PageNumberPagination):
    """Standard pagination: ?page=N&page_size=M (1 to 100); bad values answer 400.

    The page body has ``count``, ``page``, ``num_pages``, ``next``, ``previous`` and
    ``results``.
    """

    page_size_query_param = "page_size"
    max_page_size = 100
    last_page_strings = ()

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        return _parse_positive(raw, self.page_size_query_param, self.max_page_size)

    def get_page_number(self, request, paginator) -> int:
        raw = request.query_params.get(self.page_query_param)
        if raw is None or raw == "":
            return 1
        return _parse_positive(raw, self.page_query_param)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(number)
        except InvalidPage as exc:
            raise PageOutOfRange(
                _("Page %(page)d is out of range (there are %(pages)d pages).")
                % {"page": number, "pages": paginator.num_pages}
            ) from exc
        return list(self.page)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "page": self.page.number,
                "num_pages": self.page.paginator.num_pages,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        body = super().get_paginated_response_schema(schema)
        body["properties"]["page"] = {"type": "integer", "minimum": 1, "example": 1}
        body["properties"]["num_pages"] = {"type": "integer", "minimum": 1, "example": 7}
        body["required"] = ["count", "page", "num_pages", "next", "previous", "results"]
        return body

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["schema"]["default"] = self.page_size
            else:
                parameter["schema"]["default"] = 1
        return parameters
