"""URLs of standards development under /development/."""

from django.urls import include, path

from development.views import bodies, coaching, drafts, manage, projects, proposals

app_name = "development"

urlpatterns = [
    path("", projects.project_list, name="projects"),
    path("bodies/", bodies.body_index, name="bodies"),
    path("coaching/", coaching.coaching_list, name="coaching-list"),
    path("coaching/<int:pk>/", coaching.coaching_detail, name="coaching"),
    path("coaching/<int:pk>/state/", coaching.coaching_state, name="coaching-state"),
    path("bodies/<int:pk>/", bodies.body_detail, name="body"),
    path("bodies/new/", manage.body_new, name="body-new"),
    path("bodies/<int:pk>/members/", manage.body_members, name="body-members"),
    path(
        "bodies/<int:pk>/members/<int:membership_pk>/end/",
        manage.membership_end,
        name="membership-end",
    ),
    path("bodies/<int:pk>/schedule/", manage.body_schedule, name="body-schedule"),
    path("bodies/<int:pk>/projects.xlsx", bodies.body_projects_xlsx, name="body-xlsx"),
    path("bodies/<int:body_pk>/propose/", proposals.proposal_new, name="proposal-new"),
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/edit/", proposals.proposal_edit, name="proposal-edit"),
    path(
        "proposals/<int:pk>/transition/", proposals.proposal_transition, name="proposal-transition"
    ),
    path("projects/<int:pk>/", projects.project_detail, name="project"),
    path("projects/<int:pk>/advance/", projects.project_advance, name="project-advance"),
    path("projects/<int:pk>/publish/", projects.project_publish, name="project-publish"),
    path(
        "projects/<int:pk>/actions/<int:item_pk>/resolve/",
        projects.action_item_resolve,
        name="action-resolve",
    ),
    path("projects/<int:pk>/drafts/", drafts.draft_upload, name="draft-upload"),
    path("projects/<int:pk>/drafts/<int:draft_pk>/", drafts.draft_detail, name="draft"),
    path("projects/<int:pk>/drafts/<int:draft_pk>/file/", drafts.draft_file, name="draft-file"),
    path(
        "projects/<int:pk>/drafts/<int:draft_pk>/recheck/",
        drafts.draft_recheck,
        name="draft-recheck",
    ),
    path("projects/<int:pk>/compare/", drafts.draft_compare, name="compare"),
]
urlpatterns += [path("", include("development.urls_review"))]
