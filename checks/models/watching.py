"""Watch lists: standards and rules whose changes someone wants to hear about."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.querysets import RestrictedQuerySet


def new_feed_token() -> str:
    """A random token for the feed URLs that feed readers fetch without a session."""
    return secrets.token_urlsafe(24)


class WatchListQuerySet(RestrictedQuerySet):
    """Owners do everything; members of the sharing organisation view or edit as granted."""

    def object_filter(self, user, action: str) -> models.Q | None:
        own = models.Q(owner=user)
        shared = models.Q(organization__isnull=False, organization__memberships__user=user)
        if action == "view":
            return own | shared
        if action == "change":
            return own | (shared & models.Q(org_access=WatchList.Access.EDIT))
        return own


class WatchList(TimeStampedModel):
    """A named list of watched standards, personal or shared with an organisation."""

    class Access(models.TextChoices):
        VIEW = "view", _("Members can view")
        EDIT = "edit", _("Members can edit")

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="watch_lists",
        verbose_name=_("owner"),
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="watch_lists",
        verbose_name=_("shared with organisation"),
    )
    org_access = models.CharField(
        _("organisation access"), max_length=4, choices=Access.choices, default=Access.VIEW
    )
    feed_token = models.CharField(
        _("feed token"), max_length=64, unique=True, default=new_feed_token, editable=False
    )

    objects = WatchListQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("watch list")
        verbose_name_plural = _("watch lists")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"],
                name="checks_watchlist_unique_name",
                violation_error_message=_("You already have a watch list with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("checks:watchlist-detail", args=[self.pk])


class WatchItem(models.Model):
    """A watched standard: every edition of its number, so new editions are noticed too."""

    class Origin(models.TextChoices):
        MANUAL = "manual", _("Added by hand")
        CHECK = "check", _("From a check")

    watchlist = models.ForeignKey(
        WatchList, models.CASCADE, related_name="items", verbose_name=_("watch list")
    )
    series_key = models.CharField(_("undated designation"), max_length=180, db_index=True)
    designation = models.CharField(_("designation"), max_length=200)
    standard = models.ForeignKey(
        "catalog.Standard",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("edition"),
    )
    origin = models.CharField(
        _("origin"), max_length=8, choices=Origin.choices, default=Origin.MANUAL
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["series_key"]
        verbose_name = _("watched standard")
        verbose_name_plural = _("watched standards")
        constraints = [
            models.UniqueConstraint(
                fields=["watchlist", "series_key"],
                name="checks_watchitem_unique",
                violation_error_message=_("This standard is already on the watch list."),
            ),
        ]

    def __str__(self) -> str:
        return self.designation


class WatchRule(models.Model):
    """A rule that watches every standard matching a classification, body or keyword."""

    class Field(models.TextChoices):
        ICS = "ics", _("ICS code")
        CCS = "ccs", _("CCS code")
        COMMITTEE = "committee", _("Committee")
        PUBLISHER = "publisher", _("Publisher")
        TIER = "tier", _("Tier")
        KEYWORD = "keyword", _("Keyword in title")

    watchlist = models.ForeignKey(
        WatchList, models.CASCADE, related_name="rules", verbose_name=_("watch list")
    )
    field = models.CharField(_("field"), max_length=10, choices=Field.choices)
    value = models.CharField(_("value"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["field", "value"]
        verbose_name = _("watch rule")
        verbose_name_plural = _("watch rules")
        constraints = [
            models.UniqueConstraint(
                fields=["watchlist", "field", "value"],
                name="checks_watchrule_unique",
                violation_error_message=_("This rule is already on the watch list."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_field_display()}: {self.value}"
