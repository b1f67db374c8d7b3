"""Forms of the research library and projects."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bodies.models import Body
from research.models import Confidentiality, ReportKind


class ReportForm(forms.Form):
    file = forms.FileField(label=_("file (docx or pdf)"))
    title = forms.CharField(label=_("title"), max_length=300)
    kind = forms.ChoiceField(label=_("kind"), choices=ReportKind.choices)
    authors = forms.CharField(label=_("authors"), max_length=300)
    centre = forms.ModelChoiceField(
        label=pgettext_lazy("research", "centre"), queryset=Body.objects.all(), required=False
    )
    field = forms.CharField(
        label=pgettext_lazy("research", "field"), max_length=200, required=False
    )
    published_on = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    confidentiality = forms.ChoiceField(
        label=_("confidentiality"),
        choices=[*Confidentiality.choices, ("classified", _("Classified (refused)"))],
    )
    summary = forms.CharField(
        label=_("summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    declares_unclassified = forms.BooleanField(
        label=_("I declare that this report contains no classified (涉密) information."),
        required=False,
    )


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=300)
    centre = forms.ModelChoiceField(
        label=pgettext_lazy("research", "centre"), queryset=Body.objects.all(), required=False
    )
    lead = forms.ModelChoiceField(
        label=_("lead"), queryset=get_user_model().objects.filter(is_active=True)
    )
    team = forms.ModelMultipleChoiceField(
        label=_("team"), queryset=get_user_model().objects.filter(is_active=True), required=False
    )
    starts_on = forms.DateField(label=_("start"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("end"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(
        label=_("description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class DatedItemForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    due_on = forms.DateField(label=_("due"), widget=forms.DateInput(attrs={"type": "date"}))
