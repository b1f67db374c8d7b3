"""Expert database and draw pages, under /talent/experts/."""

from django.urls import path

from talent.views import draws, experts

app_name = "experts"
urlpatterns = [
    path("", experts.index, name="index"),
    path("queue/", experts.queue, name="queue"),
    path("apply/", experts.apply, name="apply"),
    path("my-data.json", experts.my_data, name="my-data"),
    path("<int:pk>/", experts.detail, name="detail"),
    path("<int:pk>/edit/", experts.edit, name="edit"),
    path("<int:pk>/decide/", experts.decide, name="decide"),
    path("<int:pk>/credit/", experts.credit, name="credit"),
    path("<int:pk>/personal/", experts.reveal, name="reveal"),
    path("draws/", draws.index, name="draws"),
    path("draws/new/", draws.create, name="draw-create"),
    path("draws/<int:pk>/", draws.detail, name="draw"),
    path("draws/<int:pk>/step/", draws.step, name="draw-step"),
    path("draws/<int:pk>/record.json", draws.record, name="draw-record"),
    path("draws/<int:pk>/record.pdf", draws.pdf, name="draw-pdf"),
    path("draws/<int:pk>/score-sheet/", draws.sheet_create, name="sheet-create"),
    path("panels/", draws.mine, name="mine"),
    path("invitations/<str:token>/", draws.invitation, name="invitation"),
    path("score-sheets/<int:pk>/", draws.score, name="score"),
]
