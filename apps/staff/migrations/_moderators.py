"""The moderator group, shared by the staff migrations."""
# Moderators moderate and read; they cannot delete users and hold no permission on CVs.

MODERATOR_PERMISSIONS = [
    ("accounts", "view_user"),
    ("organizations", "view_organization"),
    ("organizations", "change_organization"),
    ("organizations", "view_membership"),
    ("organizations", "view_membershiprequest"),
    ("organizations", "change_membershiprequest"),
    ("organizations", "view_verificationrequest"),
    ("organizations", "change_verificationrequest"),
    ("vacancies", "view_vacancy"),
    ("vacancies", "change_vacancy"),
    ("vacancies", "view_application"),
    ("events", "view_event"),
    ("events", "change_event"),
    ("events", "view_registration"),
    ("staff", "view_report"),
    ("staff", "change_report"),
    ("staff", "view_auditentry"),
    ("content", "view_newsitem"),
    ("content", "change_newsitem"),
    ("content", "add_newsitem"),
    ("content", "view_page"),
    ("content", "change_page"),
]


def create_moderators(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; moderators need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    for app_label, codename in MODERATOR_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)
