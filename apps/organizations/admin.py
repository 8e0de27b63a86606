from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.exceptions import ServiceError
from apps.organizations import services
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
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    ordering = ["position"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "is_member", "verified", "parent", "created_at"]
    list_filter = ["kind", "verified", "is_member", "sectors"]
    list_select_related = ["parent"]
    search_fields = ["name", "city", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    filter_horizontal = ["sectors"]
    readonly_fields = ["verified_at", "created_at", "updated_at"]
    date_hierarchy = "created_at"
    inlines = [MembershipInline]
    actions = ["verify", "unverify"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

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
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "organization"]
    search_fields = ["user__email", "organization__name"]
    autocomplete_fields = ["user", "organization"]


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
