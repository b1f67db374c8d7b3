"""Forms of the service desk pages."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bodies.models import Body
from consulting.models import Kind


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by core.uploads in the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("type"), choices=Kind.choices)
    title = forms.CharField(label=_("subject"), max_length=200)
    question = forms.CharField(
        label=pgettext_lazy("consulting form", "request"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("For a novelty check, paste the list of standards (one per line)."),
    )
    contact = forms.CharField(label=_("contact"), max_length=200, required=False)
    files = MultipleFileField(label=_("attachments"))


class MessageForm(forms.Form):
    body = forms.CharField(label=_("message"), widget=forms.Textarea(attrs={"rows": 4}))
    internal = forms.BooleanField(label=_("internal note"), required=False)
    files = MultipleFileField(label=_("attachments"))


class TriageForm(forms.Form):
    kind = forms.ChoiceField(label=_("type"), choices=Kind.choices)
    centre = forms.ModelChoiceField(
        label=pgettext_lazy("consulting", "centre"), queryset=Body.objects.all(), required=False
    )
    priority = forms.TypedChoiceField(
        label=_("priority"),
        coerce=int,
        choices=[(1, _("high")), (2, _("normal")), (3, _("low"))],
        initial=2,
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("assignee"),
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
    )
    centre = forms.ModelChoiceField(
        label=pgettext_lazy("consulting", "centre"), queryset=Body.objects.all(), required=False
    )


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("satisfaction"), coerce=int, choices=[(n, str(n)) for n in range(5, 0, -1)]
    )
    comment = forms.CharField(
        label=_("comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    allow_publish = forms.BooleanField(
        label=_("The answer may be published in the public FAQ (without my name)"), required=False
    )


class FaqForm(forms.Form):
    faq_question = forms.CharField(
        label=_("FAQ question"), widget=forms.Textarea(attrs={"rows": 2})
    )
    faq_answer = forms.CharField(label=_("FAQ answer"), widget=forms.Textarea(attrs={"rows": 4}))


class ForwardForm(forms.Form):
    """Where the desk forwards a request: a registered service and one of its centres."""

    destination = forms.ChoiceField(label=_("forward to"))
    note = forms.CharField(
        label=_("note to the centre"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination"].choices = list(choices)
