"""Forms of standards development: they parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import AdoptionDegree, Standard
from development.models import DraftKind, Level
from development.stages import Track


class ProposalForm(forms.Form):
    """The proposal (立项申请书)."""

    title = forms.CharField(label=_("Title"), max_length=300)
    title_en = forms.CharField(label=_("English title"), max_length=500, required=False)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices, initial=Level.GROUP)
    track = forms.ChoiceField(label=_("Track"), choices=Track.choices, initial=Track.NORMAL)
    scope = forms.CharField(
        label=_("Scope"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    reasons = forms.CharField(
        label=_("Purpose and reasons"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    relation = forms.CharField(
        label=_("Relation to existing standards"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    ics = forms.CharField(
        label=_("ICS"), max_length=100, required=False, help_text=_("For example 35.240.50")
    )
    ccs = forms.CharField(
        label=_("CCS"), max_length=20, required=False, help_text=_("For example L70")
    )
    drafting_units = forms.CharField(
        label=_("Drafting units"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One organisation a line, the lead first."),
    )
    revises = forms.CharField(label=_("Revises (designation)"), max_length=200, required=False)
    adopted_designation = forms.CharField(
        label=_("Adopted international standard"), max_length=200, required=False
    )
    adoption_degree = forms.ChoiceField(
        label=_("Degree of adoption"), choices=AdoptionDegree.choices, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean_revises(self):
        from catalog.designations import try_parse

        text = (self.cleaned_data.get("revises") or "").strip()
        if not text:
            return None
        parsed = try_parse(text)
        std = Standard.objects.filter(designation=parsed.canonical).first() if parsed else None
        if std is None:
            raise forms.ValidationError(_("This standard is not in the catalogue."))
        return std


class TransitionForm(forms.Form):
    """A transition button with its comment."""

    to_state = forms.CharField(max_length=40, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class DraftUploadForm(forms.Form):
    """A new version of a draft."""

    kind = forms.ChoiceField(
        label=_("Kind of draft"),
        choices=DraftKind.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    file = forms.FileField(
        label=_("File (docx, pdf, md, txt)"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control"}),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class PublishForm(forms.Form):
    """Publication dates and, for national or industry standards, the designation given."""

    published_on = forms.DateField(
        label=_("Published on"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )
    implemented_on = forms.DateField(
        label=_("Implemented on"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )
    designation = forms.CharField(
        label=_("Designation (leave empty for the next number)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
