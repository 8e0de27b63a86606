from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.exceptions import ServiceError
from apps.core.views import add_service_errors
from apps.vacancies import services
from apps.vacancies.models import (
    Application,
    ApplicationStatusChange,
    JobAlert,
    JobAlertMatch,
    Vacancy,
    VacancyStatus,
    VacancyStatusChange,
)


class VacancyStatusChangeInline(admin.TabularInline):
    model = VacancyStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "from_status", "to_status", "actor", "note"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "title",
        "organization",
        "status",
        "city",
        "language",
        "contract",
        "published_at",
        "expires_at",
    ]
    list_filter = ["status", "language", "contract", "experience", "workplace", "sectors"]
    list_select_related = ["organization"]
    search_fields = ["title", "organization__name", "city"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "organization",
        "slug",
        "status",
        "published_at",
        "expires_at",
        "submitted_at",
        "reviewer_note",
        "created_by",
        "created_at",
        "updated_at",
    ]
    # The description is edited as written (Markdown); the service stores its HTML.
    exclude = ["search_vector", "description_markdown"]
    inlines = [VacancyStatusChangeInline]
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        # Vacancies are posted by members of verified organizations, on the pages or the API.
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class ServiceCheckedForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if self.instance.pk and "description" in self.fields:
                    self.initial["description"] = (
                        self.instance.description_markdown or self.instance.description
                    )

            def clean(self):
                cleaned = super().clean()
                fields = {k: v for k, v in cleaned.items() if k in services.EDITABLE_FIELDS}
                try:
                    services.vacancy_clean_fields(fields)
                except ServiceError as error:
                    add_service_errors(self, error)
                return cleaned

        return ServiceCheckedForm

    def save_model(self, request, obj, form, change):
        """Through vacancy_update, as a moderator: the services' rules and an audit line."""
        fields = {k: v for k, v in form.cleaned_data.items() if k in services.EDITABLE_FIELDS}
        services.vacancy_update(
            actor=request.user,
            vacancy=obj,
            sectors=form.cleaned_data.get("sectors"),
            as_moderator=True,
            **fields,
        )

    def save_related(self, request, form, formsets, change):
        # The sectors were set by the service; the status history is read only.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def _each(self, request, queryset, action, **extra):
        done = 0
        for vacancy in queryset.filter(status=VacancyStatus.PENDING_REVIEW):
            try:
                action(actor=request.user, vacancy=vacancy, **extra)
                done += 1
            except ServiceError as error:
                self.message_user(
                    request, f"{vacancy}: {'; '.join(error.messages)}", messages.ERROR
                )
        self.message_user(request, _("%(n)d vacancies handled.") % {"n": done})

    @admin.action(description=_("Approve and publish the selected vacancies"))
    def approve(self, request, queryset):
        self._each(request, queryset, services.vacancy_approve)

    @admin.action(description=_("Reject the selected vacancies (asks the poster to revise)"))
    def reject(self, request, queryset):
        self._each(
            request,
            queryset,
            services.vacancy_reject,
            reason=str(_("Please revise the vacancy; staff will explain by email.")),
        )


class ApplicationStatusChangeInline(admin.TabularInline):
    model = ApplicationStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "from_status", "to_status", "actor"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["applicant", "vacancy", "status", "created_at", "status_changed_at"]
    list_filter = ["status"]
    list_select_related = ["applicant", "vacancy", "vacancy__organization"]
    search_fields = ["applicant__email", "vacancy__title", "vacancy__organization__name"]
    date_hierarchy = "created_at"
    # The CV itself is opened only through the logged download view.
    readonly_fields = [
        "vacancy",
        "applicant",
        "cv",
        "cover_letter",
        "status",
        "created_at",
        "status_changed_at",
    ]
    inlines = [ApplicationStatusChangeInline]

    def has_add_permission(self, request):
        return False


class ReadOnlyLogAdmin(admin.ModelAdmin):
    """Status histories are records: searchable, never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(VacancyStatusChange)
class VacancyStatusChangeAdmin(ReadOnlyLogAdmin):
    list_display = ["created_at", "vacancy", "from_status", "to_status", "actor"]
    list_filter = ["to_status"]
    list_select_related = ["vacancy", "actor"]
    search_fields = ["vacancy__title", "actor__email", "note"]
    date_hierarchy = "created_at"


@admin.register(ApplicationStatusChange)
class ApplicationStatusChangeAdmin(ReadOnlyLogAdmin):
    list_display = ["created_at", "application", "from_status", "to_status", "actor"]
    list_filter = ["to_status"]
    list_select_related = ["application__applicant", "application__vacancy", "actor"]
    search_fields = ["application__vacancy__title", "actor__email"]
    date_hierarchy = "created_at"


@admin.register(JobAlert)
class JobAlertAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "frequency", "is_active", "created_at", "last_run_at"]
    list_filter = ["frequency", "is_active"]
    list_select_related = ["user"]
    search_fields = ["name", "user__email"]


@admin.register(JobAlertMatch)
class JobAlertMatchAdmin(admin.ModelAdmin):
    list_display = ["alert", "vacancy", "created_at", "notification"]
    list_select_related = ["alert", "vacancy", "notification"]
    search_fields = ["alert__name", "alert__user__email", "vacancy__title"]
    date_hierarchy = "created_at"
    readonly_fields = ["alert", "vacancy", "created_at", "notification"]

    def has_add_permission(self, request):
        return False
