"""Pages of base governance under /governance/."""

from django.urls import path

from governance.views import bases, evaluations, manage, monitoring

app_name = "governance"

urlpatterns = [
    path("", bases.base_list, name="bases"),
    path("bases/<int:pk>/", bases.base_detail, name="base"),
    path("bases/<int:pk>/advance/", bases.base_advance, name="base-advance"),
    path("bases/<int:pk>/documents/", bases.document_upload, name="document-upload"),
    path("documents/<int:pk>/", bases.document_file, name="document"),
    path("contracts/<int:pk>/", bases.contract_detail, name="contract"),
    path("contracts/<int:pk>/action/", bases.contract_action, name="contract-action"),
    path("plans/<int:pk>/", bases.plan_detail, name="plan"),
    path("plans/<int:pk>/bulletin.<str:fmt>", bases.plan_bulletin, name="bulletin"),
    path("tasks/<int:pk>/", bases.task_detail, name="task"),
    path("tasks/<int:pk>/report/", bases.task_report, name="task-report"),
    path("bases/<int:pk>/dashboard/", monitoring.dashboard, name="dashboard"),
    path(
        "bases/<int:pk>/dashboard.<str:fmt>", monitoring.dashboard_export, name="dashboard-export"
    ),
    path("bases/<int:pk>/compute/", monitoring.compute, name="compute"),
    path("indicators/<int:pk>/", monitoring.indicator_detail, name="indicator"),
    path("indicators/<int:pk>/enter/", monitoring.indicator_enter, name="indicator-enter"),
    path("bases/<int:pk>/contracts/new/", manage.contract_new, name="contract-new"),
    path("contracts/<int:pk>/add/", manage.contract_add, name="contract-add"),
    path("bases/<int:pk>/plans/new/", manage.plan_new, name="plan-new"),
    path("plans/<int:pk>/add/", manage.plan_add, name="plan-add"),
    path("bases/<int:pk>/indicators/new/", manage.indicator_new, name="indicator-new"),
    path("bases/<int:pk>/evaluations/", evaluations.evaluation_list, name="evaluations"),
    path("bases/<int:pk>/evaluations/new/", evaluations.evaluation_new, name="evaluation-new"),
    path("evaluations/<int:pk>/", evaluations.evaluation_detail, name="evaluation"),
    path("evaluations/<int:pk>/action/", evaluations.evaluation_action, name="evaluation-action"),
    path("evaluations/<int:pk>/dossier.<str:fmt>", evaluations.dossier, name="dossier"),
    path("rectifications/<int:pk>/", evaluations.rectification_action, name="rectification"),
]
