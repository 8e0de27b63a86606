"""Invitations to apply in the admin: read only; they are sent and answered by people."""

from django.contrib import admin

from apps.invitations.models import InvitationToApply


@admin.register(InvitationToApply)
class InvitationToApplyAdmin(admin.ModelAdmin):
    list_display = ["organization", "vacancy", "invitee", "status", "created_at", "answered_at"]
    list_filter = ["status"]
    list_select_related = ["organization", "vacancy", "invitee"]
    search_fields = ["organization__name", "vacancy__title", "invitee__email"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
