"""Sign-in, registration, password change and reset."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import (
    LoginForm,
    NewPasswordChangeForm,
    PasswordResetRequestForm,
    RegistrationForm,
)
from accounts.services.passwords import password_was_set, record_reset_request
from accounts.services.registration import activate_account, register_user
from accounts.services.sessions import logout_everywhere
from core.exceptions import DomainError
from core.ratelimit import ratelimit


@method_decorator(ratelimit("login"), name="dispatch")
class LoginView(auth_views.LoginView):
    """Sign in with username or email; the session key changes on success."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Sign out (POST only)."""

    template_name = "accounts/logged_out.html"


@ratelimit("register")
def register(request):
    """Register; whether or not the address has an account, the answer is "check your inbox"."""
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            register_user(
                username=data["username"],
                email=data["email"],
                password=data["password1"],
                display_name=data["display_name"],
                phone=data["phone"],
                request=request,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return render(request, "accounts/register_done.html", {"email": data["email"]})
    return render(request, "accounts/register.html", {"form": form})


def activate(request, token: str):
    """Open the e-mailed registration link: activate the account and sign the person in."""
    try:
        user = activate_account(token, request=request)
    except DomainError as exc:
        return render(request, "accounts/register_done.html", {"error": exc.message}, status=400)
    login(request, user, backend="accounts.backends.StdBaseBackend")
    messages.success(request, _("Welcome! Your account has been created."))
    return redirect("accounts:profile")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's own password (forced after a generated one); then go on to `next`."""

    template_name = "accounts/password_change.html"
    form_class = NewPasswordChangeForm
    success_url = reverse_lazy("accounts:profile")

    def get_success_url(self):
        from accounts.views.profile import safe_next

        return safe_next(self.request) or str(self.success_url)

    def get_context_data(self, **kwargs):
        from accounts.views.profile import safe_next

        context = super().get_context_data(**kwargs)
        context.update(forced=self.request.user.must_change_password, next=safe_next(self.request))
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        password_was_set(form.user, reset=False, request=self.request)
        messages.success(self.request, _("Your password was changed."))
        return response


@method_decorator(ratelimit("password_reset"), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by email (the answer never reveals whether the address exists)."""

    template_name = "accounts/password_reset.html"
    form_class = PasswordResetRequestForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form):
        record_reset_request(form.cleaned_data["email"], request=self.request)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@method_decorator(ratelimit("password_reset"), name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Set a new password with a single-use, expiring link."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        password_was_set(form.user, reset=True, request=self.request)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
@require_POST
def logout_all(request):
    """Sign out of every session of this account."""
    logout_everywhere(request.user, request=request)
    messages.success(request, _("You were signed out on all devices."))
    return redirect("accounts:login")
