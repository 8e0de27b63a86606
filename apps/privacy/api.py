"""`GET me/privacy/` and the withdrawal of a consent, in the API."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.privacy import selectors, services
from apps.privacy.models import Consent


class LinkSerializer(serializers.Serializer):
    label = serializers.CharField()
    url = serializers.CharField()
    method = serializers.ChoiceField(choices=["get", "post", "delete"])


class HoldingSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="application, cv, registration, notifications, …")
    label = serializers.CharField()
    holder = serializers.CharField(
        allow_null=True, help_text="The organization that holds it; null: the portal itself."
    )
    since = serializers.DateTimeField(allow_null=True)
    until = serializers.DateTimeField(
        allow_null=True, help_text="When the retention rules delete it; null: no date."
    )
    kept = serializers.CharField(help_text="How long it is kept, in words.")
    links = LinkSerializer(many=True)

    def to_representation(self, holding):
        data = super().to_representation(holding)
        data["holder"] = holding.holder or None
        return data


class ConsentSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="consent.pk")
    purpose = serializers.CharField(source="consent.purpose")
    purpose_label = serializers.CharField()
    text = serializers.CharField(source="consent.text")
    version = serializers.CharField(source="consent.version")
    given_at = serializers.DateTimeField(source="consent.given_at")
    expires_at = serializers.DateTimeField(source="consent.expires_at", allow_null=True)
    withdrawn_at = serializers.DateTimeField(source="consent.withdrawn_at", allow_null=True)
    live = serializers.BooleanField()
    effect_of_withdrawing = serializers.SerializerMethodField()
    withdraw_url = serializers.SerializerMethodField(
        help_text="POST here to withdraw it, while it holds; null once it no longer does."
    )

    def get_effect_of_withdrawing(self, view) -> str | None:
        return view.effect if view.live else None

    def get_withdraw_url(self, view) -> str | None:
        if not view.live:
            return None
        return reverse("me-consent-withdraw", kwargs={"consent_id": view.consent.pk})


class PrivacySerializer(serializers.Serializer):
    generated_at = serializers.DateTimeField()
    holdings = HoldingSerializer(many=True)
    consents = ConsentSerializer(many=True)
    links = serializers.SerializerMethodField(
        help_text="Export all your data, or erase your account (with your password), in the API."
    )

    @extend_schema_field(LinkSerializer(many=True))
    def get_links(self, overview) -> list[dict]:
        return [
            {"label": _("Download your data"), "url": reverse("me-export"), "method": "get"},
            {"label": _("Erase your account"), "url": reverse("me"), "method": "delete"},
        ]


class MyPrivacyView(APIView):
    """What the portal and each organization hold about you, and when each item goes."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=PrivacySerializer)
    def get(self, request):
        overview = selectors.privacy_overview(user=request.user)
        response = Response(PrivacySerializer(overview).data)
        response["Cache-Control"] = "private, no-store"
        return response


class ConsentWithdrawView(APIView):
    """Withdraw one of your consents; its effect (see `effect_of_withdrawing`) is immediate."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=None,
        responses={
            200: ConsentSerializer,
            404: OpenApiResponse(description="Not one of your consents."),
            409: OpenApiResponse(description="Already withdrawn, or already run out."),
        },
    )
    def post(self, request, consent_id):
        try:
            consent = selectors.consent_of(user=request.user, consent_id=consent_id)
        except Consent.DoesNotExist as error:
            raise Http404 from error
        consent = services.consent_withdraw(user=request.user, consent=consent)
        view = selectors.consent_view(consent=consent, now=consent.withdrawn_at)
        return Response(ConsentSerializer(view).data)
