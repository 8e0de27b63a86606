import csv

from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from apps.core.csv import csv_safe
from apps.core.exceptions import ServiceError
from apps.core.html import sanitize_html
from apps.core.languages import in_every_language
from apps.events import services
from apps.events.models import Event, EventParticipant, Registration


class ParticipantInline(admin.TabularInline):
    model = EventParticipant
    extra = 0
    autocomplete_fields = ["organization"]
    readonly_fields = ["status", "answered_by", "answered_at"]


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["user", "status", "created_at", "checked_in_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(TranslationAdmin):
    """The title and description show once per language, one under the other."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "kind", "starts_at", "city", "organizer", "status", "capacity"]
    list_filter = ["kind", "status", "city"]
    list_select_related = ["organizer"]
    search_fields = ["title", "city", "organizer__name"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["organizer"]
    prepopulated_fields = {"slug": ["title"]}
    # Status changes go through the services (review, publish, cancel), never the form.
    readonly_fields = ["status", "submitted_at", "review_note", "created_at", "updated_at"]
    inlines = [ParticipantInline, RegistrationInline]
    actions = ["approve", "reject", "publish", "cancel", "export_registrations"]

    def save_model(self, request, obj, form, change):
        # The pages show the description and agenda as stored: clean them as the services do.
        for name in in_every_language("description"):
            setattr(obj, name, sanitize_html(getattr(obj, name) or ""))
        obj.agenda = sanitize_html(obj.agenda)
        super().save_model(request, obj, form, change)

    def _each(self, request, queryset, action, **extra):
        for event in queryset:
            try:
                action(actor=request.user, event=event, **extra)
            except ServiceError as error:
                self.message_user(request, f"{event}: {'; '.join(error.messages)}", messages.ERROR)

    @admin.action(description=_("Approve and publish the selected events waiting for review"))
    def approve(self, request, queryset):
        self._each(request, queryset, services.event_approve)

    @admin.action(description=_("Send the selected events back to their organizers"))
    def reject(self, request, queryset):
        reason = str(_("Please revise the event; staff will explain by email."))
        self._each(request, queryset, services.event_reject, reason=reason)

    @admin.action(description=_("Publish the selected draft events"))
    def publish(self, request, queryset):
        self._each(request, queryset.filter(status="draft"), services.event_publish)

    @admin.action(description=_("Cancel the selected events"))
    def cancel(self, request, queryset):
        for event in queryset:
            try:
                services.event_cancel(actor=request.user, event=event)
            except ServiceError as error:
                self.message_user(request, f"{event}: {'; '.join(error.messages)}", messages.ERROR)

    @admin.action(description=_("Export the registrations of the selected events (CSV)"))
    def export_registrations(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="registrations.csv"'
        writer = csv.writer(response)
        writer.writerow(["event", "email", "status", "registered_at"])
        rows = Registration.objects.filter(event__in=queryset, user__isnull=False).select_related(
            "event", "user"
        )
        for registration in rows.order_by("event__starts_at", "created_at"):
            writer.writerow(
                [
                    csv_safe(registration.event.title),
                    csv_safe(registration.user.email),
                    registration.status,
                    registration.created_at.isoformat(),
                ]
            )
        return response


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "status", "created_at", "checked_in_at"]
    list_filter = ["status"]
    list_select_related = ["user", "event"]
    search_fields = ["user__email", "event__title"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "event",
        "user",
        "status",
        "waitlisted_at",
        "created_at",
        "cancelled_at",
        "checked_in_at",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(EventParticipant)
class EventParticipantAdmin(admin.ModelAdmin):
    list_display = ["organization", "event", "role", "status"]
    list_filter = ["role", "status"]
    readonly_fields = ["status", "answered_by", "answered_at"]
    list_select_related = ["organization", "event"]
    search_fields = ["organization__name", "event__title"]
    autocomplete_fields = ["organization", "event"]
