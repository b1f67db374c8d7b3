"""Forms of the expert database and draw pages: parse input, never decide."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from talent.models import Purpose, Title


def split(text: str) -> list[str]:
    """Items of a text field separated by commas, semicolons or new lines (full-width too)."""
    for sep in "，；;\n、":
        text = text.replace(sep, ",")
    return [item.strip() for item in text.split(",") if item.strip()]


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    title = forms.ChoiceField(label=_("professional title"), choices=Title.choices)
    employer = forms.CharField(label=_("employer"), max_length=200)
    region = forms.CharField(label=_("region"), max_length=60, required=False)
    ics = forms.CharField(
        label=_("ICS codes"), required=False, help_text=_("e.g. 13.020.10, 91.100")
    )
    ccs = forms.CharField(label=_("CCS codes"), required=False, help_text=_("e.g. Z00"))
    keywords = forms.CharField(label=_("keywords"), required=False)
    qualifications = forms.CharField(
        label=_("qualifications"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    committees = forms.CharField(label=_("committees"), required=False)
    standards_drafted = forms.CharField(
        label=_("standards drafted"),
        required=False,
        help_text=_("designations, e.g. GB/T 24001-2016"),
    )
    standards_reviewed = forms.CharField(label=_("standards reviewed"), required=False)
    avoid_orgs = forms.CharField(label=_("organisations to avoid (回避单位)"), required=False)
    conflicts = forms.CharField(label=_("declared conflicts"), required=False)
    work_history = forms.CharField(
        label=_("work history"),
        required=False,
        help_text=_("one position a line: employer, position, from year, to year"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    phone = forms.CharField(label=_("phone"), max_length=20, required=False)
    id_number = forms.CharField(label=_("ID number"), max_length=18, required=False)
    nominated_by = forms.CharField(
        label=_("nominating organisation"), max_length=200, required=False
    )

    consent = forms.BooleanField(
        label=_(
            "I agree that the base office keeps these data, including phone and ID number "
            "(stored encrypted), and uses them to draw and contact expert panels."
        ),
        required=False,
    )

    def clean_work_history(self) -> list[tuple]:
        rows = []
        for line in self.cleaned_data["work_history"].splitlines():
            parts = [p.strip() for p in line.replace("，", ",").split(",")]
            if not parts[0]:
                continue
            years = []
            for text in (parts + ["", "", ""])[2:4]:
                if text and not (text.isdigit() and 1950 <= int(text) <= 2100):
                    raise forms.ValidationError(
                        _("“%(text)s” is not a year (e.g. 2015).") % {"text": text}
                    )
                years.append(datetime.date(int(text), 1, 1) if text else None)
            rows.append((parts[0], (parts + [""])[1], years[0], years[1]))
        return rows

    def profile_values(self) -> dict:
        data = self.cleaned_data
        values = {
            name: data[name]
            for name in (
                "name",
                "title",
                "employer",
                "region",
                "qualifications",
                "phone",
                "id_number",
                "nominated_by",
                "work_history",
                "consent",
            )
        }
        for name in ("ics", "ccs", "keywords", "committees", "avoid_orgs", "conflicts"):
            values[name] = split(data[name])
        values["standards"] = [(d, "drafted") for d in split(data["standards_drafted"])] + [
            (d, "reviewed") for d in split(data["standards_reviewed"])
        ]
        return values


class SearchForm(forms.Form):
    field = forms.CharField(label=_("field (ICS/CCS)"), required=False, max_length=20)
    title = forms.ChoiceField(
        label=_("professional title"), required=False, choices=[("", "—"), *Title.choices]
    )
    region = forms.CharField(label=_("region"), required=False, max_length=60)
    keyword = forms.CharField(label=_("keyword"), required=False, max_length=100)


class MatchForm(forms.Form):
    topic = forms.CharField(label=_("project title"), max_length=300)
    scope = forms.CharField(
        label=pgettext_lazy("topic", "scope"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    codes = forms.CharField(label=_("ICS/CCS codes"), required=False, max_length=200)


class DrawForm(forms.Form):
    purpose = forms.ChoiceField(label=_("purpose"), choices=Purpose.choices)
    object_type = forms.CharField(label=_("object type"), max_length=40, initial="project")
    object_ref = forms.CharField(label=_("object reference"), max_length=100)
    object_title = forms.CharField(label=pgettext_lazy("draw", "object"), max_length=300)
    party_orgs = forms.CharField(
        label=_("applicant, drafting units and parties"),
        required=False,
        help_text=_("their people are kept out; one organisation per line or comma"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    need = forms.IntegerField(label=_("panel size"), min_value=1, max_value=50, initial=5)
    alternates = forms.IntegerField(label=_("alternates"), min_value=0, max_value=50, initial=2)
    quotas = forms.CharField(
        label=_("fields with counts"),
        required=False,
        help_text=_("FIELD=COUNT, e.g. 13.020=2, 91.100=1"),
    )
    served_within_days = forms.IntegerField(
        label=_("exclude who served within N days"), required=False, min_value=1, max_value=3650
    )
    max_panels_per_year = forms.IntegerField(
        label=_("exclude who sat on K panels this year"), required=False, min_value=1, max_value=365
    )
    max_no_shows = forms.IntegerField(
        label=_("exclude after this many no-shows in a year"), min_value=1, max_value=50, initial=2
    )
    supervisor = forms.CharField(label=_("supervisor"), max_length=100, required=False)
    response_days = forms.IntegerField(
        label=_("days to answer an invitation"), min_value=1, max_value=30, initial=3
    )

    def clean_quotas(self) -> dict[str, int]:
        quotas = {}
        for item in split(self.cleaned_data["quotas"]):
            code, sep, count = item.partition("=")
            if not sep or not count.strip().isdigit() or not code.strip():
                raise forms.ValidationError(_("Write each field as FIELD=COUNT, e.g. 13.020=2."))
            quotas[code.strip()] = int(count)
        return quotas

    def draw_values(self) -> dict:
        values = dict(self.cleaned_data)
        values["party_orgs"] = split(values["party_orgs"])
        return values


class PublicValueForm(forms.Form):
    public_value = forms.CharField(label=_("public value"), max_length=200)


class AnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        choices=[("1", pgettext_lazy("invitation", "Confirm")), ("0", _("Decline"))],
        coerce=lambda v: v == "1",
    )
    reason = forms.CharField(
        label=_("reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    step = forms.CharField(max_length=20)
    comment = forms.CharField(required=False, max_length=2000)
    term_years = forms.IntegerField(required=False, min_value=1, max_value=5)


class CreditForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[
            ("served", _("served on a panel")),
            ("no_show", _("no-show")),
            ("rating", _("rating")),
        ]
    )
    rating = forms.IntegerField(required=False, min_value=1, max_value=5)
    reason = forms.CharField(required=False, max_length=2000)


class ScoreSheetForm(forms.Form):
    criteria = forms.CharField(
        label=_("criteria"),
        help_text=_("one criterion a line: name, weight (e.g. Technical merit, 40)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    max_mark = forms.IntegerField(label=_("highest mark"), min_value=1, max_value=1000, initial=100)

    def clean_criteria(self) -> list[dict]:
        rows = []
        for line in self.cleaned_data["criteria"].splitlines():
            label, _sep, weight = line.replace("，", ",").rpartition(",")
            if line.strip():
                rows.append({"label": label.strip() or line.strip(), "weight": weight.strip()})
        return rows
