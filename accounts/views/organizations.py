"""Organisations, their members and their shared files; every query goes through restrict()."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import MemberAddForm, MemberRoleForm, OrganizationForm, UploadForm
from accounts.models import Membership, Organization, StoredFile
from accounts.services import invitations, registration
from accounts.services.files import record_download, record_member_export, store_upload
from core.exceptions import DomainError
from core.ratelimit import ratelimit
from core.uploads import CONTENT_TYPES, KINDS
from core.writers import CSV_CONTENT_TYPE, write_csv


@login_required
def organization_list(request):
    """The organisations the person may see."""
    organizations = Organization.objects.restrict(request.user, "view").order_by("name")
    page = Paginator(organizations, 25).get_page(request.GET.get("page"))
    return render(request, "accounts/organization_list.html", {"page": page})


@login_required
def organization_register(request):
    """Register a new organisation; the person becomes its administrator."""
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = registration.register_organization(
                user=request.user, request=request, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The organisation was registered."))
            return redirect("accounts:organization-detail", pk=organization.pk)
    return render(request, "accounts/organization_register.html", {"form": form})


@login_required
def organization_detail(request, pk: int):
    """An organisation with its members (404 for organisations the person may not see)."""
    organization = get_object_or_404(Organization.objects.restrict(request.user, "view"), pk=pk)
    members = (
        Membership.objects.restrict(request.user, "view")
        .filter(organization=organization)
        .select_related("user")
    )
    can_manage = Organization.objects.restrict(request.user, "change").filter(pk=pk).exists()
    files = StoredFile.objects.restrict(request.user, "view").filter(organization=organization)
    context = {
        "organization": organization,
        "members": members,
        "can_manage": can_manage,
        "add_form": MemberAddForm(),
        "invitations": organization.invitations.filter(
            accepted_at__isnull=True, declined_at__isnull=True
        ).order_by("-created_at")[:50]
        if can_manage
        else [],
        "role_form": MemberRoleForm(),
        "files": files,
    }
    return render(request, "accounts/organization_detail.html", context)


@login_required
def members_export(request, pk: int):
    """CSV of an organisation's members, same rows as the page (audited: personal data)."""
    organization = get_object_or_404(Organization.objects.restrict(request.user, "view"), pk=pk)
    members = (
        Membership.objects.restrict(request.user, "view")
        .filter(organization=organization)
        .select_related("user")
    )
    headers = [_("Username"), _("Name"), _("Email"), _("Mobile phone"), _("Role")]
    rows = [
        [m.user.username, m.user.display_name, m.user.email, m.user.masked_phone]
        + [m.get_role_display()]
        for m in members
    ]
    response = HttpResponse(write_csv(headers, rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="members.csv"'
    record_member_export(organization, len(members), actor=request.user, request=request)
    return response


@login_required
@require_POST
def member_add(request, pk: int):
    """Invite a person; the answer is the same whether or not an account matches."""
    organization = get_object_or_404(Organization.objects.restrict(request.user, "view"), pk=pk)
    form = MemberAddForm(request.POST)
    if form.is_valid():
        try:
            invitations.invite_member(
                actor=request.user,
                organization=organization,
                identifier=form.cleaned_data["identifier"],
                role=form.cleaned_data["role"],
                request=request,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _(
                    "If an account matches, its owner was invited and joins after accepting. "
                    "Invitations to an email address without an account are sent there."
                ),
            )
    return redirect("accounts:organization-detail", pk=pk)


@login_required
def invitation(request, token: str):
    """The e-mailed invitation: its person accepts or declines it."""
    try:
        found = invitations.find_invitation(request.user, token)
    except DomainError as exc:
        return render(request, "accounts/invitation.html", {"error": exc.message}, status=404)
    return render(request, "accounts/invitation.html", {"invitation": found})


@login_required
@require_POST
def invitation_answer(request, pk: int):
    """Accept or decline one of one's invitations."""
    accept = request.POST.get("answer") == "accept"
    try:
        answered = invitations.answer_invitation(request.user, pk, accept=accept, request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("accounts:profile")
    if accept:
        messages.success(request, _("You joined %(name)s.") % {"name": answered.organization})
        return redirect("accounts:organization-detail", pk=answered.organization_id)
    messages.success(request, _("The invitation was declined."))
    return redirect("accounts:profile")


@login_required
@require_POST
def member_change(request, pk: int):
    """Change a member's role, or remove the member."""
    membership = get_object_or_404(
        Membership.objects.restrict(request.user, "change").select_related("organization"),
        pk=pk,
    )
    try:
        if request.POST.get("remove"):
            registration.remove_member(actor=request.user, membership=membership, request=request)
        else:
            form = MemberRoleForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Choose a valid role."))
            registration.change_member_role(
                actor=request.user,
                membership=membership,
                role=form.cleaned_data["role"],
                request=request,
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The membership was updated."))
    return redirect("accounts:organization-detail", pk=membership.organization_id)


@login_required
@ratelimit("upload")
def file_upload(request):
    """Upload a document (checked by content), optionally shared with an organisation."""
    organizations = Organization.objects.filter(memberships__user=request.user)
    form = UploadForm(request.POST or None, request.FILES or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            stored = store_upload(
                form.cleaned_data["file"],
                owner=request.user,
                allowed=set(KINDS),
                organization=form.cleaned_data["share_with"],
                purpose="document",
                request=request,
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            messages.success(
                request, _("The file “%(name)s” was uploaded.") % {"name": stored.original_name}
            )
            return redirect("accounts:files")
    files = StoredFile.objects.restrict(request.user, "view").select_related("organization")
    return render(request, "accounts/files.html", {"form": form, "files": files})


@login_required
def file_download(request, pk: int):
    """Serve a stored file only to people allowed to see it, never inline."""
    stored = StoredFile.objects.restrict(request.user, "view").filter(pk=pk).first()
    if stored is None:
        raise Http404
    record_download(stored, actor=request.user, request=request)
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=CONTENT_TYPES.get(stored.kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
