"""How the API shows an exhibitor its schedule; the meeting webhooks carry the same."""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.jobfair.models import Meeting, MeetingSlot
from apps.talent.api import TalentProfileSerializer


def absolute(context: dict, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request else f"{settings.SITE_URL}{path}"


class AttendeeProfileSerializer(TalentProfileSerializer):
    """A profile as the person shares it with exhibitors: never the email, never the CVs."""

    class Meta(TalentProfileSerializer.Meta):
        fields = [f for f in TalentProfileSerializer.Meta.fields if f != "primary_cv"]


class BookedMeetingSerializer(serializers.ModelSerializer):
    """A meeting as the organization sees it: the person, their profile, message and CV."""

    name = serializers.CharField(source="attendee.display_name")
    profile = serializers.SerializerMethodField()
    cv = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "name", "profile", "message", "cv", "booked_at"]

    @extend_schema_field(AttendeeProfileSerializer(allow_null=True))
    def get_profile(self, meeting: Meeting):
        profile = getattr(meeting.attendee, "talent_profile", None)
        if profile is None:
            return None
        return AttendeeProfileSerializer(profile, context=self.context).data

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                "name": {"type": "string"},
                "download_url": {"type": "string", "format": "uri"},
            },
        }
    )
    def get_cv(self, meeting: Meeting):
        if meeting.cv is None:
            return None
        organization = meeting.slot.organization
        path = f"/api/v1/cvs/{meeting.cv.pk}/download/?organization={organization.slug}"
        return {
            "id": str(meeting.cv.pk),
            "name": meeting.cv.original_name,
            "download_url": absolute(self.context, path),
        }


class ScheduleSlotSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    duration_minutes = serializers.IntegerField(read_only=True)
    meeting = serializers.SerializerMethodField()

    class Meta:
        model = MeetingSlot
        fields = [
            "id",
            "event",
            "starts_at",
            "ends_at",
            "duration_minutes",
            "location",
            "status",
            "meeting",
        ]

    @extend_schema_field(BookedMeetingSerializer(allow_null=True))
    def get_meeting(self, slot: MeetingSlot):
        meetings = getattr(slot, "live_meetings", [])
        if not meetings:
            return None
        meetings[0].slot = slot
        return BookedMeetingSerializer(meetings[0], context=self.context).data
