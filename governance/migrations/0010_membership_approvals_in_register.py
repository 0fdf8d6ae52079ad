"""Membership approvals the Steering Committee took before the register recorded them: one
decision each, numbered after the decisions of their year, in the order they were taken."""

from django.db import migrations
from django.utils import timezone


def record_approvals(apps, schema_editor):
    from governance.services import membership_decision_texts

    Application = apps.get_model("members", "MembershipApplication")
    ApplicationVote = apps.get_model("members", "ApplicationVote")
    Body = apps.get_model("governance", "Body")
    Decision = apps.get_model("governance", "Decision")

    committee = Body.objects.filter(kind="steering_committee").first()
    approved = (
        Application.objects.filter(status="approved", decided_at__isnull=False, decision__isnull=True)
        .select_related("organization")
        .order_by("decided_at", "pk")
    )
    for application in approved:
        choices = list(
            ApplicationVote.objects.filter(application=application).values_list("choice", flat=True)
        )
        counts = {
            "approve": choices.count("approve"),
            "reject": choices.count("reject"),
            "abstain": choices.count("abstain"),
        }
        title, text = membership_decision_texts(application.organization.name, counts)
        decided_on = timezone.localdate(application.decided_at)
        numbers = Decision.objects.filter(number__startswith=f"{decided_on.year}/").values_list(
            "number", flat=True
        )
        last = max(
            (int(n.split("/", 1)[1]) for n in numbers if n.split("/", 1)[1].isdigit()), default=0
        )
        Decision.objects.create(
            number=f"{decided_on.year}/{last + 1}",
            decided_on=decided_on,
            body=committee,
            title=title,
            text=text,
            votes_for=counts["approve"],
            votes_against=counts["reject"],
            votes_abstaining=counts["abstain"],
            application=application,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0009_decision_application"),
    ]

    operations = [migrations.RunPython(record_approvals, migrations.RunPython.noop)]
