"""Invitations to apply in the API: thin views that validate and call a service."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api import PaginatedView, paginated_response
from apps.invitations import permissions as rules
from apps.invitations import selectors, services
from apps.invitations.models import InvitationStatus, InvitationToApply
from apps.talent.models import TalentProfile
from apps.vacancies.models import Vacancy
from apps.vacancies.selectors import vacancies_visible_to

VACANCY_SCHEMA = {
    "type": "object",
    "properties": {
        "slug": {"type": "string"},
        "title": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
    },
    "required": ["slug", "title", "url"],
}
ORGANIZATION_SCHEMA = {
    "type": "object",
    "properties": {"slug": {"type": "string"}, "name": {"type": "string"}},
    "required": ["slug", "name"],
}


def _absolute(context: dict, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


class _InvitationToApplySerializer(serializers.ModelSerializer):
    vacancy = serializers.SerializerMethodField()
    organization = serializers.SerializerMethodField()

    @extend_schema_field(VACANCY_SCHEMA)
    def get_vacancy(self, invitation: InvitationToApply) -> dict:
        vacancy = invitation.vacancy
        return {
            "slug": vacancy.slug,
            "title": vacancy.title,
            "url": _absolute(self.context, vacancy.get_absolute_url()),
        }

    @extend_schema_field(ORGANIZATION_SCHEMA)
    def get_organization(self, invitation: InvitationToApply) -> dict:
        return {"slug": invitation.organization.slug, "name": invitation.organization.name}


class ReceivedInvitationToApplySerializer(_InvitationToApplySerializer):
    """An invitation as the person invited sees it."""

    applied = serializers.SerializerMethodField()
    apply_url = serializers.SerializerMethodField()

    class Meta:
        model = InvitationToApply
        fields = [
            "id",
            "vacancy",
            "organization",
            "message",
            "status",
            "applied",
            "apply_url",
            "created_at",
            "answered_at",
        ]

    def get_applied(self, invitation: InvitationToApply) -> bool:
        return bool(getattr(invitation, "applied", False))

    def get_apply_url(self, invitation: InvitationToApply) -> str:
        """The vacancy's application form."""
        return _absolute(self.context, f"{invitation.vacancy.get_absolute_url()}#apply")


class SentInvitationToApplySerializer(_InvitationToApplySerializer):
    """An invitation as the organization sees it: sent, declined (with the reason given), or
    applied. Whether the person accepted is theirs until they apply."""

    profile = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    decline_reason = serializers.SerializerMethodField()

    class Meta:
        model = InvitationToApply
        fields = [
            "id",
            "vacancy",
            "organization",
            "profile",
            "message",
            "status",
            "decline_reason",
            "created_at",
        ]

    def get_profile(self, invitation: InvitationToApply) -> str | None:
        profile = getattr(invitation.invitee, "talent_profile", None)
        return str(profile.pk) if profile else None

    @extend_schema_field(serializers.ChoiceField(choices=["sent", "declined", "applied"]))
    def get_status(self, invitation: InvitationToApply) -> str:
        if getattr(invitation, "applied", False):
            return "applied"
        return "declined" if invitation.status == InvitationStatus.DECLINED else "sent"

    def get_decline_reason(self, invitation: InvitationToApply) -> str:
        return invitation.decline_reason if invitation.status == InvitationStatus.DECLINED else ""


class InvitationToApplySerializer(serializers.Serializer):
    vacancy = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Vacancy.objects.none(),
        help_text="A published vacancy of your organization.",
    )
    message = serializers.CharField(max_length=services.MAX_MESSAGE_LENGTH)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Vacancies the caller may see: a draft of another organization stays unknown.
        if user is not None:
            self.fields["vacancy"].queryset = vacancies_visible_to(user=user)


class InvitationDeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=services.MAX_REASON_LENGTH, required=False, allow_blank=True, default=""
    )


def _pool_profile(request, profile_id) -> TalentProfile:
    """A profile of the talent pool the caller may search; anything else is a 404."""
    if not rules.can_invite_from_pool(request.user):
        raise PermissionDenied(
            _("Only members of verified organizations invite people from the talent pool.")
        )
    profile = TalentProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None or not rules.profile_in_pool(profile):
        raise Http404
    return profile


class TalentInvitationsView(PaginatedView):
    """`POST` invites the person to apply; `GET` lists what your organizations sent them."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=SentInvitationToApplySerializer(many=True))
    def get(self, request, profile_id):
        profile = _pool_profile(request, profile_id)
        invitations = selectors.invitations_sent_to(user=request.user, profile=profile)
        return paginated_response(self, invitations, SentInvitationToApplySerializer)

    @extend_schema(
        request=InvitationToApplySerializer, responses={201: SentInvitationToApplySerializer}
    )
    def post(self, request, profile_id):
        profile = _pool_profile(request, profile_id)
        data = InvitationToApplySerializer(data=request.data, user=request.user)
        data.is_valid(raise_exception=True)
        invitation = services.invitation_send(
            actor=request.user, profile=profile, **data.validated_data
        )
        body = SentInvitationToApplySerializer(invitation, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class MyInvitationsView(PaginatedView):
    """The invitations to apply you received, newest first."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=ReceivedInvitationToApplySerializer(many=True))
    def get(self, request):
        return paginated_response(
            self, selectors.invitations_of(user=request.user), ReceivedInvitationToApplySerializer
        )


def _own_invitation(request, invitation_id) -> InvitationToApply:
    try:
        return selectors.invitation_of_invitee(user=request.user, invitation_id=invitation_id)
    except InvitationToApply.DoesNotExist as error:
        raise Http404 from error  # someone else's invitation is not revealed


class InvitationAcceptView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=None, responses=ReceivedInvitationToApplySerializer)
    def post(self, request, invitation_id):
        invitation = _own_invitation(request, invitation_id)
        services.invitation_accept(actor=request.user, invitation=invitation)
        invitation = _own_invitation(request, invitation_id)
        return Response(
            ReceivedInvitationToApplySerializer(invitation, context={"request": request}).data
        )


class InvitationDeclineView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=InvitationDeclineSerializer, responses=ReceivedInvitationToApplySerializer
    )
    def post(self, request, invitation_id):
        invitation = _own_invitation(request, invitation_id)
        data = InvitationDeclineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.invitation_decline(
            actor=request.user, invitation=invitation, **data.validated_data
        )
        invitation = _own_invitation(request, invitation_id)
        return Response(
            ReceivedInvitationToApplySerializer(invitation, context={"request": request}).data
        )
