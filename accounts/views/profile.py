"""The person's own data: profile, export, deletion request, API tokens, 2FA."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import DeletionRequestForm, TokenForm, TotpForm
from accounts.models import ApiToken, DeletionRequest
from accounts.roles import requires_two_factor, roles_of
from accounts.services import invitations, privacy, tokens, two_factor
from core.exceptions import DomainError
from core.ratelimit import ratelimit
from core.registry import profile_sections


def safe_next(request) -> str:
    """The `next` address of the request when it stays on this site, else ""."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


@login_required
def profile(request):
    """Show the person everything StdBase stores about them."""
    user = request.user
    context = {
        "data": privacy.personal_data(user),
        "roles": sorted(roles_of(user)),
        "two_factor_enabled": two_factor.confirmed_device(user) is not None,
        "two_factor_required": requires_two_factor(user),
        "recovery_left": two_factor.remaining_recovery_codes(user),
        "pending_deletion": DeletionRequest.objects.filter(
            user=user, status=DeletionRequest.Status.PENDING
        ).first(),
        "deletion_form": DeletionRequestForm(),
        "invitations": invitations.pending_invitations(user),
        "sections": profile_sections(request),
    }
    return render(request, "accounts/profile.html", context)


@login_required
@require_POST
def export_data(request):
    """Download one's personal data as JSON (audited)."""
    data = privacy.export_personal_data(request.user, request=request)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="stdbase-personal-data.json"'
    return response


@login_required
@require_POST
def request_deletion(request):
    """File a deletion request."""
    form = DeletionRequestForm(request.POST)
    if form.is_valid():
        try:
            privacy.request_deletion(
                request.user, reason=form.cleaned_data["reason"], request=request
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your deletion request was filed."))
    return redirect("accounts:profile")


@login_required
def token_list(request):
    """List the person's API tokens and create a new one (its key is shown once)."""
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = tokens.create_token(
                request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_in_days=form.cleaned_data["expires_in_days"],
                request=request,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            form = TokenForm()
    items = ApiToken.objects.restrict(request.user, "view")
    return render(
        request, "accounts/tokens.html", {"form": form, "tokens": items, "new_key": new_key}
    )


@login_required
@require_POST
def token_revoke(request, pk: int):
    try:
        tokens.revoke_token(request.user, pk, request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The token was revoked."))
    return redirect("accounts:tokens")


@login_required
@ratelimit("two_factor")
def two_factor_setup(request):
    """Enrol an authenticator app by QR code and confirm it with a first code."""
    user = request.user
    if two_factor.confirmed_device(user) is not None and not user.is_verified():
        # Replacing a device needs the current one first, or a stolen password would do.
        return redirect("accounts:two-factor-verify")
    form = TotpForm(request.POST or None)
    device_id = request.session.get("_stdbase_totp_setup")
    device = None
    if device_id:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
    if request.method == "POST" and device is not None and form.is_valid():
        try:
            codes = two_factor.confirm_setup(request, user, device, form.cleaned_data["token"])
        except DomainError as exc:
            form.add_error("token", exc.message)
        else:
            request.session.pop("_stdbase_totp_setup", None)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": safe_next(request)},
            )
    if device is None:
        device = two_factor.start_setup(user)
        request.session["_stdbase_totp_setup"] = device.pk
    context = {
        "form": form,
        "qr": two_factor.qr_data_uri(device),
        "secret": two_factor.secret_text(device),
        "required": requires_two_factor(user),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
@ratelimit("two_factor")
def two_factor_verify(request):
    """Ask for the second factor after the password."""
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request, request.user, form.cleaned_data["token"]):
            return redirect(safe_next(request) or "accounts:profile")
        wait = two_factor.seconds_to_wait(request.user)
        if wait:
            form.add_error(
                "token",
                _("After a wrong code, wait %(seconds)s s, then enter the code shown now.")
                % {"seconds": wait},
            )
        else:
            form.add_error("token", _("The code is not correct."))
    return render(request, "accounts/two_factor_verify.html", {"form": form})


@login_required
@require_POST
def two_factor_disable(request):
    try:
        two_factor.disable(request, request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Two-factor authentication is off."))
    return redirect("accounts:profile")


@login_required
@require_POST
def recovery_codes(request):
    try:
        codes = two_factor.regenerate_recovery_codes(request, request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("accounts:profile")
    return render(request, "accounts/recovery_codes.html", {"codes": codes})
