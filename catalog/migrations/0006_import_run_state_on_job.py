"""An import run's state, progress, timing, starter and error live on its job only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0005_import_runs_get_jobs"),
    ]

    operations = [
        migrations.AlterField(
            model_name="importrun",
            name="job",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="jobs.job",
                verbose_name="background job",
            ),
        ),
        migrations.AlterModelOptions(
            name="importrun",
            options={
                "ordering": ["-id"],
                "verbose_name": "import run",
                "verbose_name_plural": "import runs",
            },
        ),
        migrations.RemoveField(model_name="importrun", name="state"),
        migrations.RemoveField(model_name="importrun", name="started_at"),
        migrations.RemoveField(model_name="importrun", name="finished_at"),
        migrations.RemoveField(model_name="importrun", name="processed"),
        migrations.RemoveField(model_name="importrun", name="error"),
        migrations.RemoveField(model_name="importrun", name="user"),
    ]
