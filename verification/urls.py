"""Web routes of verification centres, draft verification requests and inter-laboratory rounds."""

from django.urls import path

from verification.views import centres, commissions, requests, rounds

app_name = "verification"
urlpatterns = [
    path("centres/", centres.centre_list, name="centres"),
    path("centres/overview/", centres.overview, name="overview"),
    path("centres/<int:pk>/", centres.centre_detail, name="centre"),
    path("centres/<int:pk>/profile/", centres.centre_profile, name="centre-profile"),
    path("centres/<int:pk>/add/<str:part>/", centres.centre_add, name="centre-add"),
    path("centres/<int:pk>/items/", centres.centre_items, name="centre-items"),
    path("requests/", requests.request_list, name="requests"),
    path("requests/new/<int:draft>/", requests.request_new, name="request-new"),
    path("requests/<int:pk>/", requests.request_detail, name="request"),
    path("requests/<int:pk>/state/", requests.request_state, name="request-state"),
    path("requests/<int:pk>/plan/", requests.request_plan, name="request-plan"),
    path("requests/<int:pk>/results/", requests.request_results, name="request-results"),
    path("requests/<int:pk>/upload/", requests.request_upload, name="request-upload"),
    path("requests/<int:pk>/template.xlsx", requests.request_template, name="request-template"),
    path("requests/<int:pk>/report.pdf", requests.request_pdf_view, name="request-pdf"),
    path("requests/<int:pk>/data.xlsx", requests.request_xlsx_view, name="request-xlsx"),
    path("projects/<int:pk>/", requests.project_reports, name="project-reports"),
    path("verify/<str:code>/", requests.verify, name="verify"),
    path("commissions/", commissions.commission_list, name="commissions"),
    path("commissions/<int:pk>/", commissions.commission_detail, name="commission"),
    path("commissions/<int:pk>/state/", commissions.commission_state, name="commission-state"),
    path("rounds/", rounds.round_list, name="rounds"),
    path("rounds/new/", rounds.round_new, name="round-new"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/export.<str:fmt>", rounds.round_export, name="round-export"),
]
