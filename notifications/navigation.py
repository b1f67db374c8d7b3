"""Header entry of the message centre: the unread-messages badge."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem, register_navigation

register_navigation(
    NavItem(
        _("Messages"),
        "notifications:messages",
        group="tools",
        order=30,
        signed_in=True,
        template="notifications/partials/nav_unread.html",
    ),
)
