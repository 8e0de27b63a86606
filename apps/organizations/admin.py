from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from apps.core.exceptions import ServiceError
from apps.organizations import services
from apps.organizations.forms import UniqueNameMixin
from apps.organizations.models import (
    Invitation,
    Membership,
    MembershipRequest,
    Organization,
    RequestStatus,
    Sector,
    VerificationRequest,
)


class MembershipInline(admin.TabularInline):
    """Who belongs, read only: roles change on the members page, where the rules hold."""

    model = Membership
    extra = 0
    can_delete = False
    fields = readonly_fields = ["user", "role", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    ordering = ["position"]


class OrganizationAdminForm(UniqueNameMixin, forms.ModelForm):
    """The admin builds the fields; the name must be free, as on the pages and the API."""


@admin.register(Organization)
class OrganizationAdmin(TranslationAdmin):
    """Edits go through the services; verification is an action, never a field to tick. The
    description shows once per language, one under the other (django-modeltranslation)."""

    form = OrganizationAdminForm
    list_display = ["name", "kind", "city", "is_member", "verified", "parent", "created_at"]
    list_filter = ["kind", "verified", "is_member", "sectors"]
    list_select_related = ["parent"]
    search_fields = ["name", "city", "description"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["sectors"]
    readonly_fields = ["slug", "verified", "verified_at", "created_at", "updated_at"]
    date_hierarchy = "created_at"
    inlines = [MembershipInline]
    actions = ["verify", "unverify"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        fields = {
            name: form.cleaned_data[name]
            for name in (*services.EDITABLE_FIELDS, *services.STAFF_FIELDS)
            if name in form.cleaned_data and (not change or name in form.changed_data)
        }
        if fields.get("logo") is False:  # "clear" ticked
            fields["logo"] = ""
        sectors = form.cleaned_data.get("sectors")
        if change:
            saved = services.organization_update(
                actor=request.user, organization=obj, sectors=sectors, **fields
            )
        else:
            is_member = fields.pop("is_member", False)
            saved = services.organization_create(
                creator=request.user, sectors=sectors or (), as_owner=False, **fields
            )
            if is_member:
                saved = services.organization_update(
                    actor=request.user, organization=saved, is_member=True
                )
        obj.pk, obj.slug = saved.pk, saved.slug
        form.instance = saved

    def save_related(self, request, form, formsets, change):
        # The sectors were set by the service; the inline is read only.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    @admin.action(description=_("Verify the selected organizations"))
    def verify(self, request, queryset):
        for organization in queryset:
            services.organization_set_verified(
                actor=request.user, organization=organization, verified=True
            )
        self.message_user(request, _("%(n)d verified.") % {"n": queryset.count()})

    @admin.action(description=_("Withdraw verification of the selected organizations"))
    def unverify(self, request, queryset):
        for organization in queryset:
            services.organization_set_verified(
                actor=request.user, organization=organization, verified=False
            )
        self.message_user(request, _("%(n)d no longer verified.") % {"n": queryset.count()})


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Read only; removing goes through the service, so the last owner stays."""

    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "organization"]
    search_fields = ["user__email", "organization__name"]
    readonly_fields = ["user", "organization", "role", "created_at"]
    actions = ["remove"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Remove the selected members"))
    def remove(self, request, queryset):
        done = 0
        for membership in queryset.select_related("organization", "user"):
            try:
                services.membership_remove(actor=request.user, membership=membership)
                done += 1
            except ServiceError as error:
                self.message_user(
                    request, f"{membership}: {'; '.join(error.messages)}", messages.ERROR
                )
        self.message_user(request, _("%(n)d removed.") % {"n": done})


class DecisionAdmin(admin.ModelAdmin):
    """Requests are answered by actions that call the services, so the rules hold."""

    list_filter = ["status"]
    readonly_fields = ["status", "decided_by", "decided_at", "created_at"]
    date_hierarchy = "created_at"
    approve_service = None
    decline_service = None
    target_field = ""

    def _decide(self, request, queryset, service, **extra):
        done = 0
        for item in queryset.filter(status=RequestStatus.PENDING):
            try:
                service(actor=request.user, **{self.target_field: item}, **extra)
                done += 1
            except ServiceError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
        self.message_user(request, _("%(n)d answered.") % {"n": done})


@admin.register(MembershipRequest)
class MembershipRequestAdmin(DecisionAdmin):
    list_display = ["user", "organization", "status", "created_at", "decided_by"]
    list_select_related = ["user", "organization", "decided_by"]
    search_fields = ["user__email", "organization__name"]
    autocomplete_fields = ["user", "organization"]
    target_field = "membership_request"
    actions = ["approve", "decline"]

    @admin.action(description=_("Approve the selected requests"))
    def approve(self, request, queryset):
        self._decide(request, queryset, services.membership_request_approve)

    @admin.action(description=_("Decline the selected requests"))
    def decline(self, request, queryset):
        self._decide(request, queryset, services.membership_request_decline)


@admin.register(VerificationRequest)
class VerificationRequestAdmin(DecisionAdmin):
    list_display = ["organization", "requested_by", "status", "created_at", "decided_by"]
    list_select_related = ["organization", "requested_by", "decided_by"]
    search_fields = ["organization__name", "requested_by__email"]
    autocomplete_fields = ["organization"]
    target_field = "verification_request"
    actions = ["approve", "decline"]

    @admin.action(description=_("Verify the selected organizations"))
    def approve(self, request, queryset):
        self._decide(request, queryset, services.verification_request_approve)

    @admin.action(description=_("Decline (tells them the documents could not be checked)"))
    def decline(self, request, queryset):
        self._decide(
            request,
            queryset,
            services.verification_request_decline,
            note=str(_("Staff could not confirm this organization; write to us with details.")),
        )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are made and answered on the members page; the admin only looks."""

    list_display = [
        "email",
        "organization",
        "role",
        "invited_by",
        "created_at",
        "accepted_at",
        "declined_at",
    ]
    list_filter = ["role"]
    list_select_related = ["organization", "invited_by"]
    search_fields = ["email", "organization__name"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "organization",
        "email",
        "role",
        "invited_by",
        "created_at",
        "accepted_at",
        "declined_at",
    ]

    def has_add_permission(self, request):
        return False
