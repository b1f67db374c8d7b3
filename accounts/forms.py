"""Forms of the accounts pages (they only parse input; services apply the rules)."""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, OrganizationType, TokenScope
from accounts.role_defaults import global_role_choices
from accounts.services.lockout import locked_until, source_of


class SignInDelayMixin(forms.Form):
    """Username or email; tells a delayed sign-in apart, with the end in local time."""

    username = forms.CharField(
        label=_("Username or email"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            until = locked_until(self.cleaned_data.get("username") or "", source_of(self.request))
            if until:
                raise forms.ValidationError(
                    _(
                        "Too many failed attempts from this address: wait until %(until)s "
                        "before trying again, or reset your password."
                    ),
                    code="locked",
                    params={"until": formats.date_format(timezone.localtime(until), "Y-m-d H:i")},
                ) from None
            raise


class AdminLoginForm(SignInDelayMixin, AdminAuthenticationForm):
    """The Django admin's sign-in form, with the same delays and messages."""


class LoginForm(SignInDelayMixin, AuthenticationForm):
    """Username or email address, and password; tells a delayed sign-in apart."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The username/email or the password is not correct."),
    }


class NewPasswordChangeForm(PasswordChangeForm):
    """Changing the password: the new one must differ from the current one."""

    def clean_new_password1(self):
        password = self.cleaned_data.get("new_password1")
        if password and self.user.check_password(password):
            raise forms.ValidationError(
                _("The new password must differ from the current one."), code="unchanged"
            )
        return password


class PasswordResetRequestForm(PasswordResetForm):
    """Also reaches accounts whose credentials the security administrator reset."""

    def get_users(self, email):
        return (
            get_user_model()
            ._default_manager.filter(
                email__iexact=email, is_active=True, anonymized_at__isnull=True
            )
            .exclude(email="")
        )


class RegistrationForm(forms.Form):
    """A person's registration."""

    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.+-]+$",
        help_text=_("Letters, digits and . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    display_name = forms.CharField(label=_("Name to display"), max_length=100, required=False)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class OrganizationForm(forms.Form):
    """An organisation's registration."""

    name = forms.CharField(label=_("Organisation name"), max_length=200)
    type = forms.ChoiceField(label=_("Type"), choices=OrganizationType.choices)
    credit_code = forms.CharField(
        label=_("Unified social credit code"),
        max_length=24,
        help_text=_("18 characters, as printed on the business licence."),
    )
    region = forms.CharField(label=_("Region"), max_length=100, required=False)


class MemberAddForm(forms.Form):
    """Invite a person into an organisation."""

    identifier = forms.CharField(label=_("Username or email"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class TokenForm(forms.Form):
    """A new personal API token."""

    name = forms.CharField(label=_("Name"), max_length=100)
    scope = forms.ChoiceField(label=_("Scope"), choices=TokenScope.choices)
    expires_in_days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=365, initial=90
    )


class TotpForm(forms.Form):
    """A six-digit code from the authenticator app, or a recovery code."""

    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class DeletionRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), required=False, max_length=2000, widget=forms.Textarea
    )


class DeletionDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Approve and anonymise")), ("no", _("Reject"))],
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class RoleChangeForm(forms.Form):
    # Every role any app declared in the registry (core.roles) that can be held globally.
    role = forms.ChoiceField(label=_("Role"), choices=global_role_choices)
    operation = forms.ChoiceField(choices=[("assign", _("Assign")), ("revoke", _("Revoke"))])


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))
    share_with = forms.ModelChoiceField(
        label=_("Share with organisation"), queryset=None, required=False
    )

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["share_with"].queryset = organizations
