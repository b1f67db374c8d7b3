"""REST API routes of base governance, under /api/v1/governance/."""

from rest_framework.routers import DefaultRouter

from governance.api import views

app_name = "governance-api"
router = DefaultRouter()
router.register("bases", views.BaseViewSet, basename="base")
router.register("contracts", views.ContractViewSet, basename="contract")
router.register("plan-tasks", views.PlanTaskViewSet, basename="plan-task")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("evaluations", views.EvaluationViewSet, basename="evaluation")
urlpatterns = router.urls
