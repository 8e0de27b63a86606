from django.db import migrations

SECTORS = [
    ("health", "Health", 1),
    ("agrifood", "Agrifood", 2),
    ("industrial", "Industrial biotech", 3),
    ("medtech", "Medtech", 4),
    ("digital", "Digital health", 5),
]


def add_sectors(apps, schema_editor):
    Sector = apps.get_model("organizations", "Sector")
    for slug, name, position in SECTORS:
        Sector.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})


def remove_sectors(apps, schema_editor):
    apps.get_model("organizations", "Sector").objects.filter(
        slug__in=[slug for slug, _, _ in SECTORS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [migrations.RunPython(add_sectors, remove_sectors)]
