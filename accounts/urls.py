"""Web routes of the accounts app."""

from django.urls import path

from accounts.views import admin, auth, organizations, profile

app_name = "accounts"
urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("logout/everywhere/", auth.logout_all, name="logout-everywhere"),
    path("register/", auth.register, name="register"),
    path("register/confirm/<str:token>/", auth.activate, name="activate"),
    path("password/change/", auth.PasswordChangeView.as_view(), name="password-change"),
    path("password/reset/", auth.PasswordResetView.as_view(), name="password-reset"),
    path("password/reset/sent/", auth.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/complete/",
        auth.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("profile/", profile.profile, name="profile"),
    path("profile/export/", profile.export_data, name="profile-export"),
    path("profile/delete/", profile.request_deletion, name="profile-delete"),
    path("tokens/", profile.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", profile.token_revoke, name="token-revoke"),
    path("2fa/setup/", profile.two_factor_setup, name="two-factor-setup"),
    path("2fa/verify/", profile.two_factor_verify, name="two-factor-verify"),
    path("2fa/disable/", profile.two_factor_disable, name="two-factor-disable"),
    path("2fa/recovery-codes/", profile.recovery_codes, name="recovery-codes"),
    path("organizations/", organizations.organization_list, name="organizations"),
    path(
        "organizations/register/",
        organizations.organization_register,
        name="organization-register",
    ),
    path(
        "organizations/<int:pk>/",
        organizations.organization_detail,
        name="organization-detail",
    ),
    path(
        "organizations/<int:pk>/members.csv",
        organizations.members_export,
        name="organization-members-export",
    ),
    path("organizations/<int:pk>/members/add/", organizations.member_add, name="member-add"),
    path("invitations/<str:token>/", organizations.invitation, name="invitation"),
    path(
        "invitations/<int:pk>/answer/",
        organizations.invitation_answer,
        name="invitation-answer",
    ),
    path("members/<int:pk>/", organizations.member_change, name="member-change"),
    path("files/", organizations.file_upload, name="files"),
    path("files/<int:pk>/download/", organizations.file_download, name="file-download"),
    path("security/users/", admin.security_users, name="security-users"),
    path("security/roles/", admin.security_roles, name="security-roles"),
    path("security/users/<int:pk>/roles/", admin.security_user_roles, name="security-user-roles"),
    path(
        "security/users/<int:pk>/unlock/", admin.security_user_unlock, name="security-user-unlock"
    ),
    path(
        "security/users/<int:pk>/reset-credentials/",
        admin.security_user_reset,
        name="security-user-reset",
    ),
    path("admin/deletions/", admin.deletion_requests, name="deletion-requests"),
    path("admin/deletions/<int:pk>/", admin.deletion_decide, name="deletion-decide"),
]
