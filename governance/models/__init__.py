"""Models of base governance."""

from governance.models.bases import BASE_LIFECYCLE, REQUIRED_DOCUMENTS, Base, missing_documents
from governance.models.common import Document, DocumentKind
from governance.models.contracts import (
    BudgetLine,
    ChangeRequest,
    Contract,
    ContractTask,
    PaymentMilestone,
    TaskStatus,
)
from governance.models.evaluations import (
    DEFAULT_THRESHOLDS,
    Evaluation,
    EvaluationKind,
    ExpertScore,
    Finding,
    Grade,
    PanelMember,
    Rectification,
)
from governance.models.kpis import Indicator, KpiValue
from governance.models.plans import AnnualPlan, PlanTask, ProgressReport, ReportingPeriod

__all__ = [
    "BASE_LIFECYCLE",
    "DEFAULT_THRESHOLDS",
    "REQUIRED_DOCUMENTS",
    "AnnualPlan",
    "Base",
    "BudgetLine",
    "ChangeRequest",
    "Contract",
    "ContractTask",
    "Document",
    "DocumentKind",
    "Evaluation",
    "EvaluationKind",
    "ExpertScore",
    "Finding",
    "Grade",
    "Indicator",
    "KpiValue",
    "PanelMember",
    "PaymentMilestone",
    "PlanTask",
    "ProgressReport",
    "ReportingPeriod",
    "Rectification",
    "TaskStatus",
    "missing_documents",
]
