"""Inbox and email settings in the API."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api import PageNumberPagination, PaginatedView, paginated_response
from apps.notifications import selectors, services
from apps.notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "subject",
            "message",
            "body",
            "url",
            "created_at",
            "read_at",
            "read",
        ]

    def get_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class InboxPagination(PageNumberPagination):
    """A page of the inbox also tells how many notices are unread in all."""

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["unread_count"] = {"type": "integer", "example": 3}
        paginated["required"] = [*paginated.get("required", []), "unread_count"]
        return paginated


class InboxView(PaginatedView):
    """The signed-in user's notifications, newest first; `unread=true` for unread only."""

    permission_classes = [permissions.IsAuthenticated]
    pagination_class = InboxPagination

    @extend_schema(
        parameters=[OpenApiParameter("unread", str, enum=["true", "false"])],
        responses=NotificationSerializer(many=True),
    )
    def get(self, request):
        notifications = selectors.inbox(user=request.user)
        unread = request.query_params.get("unread")
        if unread not in (None, "", "true", "false"):
            return Response({"unread": [_("Use true or false.")]}, status=400)
        if unread == "true":
            notifications = notifications.filter(read_at__isnull=True)
        response = paginated_response(self, notifications, NotificationSerializer)
        response.data["unread_count"] = selectors.unread_count(user=request.user)
        return response


class MarkReadView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=None, responses=NotificationSerializer)
    def post(self, request, notification_id):
        # Another user's notification is a 404: its existence is not revealed.
        notification = get_object_or_404(selectors.inbox(user=request.user), pk=notification_id)
        notification = services.notification_mark_read(user=request.user, notification=notification)
        return Response(NotificationSerializer(notification).data)


class MarkAllReadView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=None, responses={200: dict})
    def post(self, request):
        return Response({"marked": services.notifications_mark_all_read(user=request.user)})


class PreferencesView(APIView):
    """`GET` `{kind: email?}` for every kind; `PATCH` the ones to change."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: dict})
    def get(self, request):
        return Response(selectors.email_preferences(user=request.user))

    @extend_schema(request=dict, responses={200: dict})
    def patch(self, request):
        data = request.data
        if not isinstance(data, dict) or not all(isinstance(v, bool) for v in data.values()):
            return Response({"detail": _("Send an object of kind: true or false.")}, status=400)
        services.preferences_set(user=request.user, email_by_kind=dict(data))
        return Response(selectors.email_preferences(user=request.user))
