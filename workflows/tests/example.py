"""The worked example of docs/processes.md: a proposal, draft → submitted → approved/rejected."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bodies.querysets import BodyScopedQuerySet
from workflows.models import StatefulModel
from workflows.processes import Actor, Condition, Process, Roles, Transition, register_process

PROPOSAL = register_process(
    Process(
        code="example.proposal",
        label=_("Proposal"),
        states={
            "draft": _("Draft"),
            "submitted": _("Submitted"),
            "approved": _("Approved"),
            "rejected": _("Rejected"),
        },
        initial="draft",
        transitions=[
            Transition(
                "submit",
                _("Submit"),
                sources=("draft",),
                target="submitted",
                allowed=(Actor("author", _("the author")),),
                conditions=(Condition(_("the scope is filled in"), lambda p, data: p.scope),),
            ),
            Transition(
                "approve",
                _("Approve"),
                sources=("submitted",),
                target="approved",
                allowed=(Roles("secretariat"),),
            ),
            Transition(
                "reject",
                _("Reject"),
                sources=("submitted",),
                target="rejected",
                allowed=(Roles("secretariat"),),
                comment_required=True,
            ),
            Transition(
                "withdraw",
                _("Withdraw"),
                sources=("draft", "submitted"),
                target="rejected",
                allowed=(Actor("author", _("the author")),),
            ),
        ],
    )
)


class ExampleProposal(StatefulModel):
    """A proposal to an alliance: the smallest real process (test-only table)."""

    process = PROPOSAL

    # DO_NOTHING: deleting people or bodies in other tests never touches this test-only table.
    body = models.ForeignKey(
        "bodies.Body", models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    title = models.CharField(max_length=200)
    scope = models.TextField(blank=True)

    objects = BodyScopedQuerySet.as_manager()

    class Meta:
        app_label = "workflows"
        managed = False
