"""Forms of the training pages (they only parse; the services decide)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from talent.models.training import Level
from talent.services.training import QUESTIONS

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CourseForm(forms.Form):
    """A new course of a centre."""

    centre = forms.ModelChoiceField(queryset=None, label=_("Centre"))
    code = forms.CharField(label=_("Course code"), max_length=40)
    title = forms.CharField(label=pgettext_lazy("training", "Title"), max_length=200)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_digits=5, decimal_places=1)
    ics_codes = forms.CharField(
        label=_("ICS topics"),
        required=False,
        help_text=_("ICS codes separated by spaces or commas, e.g. 01.120 03.120.10"),
    )
    pass_mark = forms.IntegerField(
        label=_("Exam pass mark"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Out of 100; leave empty for a course without an exam."),
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)

    def __init__(self, *args, centres=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres

    def clean_ics_codes(self) -> list[str]:
        return self.cleaned_data["ics_codes"].replace(",", " ").replace("，", " ").split()


class SessionForm(forms.Form):
    """A new run of a course."""

    title = forms.CharField(label=_("Session name"), max_length=200, required=False)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=100000)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online link"), max_length=500, required=False)


class CapacityForm(forms.Form):
    """More or fewer places."""

    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=100000)


class MembersForm(forms.Form):
    """An organisation admin picks members to enrol."""

    organization = forms.ModelChoiceField(queryset=None, label=_("Organisation"))
    members = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Members"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, organizations=None, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["members"].queryset = members


class FeedbackForm(forms.Form):
    """The questionnaire: each question rated 1–5, and a comment."""

    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, str(n)) for n in range(1, 6)]
        for key, label in QUESTIONS.items():
            self.fields[key] = forms.TypedChoiceField(
                label=label, choices=choices, coerce=int, widget=forms.RadioSelect
            )
        self.order_fields([*QUESTIONS, "comment"])


class ReasonForm(forms.Form):
    """A reason (revocation, cancellation of a session)."""

    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
