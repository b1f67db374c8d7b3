"""Search and filters of the audit trail, shared by the list page and the exports."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import AuditResult


class AuditFilterForm(forms.Form):
    """Free text, action prefix, result, actor and date range."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    action = forms.CharField(label=_("Action starts with"), required=False, max_length=100)
    result = forms.ChoiceField(
        label=_("Result"), required=False, choices=[("", _("All")), *AuditResult.choices]
    )
    actor = forms.CharField(label=_("Actor"), required=False, max_length=150)
    ip = forms.GenericIPAddressField(label=_("IP address"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def filter(self, entries: QuerySet) -> QuerySet:
        """Apply the valid filters to a queryset of audit entries."""
        if not self.is_valid():
            return entries.none()
        data = self.cleaned_data
        if data["q"]:
            q = data["q"]
            entries = entries.filter(
                Q(action__icontains=q)
                | Q(actor_username__icontains=q)
                | Q(object_repr__icontains=q)
                | Q(detail__icontains=q)
                | Q(object_id=q)
            )
        if data["action"]:
            entries = entries.filter(action__startswith=data["action"])
        if data["result"]:
            entries = entries.filter(result=data["result"])
        if data["actor"]:
            entries = entries.filter(actor_username__iexact=data["actor"])
        if data["ip"]:
            entries = entries.filter(ip_address=data["ip"])
        zone = timezone.get_current_timezone()
        if data["date_from"]:
            start = timezone.make_aware(datetime.combine(data["date_from"], time.min), zone)
            entries = entries.filter(created_at__gte=start)
        if data["date_to"]:
            end = timezone.make_aware(datetime.combine(data["date_to"], time.max), zone)
            entries = entries.filter(created_at__lte=end)
        return entries
