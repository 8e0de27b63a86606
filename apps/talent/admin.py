"""Profiles and CVs in the admin: metadata only. CV contents are opened through the
logged download view, never from here."""

from django.contrib import admin

from apps.talent.models import CV, CVAccess, TalentProfile


class CVInline(admin.TabularInline):
    model = CV
    extra = 0
    fields = ["original_name", "detected_type", "size", "is_primary", "uploaded_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(TalentProfile)
class TalentProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "headline", "city", "visibility", "updated_at"]
    list_filter = ["visibility", "education_level"]
    list_select_related = ["user"]
    search_fields = ["user__email", "headline", "city"]
    readonly_fields = ["user", "created_at", "updated_at"]
    date_hierarchy = "updated_at"
    inlines = [CVInline]


@admin.register(CV)
class CVAdmin(admin.ModelAdmin):
    list_display = [
        "original_name",
        "profile",
        "detected_type",
        "size",
        "is_primary",
        "uploaded_at",
    ]
    list_filter = ["detected_type", "is_primary"]
    list_select_related = ["profile__user"]
    search_fields = ["original_name", "profile__user__email"]
    # The stored file is deliberately absent: no link to its contents.
    fields = ["profile", "original_name", "detected_type", "size", "is_primary", "uploaded_at"]
    readonly_fields = fields
    date_hierarchy = "uploaded_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CVAccess)
class CVAccessAdmin(admin.ModelAdmin):
    list_display = ["cv", "accessed_by", "organization", "reason", "accessed_at"]
    list_select_related = ["cv", "accessed_by", "organization"]
    search_fields = ["accessed_by__email", "organization__name", "cv__original_name"]
    list_filter = ["reason"]
    date_hierarchy = "accessed_at"
    readonly_fields = ["cv", "accessed_by", "organization", "reason", "accessed_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
