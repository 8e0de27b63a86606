from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts import selectors, services
from apps.accounts.models import User


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(
        trim_whitespace=False, max_length=4096, style={"input_type": "password"}
    )


class PasswordSerializer(serializers.Serializer):
    password = serializers.CharField(
        trim_whitespace=False, max_length=4096, style={"input_type": "password"}
    )


class AuthTokenView(APIView):
    """`POST {email, password}` answers `{token}`; `DELETE` revokes the caller's token."""

    permission_classes = [permissions.AllowAny]
    throttle_scope = "auth"

    def get_throttles(self):
        from rest_framework.throttling import ScopedRateThrottle

        return [*super().get_throttles(), ScopedRateThrottle()]

    @extend_schema(
        request=TokenRequestSerializer,
        responses=inline_serializer("AuthToken", {"token": serializers.CharField()}),
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token = services.auth_token_issue(request=request, **data.validated_data)
        return Response({"token": token.key})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        if not request.user.is_authenticated:
            return Response({"detail": _("Not signed in.")}, status=status.HTTP_401_UNAUTHORIZED)
        services.auth_token_revoke(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "first_name", "last_name", "is_staff", "date_joined"]
        read_only_fields = ["id", "email", "is_staff", "date_joined"]


class MeView(APIView):
    """The signed-in account. The email address changes through the verified-email flow."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)

    @extend_schema(request=MeSerializer, responses=MeSerializer)
    def patch(self, request):
        data = MeSerializer(request.user, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        user = services.user_update_name(
            user=request.user,
            first_name=data.validated_data.get("first_name", request.user.first_name),
            last_name=data.validated_data.get("last_name", request.user.last_name),
        )
        return Response(MeSerializer(user).data)

    @extend_schema(request=PasswordSerializer, responses={204: None})
    def delete(self, request):
        """Erase the account, its profile, its CVs and their files, given its password.

        There is no undo. Wrong passwords count towards the sign-in lockout.
        """
        data = PasswordSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.account_erase_own(
            request=request, user=request.user, password=data.validated_data["password"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class MyDataExportView(APIView):
    """Every piece of personal data the portal holds about the signed-in user, as JSON."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: dict})
    def get(self, request):
        data = selectors.account_export(user=request.user, build_url=request.build_absolute_uri)
        response = Response(data)
        response["Content-Disposition"] = 'attachment; filename="my-portal-data.json"'
        response["Cache-Control"] = "private, no-store"
        return response
