"""Event rows of the API: thin views that validate and call a service."""

import csv
import io

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.apikeys.models import Scope
from apps.core import api_fields
from apps.core.api import ConditionalGetMixin, PaginatedView, paginated_response
from apps.core.csv import csv_safe
from apps.core.languages import in_every_language
from apps.events import permissions as rules
from apps.events import selectors, services
from apps.events.filters import EventFilter
from apps.events.models import Event, EventParticipant, ParticipantRole, Registration
from apps.events.serializers import AttendeeSerializer
from apps.organizations.agents import ANY_KEY, is_agent
from apps.organizations.models import Organization


class ParticipantSerializer(serializers.ModelSerializer):
    """Everyone sees accepted participants; organizers also those invited or declining."""

    name = serializers.CharField(source="organization.name")
    slug = serializers.CharField(source="organization.slug")

    class Meta:
        model = EventParticipant
        fields = ["name", "slug", "role", "status"]


class EventSerializer(serializers.ModelSerializer):
    organizer = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    online = serializers.SerializerMethodField()
    online_url = serializers.SerializerMethodField()
    places_left = serializers.SerializerMethodField()
    confirmed_count = serializers.IntegerField(read_only=True)
    waitlist_count = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    calendar_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "kind",
            "organizer",
            "starts_at",
            "ends_at",
            "venue",
            "address",
            "city",
            "online",
            "online_url",
            "description",
            "audience",
            "capacity",
            "places_left",
            "confirmed_count",
            "waitlist_count",
            "waitlist_enabled",
            "registration_opens_at",
            "registration_closes_at",
            "status",
            "updated_at",
            "url",
            "calendar_url",
        ]

    def get_places_left(self, event: Event) -> int | None:
        return selectors.places_left(event)

    def get_online(self, event: Event) -> bool:
        """Whether the event has an online link, shown or not."""
        return bool(event.online_url)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_online_url(self, event: Event) -> str | None:
        """The link, for people with a place and organizers; null for everyone else."""
        request = self.context.get("request")
        user = request.user if request else AnonymousUser()
        return event.online_url if rules.can_see_online_link(user, event) else None

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_url(self, event: Event) -> str:
        return self._absolute(event.get_absolute_url())

    def get_calendar_url(self, event: Event) -> str:
        return self._absolute(f"{event.get_absolute_url()}calendar.ics")


class EventDetailSerializer(EventSerializer):
    participants = ParticipantSerializer(source="participations", many=True, read_only=True)

    class Meta(EventSerializer.Meta):
        fields = [
            *EventSerializer.Meta.fields,
            "agenda",
            "cancellation_reason",
            "review_note",
            "participants",
            # As written in each language, for those who edit them; `title` and
            # `description` are in the language asked for, falling back to the others.
            *in_every_language("title", "description"),
        ]

    def get_fields(self):
        # Apps above events add what they know of the event (who is hiring there).
        return {**super().get_fields(), **api_fields.extra_fields("events:detail")}


class ParticipantWriteSerializer(serializers.Serializer):
    organization = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organization.objects.all()
    )
    role = serializers.ChoiceField(choices=ParticipantRole.choices)


class EventWriteSerializer(serializers.ModelSerializer):
    organizer = serializers.SlugRelatedField(slug_field="slug", queryset=Organization.objects.all())
    participants = ParticipantWriteSerializer(many=True, required=False, max_length=200)
    publish = serializers.BooleanField(required=False, default=False, write_only=True)
    capacity = serializers.IntegerField(
        min_value=1, max_value=100000, required=False, allow_null=True
    )

    class Meta:
        model = Event
        fields = [
            "organizer",
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "venue",
            "address",
            "city",
            "online_url",
            "description",
            "agenda",
            "audience",
            "capacity",
            "waitlist_enabled",
            "registration_opens_at",
            "registration_closes_at",
            "publish",
            "participants",
            *in_every_language("title", "description"),
        ]


def _participants(values: dict):
    rows = values.pop("participants", None)
    return None if rows is None else [(row["organization"], row["role"]) for row in rows]


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class EventRejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class EventViewSet(
    ConditionalGetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Events: upcoming by default (`upcoming=false` for past ones); organizers write."""

    lookup_field = "slug"
    filterset_class = EventFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    api_key_scopes = {
        "list": ANY_KEY,
        "retrieve": ANY_KEY,
        **dict.fromkeys(("create", "partial_update", "publish", "cancel"), Scope.EVENTS_WRITE),
    }

    def get_queryset(self):
        if self.action == "retrieve":
            shown = selectors.participations_shown_to(user=self.request.user)
            return selectors.events_visible_to(user=self.request.user).prefetch_related(
                Prefetch("participations", queryset=shown)
            )
        if self.action == "list":
            return selectors.events_visible_to(user=self.request.user)
        return selectors.events_acted_on(user=self.request.user)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if not request.user.is_authenticated and response.status_code == 200:
            self.last_modified = selectors.events_last_modified()
        return response

    def retrieve(self, request, *args, **kwargs):
        event = self.get_object()
        if not request.user.is_authenticated:
            self.last_modified = event.updated_at
        return Response(EventDetailSerializer(event, context={"request": request}).data)

    def filter_queryset(self, queryset):
        # The list's filters (upcoming by default) never hide one event asked for by slug.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return EventWriteSerializer
        return EventDetailSerializer if self.action == "retrieve" else EventSerializer

    def _read(self, event: Event, code=200) -> Response:
        event = selectors.event_detail(user=self.request.user, slug=event.slug)
        return Response(EventDetailSerializer(event, context={"request": self.request}).data, code)

    @extend_schema(request=EventWriteSerializer, responses={201: EventDetailSerializer})
    def create(self, request, *args, **kwargs):
        data = EventWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if is_agent(request.user) and values["organizer"] != request.user.organization:
            raise Http404
        participants = _participants(values)
        with transaction.atomic():
            event = services.event_create(
                actor=request.user,
                organizer=values.pop("organizer"),
                publish=values.pop("publish"),
                **values,
            )
            if participants is not None:
                services.event_set_participants(
                    actor=request.user, event=event, participants=participants
                )
        return self._read(event, status.HTTP_201_CREATED)

    @extend_schema(request=EventWriteSerializer, responses=EventDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        event = self.get_object()
        if not rules.can_organize(request.user, event):
            raise PermissionDenied(_("Only the event's organizers edit it."))
        data = EventWriteSerializer(event, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        publish = values.pop("publish", False)
        if "organizer" in values and values.pop("organizer") != event.organizer:
            raise serializers.ValidationError(
                {"organizer": [_("An event cannot change organizer.")]}
            )
        # One transaction: a refused publish must not leave the other changes saved.
        participants = _participants(values)
        with transaction.atomic():
            event = services.event_update(actor=request.user, event=event, **values)
            if participants is not None:
                services.event_set_participants(
                    actor=request.user, event=event, participants=participants
                )
            if publish:
                event = services.event_publish(actor=request.user, event=event)
        return self._read(event)

    @extend_schema(request=None, responses=EventDetailSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, slug=None):
        return self._read(services.event_publish(actor=request.user, event=self.get_object()))

    @extend_schema(request=None, responses=EventDetailSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, slug=None):
        """Staff publish an event that waits for review."""
        return self._read(services.event_approve(actor=request.user, event=self.get_object()))

    @extend_schema(request=EventRejectSerializer, responses=EventDetailSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, slug=None):
        """Staff send an event back to its organizers with a reason."""
        event = self.get_object()
        data = EventRejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._read(
            services.event_reject(actor=request.user, event=event, **data.validated_data)
        )

    @extend_schema(request=CancelSerializer, responses=EventDetailSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, slug=None):
        event = self.get_object()
        data = CancelSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._read(
            services.event_cancel(actor=request.user, event=event, **data.validated_data)
        )


class EventReviewQueueView(PaginatedView):
    """Events waiting for staff review, oldest first."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=EventSerializer(many=True))
    def get(self, request):
        if not rules.can_review(request.user):
            raise PermissionDenied(_("Only staff review events."))
        return paginated_response(self, selectors.review_queue(), EventSerializer)


class ParticipationAnswerView(APIView):
    """A member of an invited organization accepts or declines taking part in the event."""

    permission_classes = [permissions.IsAuthenticated]
    decision = "accept"

    @extend_schema(request=None, responses=ParticipantSerializer)
    def post(self, request, slug, organization):
        event = _event(request, slug)
        invited = get_object_or_404(Organization, slug=organization)
        participation = services.participation_answer(
            actor=request.user, event=event, organization=invited, accept=self.decision == "accept"
        )
        return Response(ParticipantSerializer(participation).data)


class RegistrationSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    position = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "status",
            "position",
            "visible_to_exhibitors",
            "created_at",
            "checked_in_at",
        ]

    def get_position(self, registration: Registration) -> int | None:
        return selectors.waitlist_position(registration=registration)


class RegisterSerializer(serializers.Serializer):
    visible_to_exhibitors = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Let the event's exhibitors see your talent profile (not your email or CVs).",
    )


class VisibilitySerializer(serializers.Serializer):
    visible_to_exhibitors = serializers.BooleanField()


def _event(request, slug) -> Event:
    try:
        return selectors.events_acted_on(user=request.user).get(slug=slug)
    except Event.DoesNotExist as error:
        raise Http404 from error


def registrations_csv(event: Event) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["name", "email", "status", "registered_at", "checked_in_at"])
    for registration in selectors.event_registrations(event=event):
        writer.writerow(
            [
                csv_safe(registration.user.display_name),
                csv_safe(registration.user.email),
                registration.status,
                timezone.localtime(registration.created_at).isoformat(),
                timezone.localtime(registration.checked_in_at).isoformat()
                if registration.checked_in_at
                else "",
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-registrations.csv"'
    return response


class EventRegistrationsView(PaginatedView):
    """`POST` registers the caller; `GET` lists them for organizers (also `?format=csv`)."""

    permission_classes = [permissions.IsAuthenticated]
    api_key_scopes = {"get": Scope.EVENTS_WRITE}

    def perform_content_negotiation(self, request, force=False):
        # `?format=csv` is written by this view, not by a renderer: DRF would answer it with
        # a 404 (no renderer for "csv"). Refusals on the way are answered in JSON.
        if request.query_params.get("format") == "csv":
            renderer = JSONRenderer()
            return renderer, renderer.media_type
        return super().perform_content_negotiation(request, force)

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=["json", "csv"])],
        responses=AttendeeSerializer(many=True),
    )
    def get(self, request, slug):
        event = _event(request, slug)
        if not rules.can_organize(request.user, event):
            raise PermissionDenied(_("Only the event's organizers see its registrations."))
        if request.query_params.get("format") == "csv":
            return registrations_csv(event)
        return paginated_response(
            self, selectors.event_registrations(event=event), AttendeeSerializer
        )

    @extend_schema(request=RegisterSerializer, responses={201: RegistrationSerializer})
    def post(self, request, slug):
        data = RegisterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        registration = services.registration_create(
            user=request.user, event=_event(request, slug), **data.validated_data
        )
        return Response(RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)


class MyRegistrationView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=RegistrationSerializer)
    def get(self, request, slug):
        registration = selectors.registration_of(user=request.user, event=_event(request, slug))
        if registration is None:
            raise Http404
        return Response(RegistrationSerializer(registration).data)

    @extend_schema(request=VisibilitySerializer, responses=RegistrationSerializer)
    def patch(self, request, slug):
        data = VisibilitySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        registration = services.registration_set_visibility(
            user=request.user,
            event=_event(request, slug),
            visible=data.validated_data["visible_to_exhibitors"],
        )
        return Response(RegistrationSerializer(registration).data)

    @extend_schema(responses={204: None})
    def delete(self, request, slug):
        services.registration_cancel(user=request.user, event=_event(request, slug))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CheckInView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    api_key_scopes = {"post": Scope.EVENTS_WRITE}

    @extend_schema(request=None, responses=AttendeeSerializer)
    def post(self, request, slug, registration_id):
        event = _event(request, slug)
        if not rules.can_organize(request.user, event):
            raise PermissionDenied(_("Only the event's organizers check people in."))
        registration = get_object_or_404(
            selectors.event_registrations(event=event), pk=registration_id
        )
        registration = services.registration_check_in(actor=request.user, registration=registration)
        return Response(AttendeeSerializer(registration).data)


class MyRegistrationsView(PaginatedView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=RegistrationSerializer(many=True))
    def get(self, request):
        return paginated_response(
            self, selectors.registrations_of(user=request.user), RegistrationSerializer
        )
