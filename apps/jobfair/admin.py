"""The job fair in the admin: read only. Slots and meetings change only through the pages
and the API, where the rules on who may open, book and cancel are kept."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.jobfair.models import Meeting, MeetingSlot


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MeetingSlot)
class MeetingSlotAdmin(ReadOnlyAdmin):
    list_display = ["starts_at", "ends_at", "organization", "event", "location", "status"]
    list_filter = ["status"]
    list_select_related = ["organization", "event"]
    search_fields = ["organization__name", "event__title", "location"]
    date_hierarchy = "starts_at"


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["slot", "attendee", "status", "booked_at", "cv_shared"]
    list_filter = ["status"]
    list_select_related = ["slot", "slot__organization", "attendee"]
    search_fields = ["attendee__email", "slot__organization__name", "slot__event__title"]
    # The CV itself is reached only through the logged download, never from the admin.
    exclude = ["cv"]
    readonly_fields = ["cv_shared"]

    @admin.display(boolean=True, description=_("CV shared"))
    def cv_shared(self, meeting: Meeting) -> bool:
        return meeting.cv_id is not None
