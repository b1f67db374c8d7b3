"""Forms of the notification settings: e-mail preference, channels per event type, webhooks."""

from __future__ import annotations

from django import forms

from notifications.models import Preference, Webhook
from notifications.registry import CHANNELS, event_types


class PreferenceForm(forms.ModelForm):
    """How a person receives notifications by e-mail."""

    class Meta:
        model = Preference
        fields = ["email", "frequency", "significant_only"]
        widgets = {
            "email": forms.CheckboxInput(attrs={"class": "form-check-input"}),
            "frequency": forms.Select(attrs={"class": "form-select"}),
            "significant_only": forms.CheckboxInput(attrs={"class": "form-check-input"}),
        }


class ChannelsForm(forms.Form):
    """One set of channel check boxes per registered event type."""

    def __init__(self, *args, initial_channels: dict[str, set[str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_channels = initial_channels or {}
        for kind in event_types():
            self.fields[f"channels:{kind.code}"] = forms.MultipleChoiceField(
                label=kind.label,
                help_text=kind.description,
                choices=list(CHANNELS.items()),
                required=False,
                initial=sorted(initial_channels.get(kind.code, kind.default_channels)),
                widget=forms.CheckboxSelectMultiple,
            )

    def choices(self) -> dict[str, set[str]]:
        """The chosen channels per event type code."""
        return {
            name.split(":", 1)[1]: set(value)
            for name, value in self.cleaned_data.items()
            if name.startswith("channels:")
        }


class WebhookForm(forms.ModelForm):
    """A webhook endpoint."""

    class Meta:
        model = Webhook
        fields = ["name", "url", "flavor", "secret", "significant_only", "active"]
        widgets = {
            "name": forms.TextInput(attrs={"class": "form-control"}),
            "url": forms.URLInput(attrs={"class": "form-control"}),
            "flavor": forms.Select(attrs={"class": "form-select"}),
            "secret": forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
            "significant_only": forms.CheckboxInput(attrs={"class": "form-check-input"}),
            "active": forms.CheckboxInput(attrs={"class": "form-check-input"}),
        }
