"""Pages of the security administrator (roles, unlocking) and system administrator (deletions)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import DeletionDecisionForm, RoleChangeForm, TotpForm
from accounts.models import DeletionRequest, Role, RoleAssignment, RoleCode
from accounts.roles import has_role
from accounts.services import privacy
from accounts.services.credentials import reset_credentials
from accounts.services.lockout import unlock_account
from accounts.services.roles import assign_role, revoke_role, set_role_permission
from core.exceptions import DomainError


def _require(request, code: str) -> None:
    if not has_role(request.user, code):
        raise PermissionDenied


@login_required
def security_users(request):
    """People and their platform roles, for the security administrator."""
    _require(request, RoleCode.SECURITY_ADMIN)
    User = get_user_model()
    query = (request.GET.get("q") or "").strip()[:100]
    users = User.objects.filter(anonymized_at__isnull=True).prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.select_related("role"))
    )
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(email__icontains=query)
            | Q(display_name__icontains=query)
        )
    page = Paginator(users.order_by("username"), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/security_users.html",
        {"page": page, "q": query, "form": RoleChangeForm()},
    )


@login_required
@require_POST
def security_user_roles(request, pk: int):
    """Assign or revoke one role (the separation of the three administrators applies)."""
    _require(request, RoleCode.SECURITY_ADMIN)
    person = get_object_or_404(get_user_model(), pk=pk)
    form = RoleChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
        return redirect("accounts:security-users")
    code, operation = form.cleaned_data["role"], form.cleaned_data["operation"]
    try:
        if operation == "assign":
            assign_role(person, code, actor=request.user, request=request)
        else:
            revoke_role(person, code, actor=request.user, request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The roles of %(user)s were updated.") % {"user": person})
    return redirect("accounts:security-users")


@login_required
@require_POST
def security_user_unlock(request, pk: int):
    """Lift a sign-in lock before it expires."""
    _require(request, RoleCode.SECURITY_ADMIN)
    person = get_object_or_404(get_user_model(), pk=pk)
    unlock_account(person, actor=request.user, request=request)
    messages.success(request, _("%(user)s can sign in again.") % {"user": person})
    return redirect("accounts:security-users")


@login_required
def security_user_reset(request, pk: int):
    """Reset a person's password and authenticator after the security admin's own fresh code."""
    _require(request, RoleCode.SECURITY_ADMIN)
    person = get_object_or_404(get_user_model(), pk=pk, anonymized_at__isnull=True)
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reset_credentials(
                request.user, person, code=form.cleaned_data["token"], request=request
            )
        except DomainError as exc:
            form.add_error("token", exc.message)
        else:
            messages.success(
                request,
                _("The credentials of %(user)s were reset; a link to choose a password was sent.")
                % {"user": person},
            )
            return redirect("accounts:security-users")
    return render(request, "accounts/security_user_reset.html", {"person": person, "form": form})


@login_required
def security_roles(request):
    """Roles and their permissions; the security administrator grants or withdraws them."""
    _require(request, RoleCode.SECURITY_ADMIN)
    if request.method == "POST":
        role = get_object_or_404(Role, pk=request.POST.get("role"))
        app_label, _sep, codename = (request.POST.get("permission") or "").partition(".")
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is None:
            messages.error(request, _("Unknown permission."))
        else:
            try:
                set_role_permission(
                    role,
                    permission,
                    grant=request.POST.get("operation") == "grant",
                    actor=request.user,
                    request=request,
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("The role was updated."))
        return redirect("accounts:security-roles")
    roles = Role.objects.prefetch_related("permissions__content_type").order_by("code")
    permissions = Permission.objects.select_related("content_type").order_by(
        "content_type__app_label", "codename"
    )
    return render(
        request, "accounts/security_roles.html", {"roles": roles, "permissions": permissions}
    )


@login_required
def deletion_requests(request):
    """Pending deletion requests for the system administrator."""
    _require(request, RoleCode.SYSTEM_ADMIN)
    return render(
        request,
        "accounts/deletion_requests.html",
        {"requests": privacy.pending_deletions(), "form": DeletionDecisionForm()},
    )


@login_required
@require_POST
def deletion_decide(request, pk: int):
    _require(request, RoleCode.SYSTEM_ADMIN)
    deletion = get_object_or_404(DeletionRequest, pk=pk)
    form = DeletionDecisionForm(request.POST)
    if form.is_valid():
        try:
            privacy.decide_deletion(
                request.user,
                deletion,
                approve=form.cleaned_data["approve"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The request was decided."))
    return redirect("accounts:deletion-requests")
