"""URLs of public comment and ballots, included into development.urls."""

from django.urls import path

from development.views import review

urlpatterns = [
    path("drafts/<int:draft_pk>/comment-window/", review.window_open, name="comment-window-open"),
    path("comments/<int:pk>/", review.window_detail, name="comment-window"),
    path("comments/<int:pk>/add/", review.comment_add, name="comment-add"),
    path(
        "comments/<int:pk>/<int:comment_pk>/resolve/",
        review.comment_resolve,
        name="comment-resolve",
    ),
    path(
        "comments/<int:pk>/table.<str:kind>",
        review.resolution_table,
        name="comment-table",
    ),
    path("comments/<int:pk>/template.xlsx", review.template_export, name="comment-template"),
    path("comments/<int:pk>/import/", review.template_import, name="comment-import"),
    path("drafts/<int:draft_pk>/ballot/", review.ballot_open, name="ballot-open"),
    path("ballots/<int:pk>/", review.ballot_detail, name="ballot"),
    path("ballots/<int:pk>/vote/", review.ballot_vote, name="ballot-vote"),
    path("ballots/<int:pk>/close/", review.ballot_close, name="ballot-close"),
]
