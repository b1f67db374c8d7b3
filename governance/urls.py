"""Pages of base governance under /governance/."""

from django.urls import path

from governance.views import bases, monitoring

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
]
