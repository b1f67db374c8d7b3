"""Web routes of conformity tests and evaluations of standards in use."""

from django.urls import path

from verification.views import conformity, evaluation

app_name = "evaluation"
urlpatterns = [
    path("conformity/", conformity.conformity_list, name="conformity-list"),
    path("conformity/new/", conformity.conformity_new, name="conformity-new"),
    path("conformity/template.xlsx", conformity.conformity_template, name="conformity-template"),
    path("conformity/<int:pk>/", conformity.conformity_detail, name="conformity-detail"),
    path("conformity/<int:pk>/items/", conformity.conformity_add_item, name="conformity-add-item"),
    path("conformity/<int:pk>/upload/", conformity.conformity_upload, name="conformity-upload"),
    path("conformity/<int:pk>/state/", conformity.conformity_transition, name="conformity-state"),
    path("conformity/<int:pk>/report.pdf", conformity.conformity_report_pdf, name="conformity-pdf"),
    path("conformity/<int:pk>/data.xlsx", conformity.conformity_data_xlsx, name="conformity-xlsx"),
    path("conformity/verify/<str:code>/", conformity.conformity_verify, name="conformity-verify"),
    path("standards/<int:pk>/failures/", conformity.standard_stats, name="standard-stats"),
    path("benefit/", evaluation.benefit_list, name="benefit-list"),
    path("benefit/<int:pk>/", evaluation.benefit_detail, name="benefit-detail"),
    path("benefit/<int:pk>/export.<str:fmt>", evaluation.benefit_export, name="benefit-export"),
    path("questionnaires/", evaluation.questionnaire_list, name="questionnaire-list"),
    path("questionnaires/<int:pk>/", evaluation.questionnaire_detail, name="questionnaire-detail"),
    path(
        "questionnaires/<int:pk>/export.xlsx",
        evaluation.questionnaire_export,
        name="questionnaire-export",
    ),  # fmt: skip
    path("answer/<str:token>/", evaluation.answer, name="answer"),
]
