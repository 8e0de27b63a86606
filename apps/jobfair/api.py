"""The job fair in the API: who is hiring, slots, bookings, agendas and schedules.

Thin views: they validate, call a service or a selector, and answer.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api import PaginatedView, paginated_response
from apps.events.models import Event
from apps.events.selectors import events_visible_to
from apps.jobfair import permissions as rules
from apps.jobfair import selectors, services
from apps.jobfair.exports import meetings_calendar_response, schedule_csv_response
from apps.jobfair.models import Meeting, MeetingSlot
from apps.jobfair.serializers import AttendeeProfileSerializer, ScheduleSlotSerializer, absolute
from apps.organizations.models import Organization
from apps.talent.filters import TalentFilter
from apps.talent.models import CV

# --- Who's hiring -------------------------------------------------------------------------


class ExhibitorCardSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Organization
        fields = ["slug", "name", "url"]

    def get_url(self, organization: Organization) -> str:
        return absolute(self.context, organization.get_absolute_url())


class HiringVacancySerializer(serializers.Serializer):
    slug = serializers.CharField(source="vacancy.slug")
    title = serializers.CharField(source="vacancy.title")
    contract = serializers.CharField(source="vacancy.contract")
    experience = serializers.CharField(source="vacancy.experience")
    discipline = serializers.CharField(source="vacancy.discipline")
    workplace = serializers.CharField(source="vacancy.workplace")
    city = serializers.CharField(source="vacancy.city")
    url = serializers.SerializerMethodField()
    fit = serializers.IntegerField(source="score", help_text="0 unless ranked for you.")
    matches = serializers.ListField(child=serializers.CharField())

    def get_url(self, fit) -> str:
        return absolute(self.context, fit.vacancy.get_absolute_url())


class ExhibitorHiringSerializer(serializers.Serializer):
    organization = ExhibitorCardSerializer()
    open_vacancy_count = serializers.IntegerField()
    vacancies = HiringVacancySerializer(many=True, help_text="The newest five, best fit first.")
    fit = serializers.IntegerField(help_text="Fit of the best vacancy; 0 unless ranked for you.")
    matches = serializers.ListField(child=serializers.CharField())


class HiringSerializer(serializers.Serializer):
    ranked_for_you = serializers.BooleanField(
        source="ranked_for_viewer",
        help_text="True when the exhibitors are ordered by fit with your talent profile "
        "(registered attendees with disciplines or skills in their profile).",
    )
    exhibitors = ExhibitorHiringSerializer(many=True)


@extend_schema_field(HiringSerializer)
class HiringField(serializers.Field):
    """Who is hiring at the event: the exhibitors and their open vacancies."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, event: Event):
        request = self.context.get("request")
        user = request.user if request is not None else None
        board = selectors.hiring_at(event=event, user=user) if user else selectors.HiringBoard([])
        return HiringSerializer(board, context=self.context).data


# --- Slots ----------------------------------------------------------------------------------


class MeetingSlotSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organization = ExhibitorCardSerializer(read_only=True)
    duration_minutes = serializers.IntegerField(read_only=True)
    available = serializers.SerializerMethodField()

    class Meta:
        model = MeetingSlot
        fields = [
            "id",
            "event",
            "organization",
            "starts_at",
            "ends_at",
            "duration_minutes",
            "location",
            "available",
        ]

    def get_available(self, slot: MeetingSlot) -> bool:
        taken = getattr(slot, "taken", False)
        return not taken and slot.status == "open" and not slot.has_started


class MeetingSlotOpenSerializer(serializers.Serializer):
    organization = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organization.objects.all()
    )
    starts_at = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField(
        min_value=services.MIN_DURATION_MINUTES, max_value=services.MAX_DURATION_MINUTES
    )
    count = serializers.IntegerField(
        min_value=1, max_value=services.MAX_SLOTS_AT_ONCE, required=False, default=1
    )
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class OpenedMeetingSlotsSerializer(serializers.Serializer):
    slots = MeetingSlotSerializer(many=True, help_text="The consecutive slots just opened.")


class MeetingSlotFilterSerializer(serializers.Serializer):
    organization = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organization.objects.all(), required=False
    )
    available = serializers.BooleanField(required=False, allow_null=True, default=None)


def _event(request, slug: str) -> Event:
    try:
        return events_visible_to(user=request.user).get(slug=slug)
    except Event.DoesNotExist as error:
        raise Http404 from error


def _slot(slot_id) -> MeetingSlot:
    try:
        return selectors.slot_for_booking(slot_id=slot_id)
    except MeetingSlot.DoesNotExist as error:
        raise Http404 from error


class EventMeetingSlotsView(PaginatedView):
    """`GET` the event's slots (anyone); `POST` opens consecutive ones (exhibitor members)."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    @extend_schema(
        parameters=[
            OpenApiParameter("organization", str, description="Slug of an exhibitor"),
            OpenApiParameter("available", bool, description="Only slots free to book"),
        ],
        responses=MeetingSlotSerializer(many=True),
    )
    def get(self, request, slug):
        event = _event(request, slug)
        filters = MeetingSlotFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        slots = selectors.event_slots(event=event, **filters.validated_data)
        return paginated_response(self, slots, MeetingSlotSerializer)

    @extend_schema(request=MeetingSlotOpenSerializer, responses={201: OpenedMeetingSlotsSerializer})
    def post(self, request, slug):
        event = _event(request, slug)
        data = MeetingSlotOpenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        slots = services.meeting_slots_open(actor=request.user, event=event, **data.validated_data)
        body = OpenedMeetingSlotsSerializer({"slots": slots}, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class SlotCloseView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=None, responses=MeetingSlotSerializer)
    def post(self, request, slot_id):
        slot = services.meeting_slot_close(actor=request.user, slot=_slot(slot_id))
        return Response(MeetingSlotSerializer(slot, context={"request": request}).data)


# --- Meetings -------------------------------------------------------------------------------


class SharedCVSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")

    class Meta:
        model = CV
        fields = ["id", "name"]


class MeetingSerializer(serializers.ModelSerializer):
    """A meeting as the attendee sees it."""

    slot = serializers.UUIDField(source="slot_id", read_only=True)
    event = serializers.SerializerMethodField()
    organization = ExhibitorCardSerializer(source="slot.organization", read_only=True)
    starts_at = serializers.DateTimeField(source="slot.starts_at", read_only=True)
    ends_at = serializers.DateTimeField(source="slot.ends_at", read_only=True)
    location = serializers.CharField(source="slot.location", read_only=True)
    cv = SharedCVSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "slot",
            "event",
            "organization",
            "starts_at",
            "ends_at",
            "location",
            "message",
            "cv",
            "status",
            "booked_at",
        ]

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "slug": {"type": "string"},
                "title": {"type": "string"},
                "url": {"type": "string", "format": "uri"},
            },
            "required": ["slug", "title", "url"],
        }
    )
    def get_event(self, meeting: Meeting) -> dict:
        event = meeting.slot.event
        return {
            "slug": event.slug,
            "title": event.title,
            "url": absolute(self.context, event.get_absolute_url()),
        }


class MeetingBookSerializer(serializers.Serializer):
    message = serializers.CharField(
        max_length=services.MAX_MESSAGE_LENGTH, required=False, allow_blank=True, default=""
    )
    cv = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text="One of your CVs, shared with the organization for this meeting only.",
    )


class SlotBookView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=MeetingBookSerializer, responses={201: MeetingSerializer})
    def post(self, request, slot_id):
        slot = _slot(slot_id)
        data = MeetingBookSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cv = None
        if data.validated_data["cv"] is not None:
            cv = CV.objects.select_related("profile").filter(pk=data.validated_data["cv"]).first()
            if cv is None:
                raise serializers.ValidationError({"cv": [_("Choose one of your own CVs.")]})
        meeting = services.meeting_book(
            attendee=request.user, slot=slot, message=data.validated_data["message"], cv=cv
        )
        body = MeetingSerializer(meeting, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class SlotBookingView(APIView):
    """`DELETE` cancels the slot's meeting: the attendee, or a member of the organization."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={204: None})
    def delete(self, request, slot_id):
        slot = _slot(slot_id)
        meeting = slot.meetings.filter(status="booked").select_related("slot").first()
        if meeting is not None and not rules.can_see_meeting(request.user, meeting):
            raise Http404  # someone else's meeting is not revealed
        services.meeting_cancel_booking_of_slot(actor=request.user, slot=slot)
        return Response(status=status.HTTP_204_NO_CONTENT)


class FileFormatMixin:
    """`?format=csv` or `?format=ics` is written by the view, not by a renderer (DRF would
    answer it with a 404); refusals on the way are answered in JSON."""

    file_formats: tuple[str, ...] = ()

    def perform_content_negotiation(self, request, force=False):
        if request.query_params.get("format") in self.file_formats:
            renderer = JSONRenderer()
            return renderer, renderer.media_type
        return super().perform_content_negotiation(request, force)


class MyMeetingsFilterSerializer(serializers.Serializer):
    upcoming = serializers.BooleanField(required=False, default=False)


class MyMeetingsView(FileFormatMixin, PaginatedView):
    """Your booked meetings, soonest first; `?format=ics` for your calendar."""

    permission_classes = [permissions.IsAuthenticated]
    file_formats = ("ics",)

    @extend_schema(
        parameters=[
            OpenApiParameter("format", str, enum=["json", "ics"]),
            OpenApiParameter("upcoming", bool, description="Only meetings still to come"),
        ],
        responses=MeetingSerializer(many=True),
    )
    def get(self, request):
        if request.query_params.get("format") == "ics":
            return meetings_calendar_response(user=request.user)
        filters = MyMeetingsFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        meetings = selectors.meetings_of(
            user=request.user, upcoming_only=filters.validated_data["upcoming"]
        )
        return paginated_response(self, meetings, MeetingSerializer)


# --- The exhibitor's side -------------------------------------------------------------------


def exhibitor_for(request, event: Event) -> Organization:
    """The organization whose schedule is asked for: `?organization=<slug>`, or the only
    exhibiting organization the user is a member of."""
    mine = rules.exhibitor_memberships(request.user, event)
    wanted = request.query_params.get("organization")
    if wanted:
        chosen = [organization for organization in mine if organization.slug == wanted]
        if not chosen:
            raise PermissionDenied(_("You are not a member of that organization at this event."))
        return chosen[0]
    if len(mine) == 1:
        return mine[0]
    if not mine:
        raise PermissionDenied(_("Only members of exhibiting organizations see their schedule."))
    raise serializers.ValidationError(
        {"organization": [_("You exhibit for several organizations: name one.")]}
    )


class EventScheduleView(FileFormatMixin, PaginatedView):
    """An exhibitor's schedule at the event (its members only; `?format=csv` too)."""

    permission_classes = [permissions.IsAuthenticated]
    file_formats = ("csv",)

    @extend_schema(
        parameters=[
            OpenApiParameter("organization", str, description="Your organization's slug"),
            OpenApiParameter("format", str, enum=["json", "csv"]),
        ],
        responses=ScheduleSlotSerializer(many=True),
    )
    def get(self, request, slug):
        event = _event(request, slug)
        organization = exhibitor_for(request, event)
        slots = selectors.exhibitor_schedule(event=event, organization=organization)
        if request.query_params.get("format") == "csv":
            return schedule_csv_response(event=event, organization=organization, slots=slots)
        return paginated_response(self, slots, ScheduleSlotSerializer)


class EventAttendeesView(PaginatedView):
    """People with a place who chose to be visible to exhibitors, filtered as the talent pool."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter(name, OpenApiTypes.STR)
            for name in ("q", "skills", "discipline", "education", "city", "languages")
        ]
        + [OpenApiParameter("available_before", OpenApiTypes.DATE)],
        responses=AttendeeProfileSerializer(many=True),
    )
    def get(self, request, slug):
        event = _event(request, slug)
        if not rules.can_see_visible_attendees(request.user, event):
            raise PermissionDenied(_("Only members of the event's exhibitors see its attendees."))
        filterset = TalentFilter(
            request.query_params, queryset=selectors.visible_attendees(event=event)
        )
        if not filterset.is_valid():
            raise serializers.ValidationError(filterset.errors)
        return paginated_response(self, filterset.qs, AttendeeProfileSerializer)
