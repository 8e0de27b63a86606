"""How the API shows a registration to the event's organizers; webhooks carry the same."""

from rest_framework import serializers

from apps.events.models import Registration


class AttendeeSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    name = serializers.CharField(source="user.display_name")
    email = serializers.EmailField(source="user.email")

    class Meta:
        model = Registration
        fields = ["id", "event", "name", "email", "status", "created_at", "checked_in_at"]
