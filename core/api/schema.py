"""OpenAPI pieces shared by every API view: the error body and its documented answers."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer of the API."""

    detail = serializers.CharField(help_text="A readable message (Chinese by default).")
    code = serializers.CharField(help_text="A machine-readable error code.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Messages per query parameter (only for code `invalid`).",
    )
    reason = serializers.CharField(
        required=False, help_text="Why a designation could not be read (designation errors)."
    )


_EXAMPLES = {
    400: OpenApiExample(
        "Invalid parameter",
        value={
            "detail": "参数无效。page_size: 请输入 1 到 100 之间的数字。",
            "code": "invalid",
            "errors": {"page_size": ["请输入 1 到 100 之间的数字。"]},
        },
        response_only=True,
        status_codes=["400"],
    ),
    404: OpenApiExample(
        "Not found",
        value={"detail": "未找到。", "code": "not_found"},
        response_only=True,
        status_codes=["404"],
    ),
    429: OpenApiExample(
        "Throttled",
        value={"detail": "请求超过了限速。 Expected available in 42 seconds.", "code": "throttled"},
        response_only=True,
        status_codes=["429"],
    ),
}
_DESCRIPTIONS = {
    400: "Invalid parameters (message in `detail`).",
    401: "Invalid API token.",
    403: "Not allowed.",
    404: "Not found.",
    405: "Method not allowed.",
    406: "Not acceptable.",
    429: "Too many requests from this address; retry after the `Retry-After` seconds.",
}


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """Documented error answers for `extend_schema(responses=...)`."""
    return {
        code: OpenApiResponse(
            response=ErrorSerializer,
            description=_DESCRIPTIONS.get(code, "Error."),
            examples=[_EXAMPLES[code]] if code in _EXAMPLES else [],
        )
        for code in codes
    }
