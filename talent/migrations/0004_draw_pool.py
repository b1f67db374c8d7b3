import django.db.models.deletion
from django.db import migrations, models


def move_candidates(apps, schema_editor):
    """Each committed draw's candidates move to its own DrawPool row (the pool of a drawn
    draw is taken from its record; a committed one is screened again when drawn)."""
    ExpertDraw = apps.get_model("talent", "ExpertDraw")
    DrawPool = apps.get_model("talent", "DrawPool")
    for draw in ExpertDraw.objects.exclude(pool_sha256=""):
        DrawPool.objects.create(
            draw=draw, candidates=draw.candidates, pool=(draw.record or {}).get("pool", [])
        )
        draw.candidate_count = len(draw.candidates)
        draw.save(update_fields=["candidate_count"])


class Migration(migrations.Migration):
    dependencies = [
        ("talent", "0003_consent_and_score_sheets"),
    ]

    operations = [
        migrations.AddField(
            model_name="expertdraw",
            name="candidate_count",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="expertdraw",
            name="exclusion_counts",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.CreateModel(
            name="DrawPool",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("candidates", models.JSONField(default=list)),
                ("pool", models.JSONField(default=list)),
                ("excluded", models.JSONField(default=dict)),
                (
                    "draw",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="frozen",
                        to="talent.expertdraw",
                    ),
                ),
            ],
        ),
        migrations.RunPython(move_candidates, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="expertdraw",
            name="candidates",
        ),
    ]
