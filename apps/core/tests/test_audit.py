"""The audit log: one line per moderation decision, kept when its table moved into core."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from apps.core.models import AuditEntry
from apps.core.services import audit_forget_actor, audit_record


@pytest.mark.django_db
def test_a_decision_is_recorded_and_the_actor_forgotten_on_erasure(django_user_model):
    actor = django_user_model.objects.create_user(email="staff@example.org", is_staff=True)
    target = django_user_model.objects.create_user(email="someone@example.org")
    entry = audit_record(actor=actor, action="user.check", target=target, note="why")
    assert (entry.actor, entry.actor_email, entry.target_type) == (
        actor,
        "staff@example.org",
        "accounts.user",
    )
    assert entry.target_id == str(target.pk) and entry.target_label == "someone@example.org"
    assert audit_forget_actor(user=actor) == 1
    entry.refresh_from_db()
    assert entry.actor is None and entry.actor_email == "(erased account)"
    assert entry.action == "user.check" and entry.note == "why"


@pytest.mark.django_db(transaction=True)
def test_moving_the_audit_log_into_core_keeps_its_rows_and_permissions():
    before = [("staff", "0003_moderators_news"), ("core", "0001_site")]
    after = [("staff", "0004_auditentry_to_core"), ("core", "0002_auditentry")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    OldEntry = old_apps.get_model("staff", "AuditEntry")
    OldEntry.objects.create(
        actor_email="moderator@example.org",
        action="vacancy.approve",
        target_type="vacancies.vacancy",
        target_id="7",
        target_label="Lab technician",
    )
    # Moderators may read the audit log: that permission must follow it.
    content_type, _ = old_apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="staff", model="auditentry"
    )
    permission, _ = old_apps.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type, codename="view_auditentry", defaults={"name": "Can view"}
    )
    group, _ = old_apps.get_model("auth", "Group").objects.get_or_create(name="Moderators")
    group.permissions.add(permission)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new_apps = executor.loader.project_state(after).apps
    entry = new_apps.get_model("core", "AuditEntry").objects.get()
    assert (entry.action, entry.target_label) == ("vacancy.approve", "Lab technician")
    moderators = new_apps.get_model("auth", "Group").objects.get(name="Moderators")
    assert moderators.permissions.filter(
        codename="view_auditentry", content_type__app_label="core"
    ).exists()

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert AuditEntry.objects.get().action == "vacancy.approve"
