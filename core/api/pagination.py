"""Page-number pagination for the REST API with a bounded page size."""

from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """Standard pagination: ?page=N&page_size=M (at most 100)."""

    page_size_query_param = "page_size"
    max_page_size = 100
