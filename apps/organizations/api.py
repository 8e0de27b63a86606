"""The organization rows of the API: thin views that validate and call a service."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api import ConditionalGetMixin, PaginatedView, paginated_response
from apps.core.languages import in_every_language
from apps.organizations import permissions as rules
from apps.organizations import selectors, services
from apps.organizations.agents import ANY_KEY
from apps.organizations.filters import OrganizationFilter
from apps.organizations.models import (
    Invitation,
    Membership,
    MembershipRequest,
    MembershipRole,
    Organization,
    RequestStatus,
    Sector,
    VerificationRequest,
)


class OrganizationLinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["name", "slug"]


class OrganizationSerializer(serializers.ModelSerializer):
    sectors = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    parent = OrganizationLinkSerializer(read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Organization
        fields = [
            "name",
            "slug",
            "kind",
            "sectors",
            "description",
            "website",
            "city",
            "address",
            "founded_year",
            "size_band",
            "logo",
            "is_member",
            "verified",
            "parent",
            "url",
            "created_at",
            "updated_at",
        ]

    def get_url(self, organization: Organization) -> str:
        request = self.context.get("request")
        path = organization.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class OrganizationDetailSerializer(OrganizationSerializer):
    affiliates = serializers.SerializerMethodField()

    class Meta(OrganizationSerializer.Meta):
        # `description` in the language asked for (Accept-Language), falling back to the
        # others; and as written in each language, for those who edit it.
        fields = [
            *OrganizationSerializer.Meta.fields,
            "affiliates",
            *in_every_language("description"),
        ]

    def get_affiliates(self, organization: Organization) -> list[dict]:
        affiliates = selectors.organization_affiliates(organization=organization)
        return OrganizationLinkSerializer(affiliates, many=True).data


class OrganizationWriteSerializer(serializers.ModelSerializer):
    sectors = serializers.SlugRelatedField(
        many=True, slug_field="slug", queryset=Sector.objects.all(), required=False
    )
    parent = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organization.objects.all(), required=False, allow_null=True
    )
    logo = serializers.ImageField(required=False, allow_null=True)

    class Meta:
        model = Organization
        fields = [
            "name",
            "kind",
            "sectors",
            "description",
            "website",
            "city",
            "address",
            "founded_year",
            "size_band",
            "logo",
            "parent",
            *in_every_language("description"),
        ]
        extra_kwargs = {
            name: {"max_length": 10000}
            for name in ["description", *in_every_language("description")]
        }


class OrganizationViewSet(
    ConditionalGetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The directory. Anyone reads; a signed-in user creates (and owns); owners edit."""

    lookup_field = "slug"
    filterset_class = OrganizationFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    # Organization API keys read the directory; they never edit it (apps.apikeys).
    api_key_scopes = {"list": ANY_KEY, "retrieve": ANY_KEY}

    def get_queryset(self):
        return selectors.organization_list()

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return OrganizationWriteSerializer
        if self.action == "retrieve":
            return OrganizationDetailSerializer
        return OrganizationSerializer

    @extend_schema(
        request=OrganizationWriteSerializer, responses={201: OrganizationDetailSerializer}
    )
    def create(self, request, *args, **kwargs):
        data = OrganizationWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        organization = services.organization_create(
            creator=request.user, sectors=values.pop("sectors", []), **values
        )
        body = OrganizationDetailSerializer(organization, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(request=OrganizationWriteSerializer, responses=OrganizationDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        organization = self.get_object()
        if not rules.can_edit_organization(request.user, organization):
            raise PermissionDenied(_("Only the organization's owners and staff may edit it."))
        data = OrganizationWriteSerializer(organization, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        organization = services.organization_update(
            actor=request.user,
            organization=organization,
            sectors=values.pop("sectors", None),
            **values,
        )
        organization = selectors.organization_get(slug=organization.slug)
        return Response(
            OrganizationDetailSerializer(organization, context={"request": request}).data
        )

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


def _organization(slug: str) -> Organization:
    return get_object_or_404(Organization, slug=slug)


class UserBriefSerializer(serializers.Serializer):
    email = serializers.EmailField()
    name = serializers.CharField(source="display_name")


class MembershipSerializer(serializers.ModelSerializer):
    user = UserBriefSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "role", "created_at"]


class MemberAddSerializer(serializers.Serializer):
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=MembershipRole.choices, default=MembershipRole.RECRUITER)


class InvitationSerializer(serializers.ModelSerializer):
    """What the owner sees of an invitation: nothing about whether the address has an account."""

    class Meta:
        model = Invitation
        fields = ["id", "email", "role", "created_at"]


class MemberRoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=MembershipRole.choices)


class MemberListView(PaginatedView):
    """`GET` the members (members and staff); `POST {email, role}` adds one (owners)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=MembershipSerializer(many=True))
    def get(self, request, slug):
        organization = _organization(slug)
        if not rules.can_view_members(request.user, organization):
            raise PermissionDenied(_("Only the organization's members and staff see its members."))
        members = selectors.organization_members(organization=organization)
        return paginated_response(self, members, MembershipSerializer)

    @extend_schema(
        request=MemberAddSerializer,
        responses={201: InvitationSerializer},
        description=(
            "Invites the address: the person becomes a member once they accept. The answer "
            "is the same whether or not the address has an account."
        ),
    )
    def post(self, request, slug):
        organization = _organization(slug)
        data = MemberAddSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = services.invitation_create(
            actor=request.user, organization=organization, **data.validated_data
        )
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)


class InvitationListView(PaginatedView):
    """`GET` the open invitations of an organization (owners and staff)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=InvitationSerializer(many=True))
    def get(self, request, slug):
        organization = _organization(slug)
        if not rules.can_manage_members(request.user, organization):
            raise PermissionDenied(
                _("Only the organization's owners and staff see its invitations.")
            )
        invitations = selectors.invitations_open_of(organization=organization)
        return paginated_response(self, invitations, InvitationSerializer)


class InvitationDetailView(APIView):
    """`DELETE` withdraws an open invitation (owners and staff)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={204: None})
    def delete(self, request, slug, invitation_id):
        organization = _organization(slug)
        if not rules.can_manage_members(request.user, organization):
            raise PermissionDenied(
                _("Only the organization's owners and staff see its invitations.")
            )
        invitation = get_object_or_404(
            Invitation.objects.select_related("organization"),
            pk=invitation_id,
            organization=organization,
        )
        services.invitation_withdraw(actor=request.user, invitation=invitation)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MyInvitationSerializer(serializers.ModelSerializer):
    organization = OrganizationLinkSerializer(read_only=True)
    invited_by = serializers.CharField(source="invited_by.display_name", default="")

    class Meta:
        model = Invitation
        fields = ["id", "organization", "role", "invited_by", "created_at"]


class MyMembershipSerializer(serializers.ModelSerializer):
    organization = OrganizationLinkSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "organization", "role", "created_at"]


class MyInvitationListView(PaginatedView):
    """`GET` the invitations to join an organization waiting for your confirmed address."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=MyInvitationSerializer(many=True))
    def get(self, request):
        invitations = selectors.invitations_open_for(user=request.user).order_by("-created_at")
        return paginated_response(self, invitations, MyInvitationSerializer)


class InvitationAnswerView(APIView):
    """`accept/` joins the organization; `decline/` refuses. Only the invited person answers."""

    permission_classes = [permissions.IsAuthenticated]
    answer = ""

    def _invitation(self, request, invitation_id) -> Invitation:
        invitation = get_object_or_404(
            Invitation.objects.select_related("organization", "invited_by"), pk=invitation_id
        )
        if not rules.can_answer_invitation(request.user, invitation):
            # Someone else's invitation is not revealed.
            raise NotFound()
        return invitation

    @extend_schema(request=None, responses={200: MyMembershipSerializer, 204: None})
    def post(self, request, invitation_id):
        invitation = self._invitation(request, invitation_id)
        if self.answer == "accept":
            membership = services.invitation_accept(user=request.user, invitation=invitation)
            return Response(MyMembershipSerializer(membership).data)
        services.invitation_decline(user=request.user, invitation=invitation)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MemberDetailView(APIView):
    """`PATCH {role}` changes a member's role; `DELETE` removes them (or leaves)."""

    permission_classes = [permissions.IsAuthenticated]

    def _membership(self, request, slug, membership_id) -> Membership:
        organization = _organization(slug)
        if not rules.can_view_members(request.user, organization):
            raise PermissionDenied(_("Only the organization's members and staff see its members."))
        return get_object_or_404(
            Membership.objects.select_related("user", "organization"),
            pk=membership_id,
            organization=organization,
        )

    @extend_schema(request=MemberRoleSerializer, responses=MembershipSerializer)
    def patch(self, request, slug, membership_id):
        membership = self._membership(request, slug, membership_id)
        data = MemberRoleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        membership = services.membership_change_role(
            actor=request.user, membership=membership, role=data.validated_data["role"]
        )
        return Response(MembershipSerializer(membership).data)

    @extend_schema(responses={204: None})
    def delete(self, request, slug, membership_id):
        membership = self._membership(request, slug, membership_id)
        services.membership_remove(actor=request.user, membership=membership)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MembershipRequestSerializer(serializers.ModelSerializer):
    user = UserBriefSerializer(read_only=True)
    organization = OrganizationLinkSerializer(read_only=True)

    class Meta:
        model = MembershipRequest
        fields = [
            "id",
            "organization",
            "user",
            "message",
            "status",
            "decision_note",
            "decided_at",
            "created_at",
        ]
        read_only_fields = ["id", "status", "decision_note", "decided_at", "created_at"]
        extra_kwargs = {"message": {"max_length": 2000}}


class DecisionSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ApproveMembershipSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=MembershipRole.choices, default=MembershipRole.RECRUITER)


class MembershipRequestListView(PaginatedView):
    """`POST {message}` asks to join (signed in); `GET` lists pending requests (owners, staff)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=MembershipRequestSerializer(many=True))
    def get(self, request, slug):
        organization = _organization(slug)
        if not rules.can_decide_membership_requests(request.user, organization):
            raise PermissionDenied(_("Only the organization's owners and staff see its requests."))
        pending = selectors.membership_requests_pending(organization=organization).select_related(
            "organization"
        )
        return paginated_response(self, pending, MembershipRequestSerializer)

    @extend_schema(
        request=MembershipRequestSerializer, responses={201: MembershipRequestSerializer}
    )
    def post(self, request, slug):
        organization = _organization(slug)
        data = MembershipRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        created = services.membership_request_create(
            user=request.user,
            organization=organization,
            message=data.validated_data.get("message", ""),
        )
        return Response(MembershipRequestSerializer(created).data, status=status.HTTP_201_CREATED)


class MembershipRequestDecisionView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    decision = ""

    @extend_schema(request=DecisionSerializer, responses=MembershipRequestSerializer)
    def post(self, request, slug, request_id):
        organization = _organization(slug)
        if not rules.can_decide_membership_requests(request.user, organization):
            raise PermissionDenied(_("Only the organization's owners and staff answer requests."))
        membership_request = get_object_or_404(
            MembershipRequest.objects.select_related("organization", "user"),
            pk=request_id,
            organization=organization,
        )
        if self.decision == "approve":
            data = ApproveMembershipSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            services.membership_request_approve(
                actor=request.user, membership_request=membership_request, **data.validated_data
            )
        else:
            data = DecisionSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            services.membership_request_decline(
                actor=request.user, membership_request=membership_request, **data.validated_data
            )
        membership_request.refresh_from_db()
        return Response(MembershipRequestSerializer(membership_request).data)


class VerificationRequestSerializer(serializers.ModelSerializer):
    organization = OrganizationLinkSerializer(read_only=True)

    class Meta:
        model = VerificationRequest
        fields = [
            "id",
            "organization",
            "message",
            "status",
            "decision_note",
            "decided_at",
            "created_at",
        ]
        read_only_fields = ["id", "status", "decision_note", "decided_at", "created_at"]
        extra_kwargs = {"message": {"max_length": 2000}}


class VerificationRequestView(APIView):
    """`POST {message}` asks staff to verify (owners); `GET` shows the latest request."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=VerificationRequestSerializer)
    def get(self, request, slug):
        organization = _organization(slug)
        if not (rules.is_owner(request.user, organization) or rules.is_staff(request.user)):
            raise PermissionDenied(_("Only the organization's owners and staff see this."))
        latest = selectors.verification_request_latest(organization=organization)
        if latest is None:
            return Response({"detail": _("No verification was requested.")}, status=404)
        return Response(VerificationRequestSerializer(latest).data)

    @extend_schema(
        request=VerificationRequestSerializer, responses={201: VerificationRequestSerializer}
    )
    def post(self, request, slug):
        organization = _organization(slug)
        data = VerificationRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        created = services.verification_request_create(
            actor=request.user,
            organization=organization,
            message=data.validated_data.get("message", ""),
        )
        return Response(VerificationRequestSerializer(created).data, status=status.HTTP_201_CREATED)


class VerificationDecisionView(APIView):
    """Staff answer the pending verification request: `approve/` or `decline/ {note}`."""

    permission_classes = [permissions.IsAuthenticated]
    decision = ""

    @extend_schema(request=DecisionSerializer, responses=VerificationRequestSerializer)
    def post(self, request, slug):
        organization = _organization(slug)
        if not rules.can_decide_verification(request.user):
            raise PermissionDenied(_("Only staff verify organizations."))
        pending = get_object_or_404(
            VerificationRequest.objects.select_related("organization"),
            organization=organization,
            status=RequestStatus.PENDING,
        )
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decide = (
            services.verification_request_approve
            if self.decision == "approve"
            else services.verification_request_decline
        )
        decided = decide(actor=request.user, verification_request=pending, **data.validated_data)
        return Response(VerificationRequestSerializer(decided).data)


class PendingVerificationListView(PaginatedView):
    """Staff: every organization waiting for verification, oldest first."""

    permission_classes = [permissions.IsAdminUser]

    @extend_schema(responses=VerificationRequestSerializer(many=True))
    def get(self, request):
        pending = selectors.verification_requests_pending()
        return paginated_response(self, pending, VerificationRequestSerializer)
