"""TOTP two-factor authentication and single-use recovery codes."""

from __future__ import annotations

import base64
import io
import secrets

import qrcode
import qrcode.image.svg
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.exceptions import AccountError
from accounts.models import RecoveryCode
from accounts.roles import requires_two_factor
from audit.services import log_action

RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def confirmed_device(user) -> TOTPDevice | None:
    """The user's confirmed TOTP device, if any."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def start_setup(user) -> TOTPDevice:
    """Create a fresh unconfirmed TOTP device (replacing an earlier unconfirmed one)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)


def qr_data_uri(device: TOTPDevice) -> str:
    """The provisioning URI as an SVG QR code in a data: URI (allowed by the CSP)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def secret_text(device: TOTPDevice) -> str:
    """The shared secret in base32, for people who type it into their app."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def _normalize_token(token: str) -> str:
    return "".join((token or "").split())


def confirm_setup(request, user, device: TOTPDevice, token: str) -> list[str]:
    """Confirm a device with its first code; returns new recovery codes to show once."""
    if device.user_id != user.pk or device.confirmed:
        raise AccountError(_("Start the set-up again."))
    # django-otp delays the attempt after a wrong code, which rejected a correct code typed
    # right after a typo. Enrolling one's own new device is no guessing target (the page is
    # rate-limited and the person is signed in), so set-up codes are never throttled.
    device.throttle_reset(commit=False)
    if not device.verify_token(_normalize_token(token)):
        log_action(
            "accounts.2fa.setup_failed", actor=user, obj=user, result="failure", request=request
        )
        raise AccountError(_("The code is not correct. Check the time on your phone and retry."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _replace_recovery_codes(user)
        log_action("accounts.2fa.enabled", actor=user, obj=user, request=request)
    otp_login(request, device)
    return codes


def verify(request, user, token: str) -> bool:
    """Check a TOTP code (or a recovery code) and mark the session as verified."""
    token = _normalize_token(token)
    device = confirmed_device(user)
    if device is not None and token.isdigit() and device.verify_token(token):
        otp_login(request, device)
        log_action("accounts.2fa.verified", actor=user, obj=user, request=request)
        return True
    if device is not None and not token.isdigit() and use_recovery_code(user, token):
        otp_login(request, device)
        log_action("accounts.2fa.recovery_code_used", actor=user, obj=user, request=request)
        return True
    log_action("accounts.2fa.failed", actor=user, obj=user, result="failure", request=request)
    return False


def seconds_to_wait(user) -> int:
    """How long django-otp's failure throttle still refuses codes at sign-in (0 = none)."""
    device = confirmed_device(user)
    if device is None:
        return 0
    allowed, data = device.verify_is_allowed()
    if allowed or not data or not data.get("locked_until"):
        return 0
    return max(1, int((data["locked_until"] - timezone.now()).total_seconds() + 0.999))


def check_fresh_code(user, token: str, *, request=None) -> bool:
    """Check a new code from the user's own authenticator before a sensitive step."""
    token = _normalize_token(token)
    device = confirmed_device(user)
    if device is not None and token.isdigit() and device.verify_token(token):
        return True
    log_action(
        "accounts.2fa.reauthentication_failed",
        actor=user,
        obj=user,
        result="failure",
        request=request,
    )
    return False


def _new_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def _replace_recovery_codes(user) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [_new_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(user=user, code_hash=make_password(code)) for code in codes]
    )
    return codes


def regenerate_recovery_codes(request, user) -> list[str]:
    """Replace all recovery codes; the new ones are shown once."""
    if confirmed_device(user) is None:
        raise AccountError(_("Set up two-factor authentication first."))
    codes = _replace_recovery_codes(user)
    log_action("accounts.2fa.recovery_codes_regenerated", actor=user, obj=user, request=request)
    return codes


def use_recovery_code(user, code: str) -> bool:
    """Consume one unused recovery code; True when it matched."""
    code = code.strip().lower()
    if len(code) == 10:
        code = f"{code[:5]}-{code[5:]}"
    with transaction.atomic():
        for candidate in RecoveryCode.objects.select_for_update().filter(
            user=user, used_at__isnull=True
        ):
            if check_password(code, candidate.code_hash):
                candidate.used_at = timezone.now()
                candidate.save(update_fields=["used_at"])
                return True
    return False


def remaining_recovery_codes(user) -> int:
    """How many unused recovery codes the user has left."""
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def disable(request, user) -> None:
    """Turn two-factor authentication off (refused for roles that require it)."""
    if requires_two_factor(user):
        raise AccountError(_("Administrators and auditors cannot turn off two-factor sign-in."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        log_action("accounts.2fa.disabled", actor=user, obj=user, request=request)
