"""Forms of the checks pages: new check, watch lists and rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from checks.models import WatchList, WatchRule


class CheckForm(forms.Form):
    """Paste a text or upload a file; optionally ask which editions were in force on a date."""

    text = forms.CharField(
        label=_("Text to check"),
        required=False,
        widget=forms.Textarea(
            attrs={
                "rows": 8,
                "class": "form-control",
                "placeholder": _("Paste a list of standards or a text"),
            }
        ),
    )
    file = forms.FileField(
        label=_("or upload a file"),
        required=False,
        help_text=_("txt, md, csv, xlsx, docx or text PDF"),
        widget=forms.ClearableFileInput(
            attrs={
                "class": "form-control",
                "accept": ".txt,.md,.csv,.xlsx,.docx,.pdf,.adoc,.rst,.tex",
            }
        ),
    )
    as_of = forms.DateField(
        label=_("Editions in force on (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )
    title = forms.CharField(
        label=_("Title (optional)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Paste a text or choose a file to check."))
        return data


class WatchListForm(forms.ModelForm):
    """Name, description and sharing of a watch list."""

    class Meta:
        model = WatchList
        fields = ["name", "description", "organization", "org_access"]
        widgets = {
            "name": forms.TextInput(attrs={"class": "form-control"}),
            "description": forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            "organization": forms.Select(attrs={"class": "form-select"}),
            "org_access": forms.Select(attrs={"class": "form-select"}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from accounts.models import Organization

        self.fields["organization"].required = False
        self.fields["organization"].queryset = (
            Organization.objects.filter(memberships__user=user)
            if user
            else Organization.objects.none()
        )


class WatchItemForm(forms.Form):
    """Add one standard by designation."""

    designation = forms.CharField(
        label=_("Designation"),
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "GB/T 19001"}),
    )


class WatchRuleForm(forms.Form):
    """Add a rule: every standard with this ICS/CCS code, committee, publisher, tier or word."""

    field = forms.ChoiceField(
        label=_("Field"),
        choices=WatchRule.Field.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    value = forms.CharField(
        label=_("Value"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )


class AddFromCheckForm(forms.Form):
    """Watch everything a check found: into an existing list or a new one."""

    watchlist = forms.ModelChoiceField(
        label=_("Watch list"),
        queryset=WatchList.objects.none(),
        required=False,
        empty_label=_("New watch list"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            self.fields["watchlist"].queryset = WatchList.objects.restrict(user, "change")
