"""Talent rows of the API: thin views that validate and call a service."""

from django.core.paginator import InvalidPage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api import CappedCountPagination, PaginatedView, paginated_response
from apps.core.exceptions import ActionForbidden
from apps.core.search import cached_under
from apps.talent import permissions as rules
from apps.talent import selectors, services
from apps.talent.files import CONTENT_TYPES
from apps.talent.filters import TalentFilter
from apps.talent.models import (
    CV,
    LANGUAGE_CHOICES,
    ContractType,
    CVAccess,
    Discipline,
    TalentProfile,
)


class ProfileSerializer(serializers.ModelSerializer):
    skills = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, max_length=40
    )
    disciplines = serializers.ListField(
        child=serializers.ChoiceField(choices=Discipline.choices), required=False
    )
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=LANGUAGE_CHOICES), required=False
    )
    contract_types = serializers.ListField(
        child=serializers.ChoiceField(choices=ContractType.choices), required=False
    )
    years_of_experience = serializers.IntegerField(min_value=0, max_value=60, required=False)

    class Meta:
        model = TalentProfile
        fields = [
            "id",
            "headline",
            "summary",
            "skills",
            "disciplines",
            "education_level",
            "years_of_experience",
            "city",
            "languages",
            "available_from",
            "contract_types",
            "visibility",
            "accepts_invitations",
            "updated_at",
        ]
        read_only_fields = ["id", "updated_at"]


class CVSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    type = serializers.CharField(source="detected_type", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = CV
        fields = ["id", "name", "type", "size", "is_primary", "uploaded_at", "download_url"]

    def get_download_url(self, cv: CV) -> str:
        path = f"/api/v1/cvs/{cv.id}/download/"
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class TalentProfileSerializer(ProfileSerializer):
    """A profile as organizations see it: the person's name, never their email address."""

    name = serializers.CharField(source="user.display_name", read_only=True)
    primary_cv = serializers.SerializerMethodField()

    class Meta(ProfileSerializer.Meta):
        fields = [f for f in ProfileSerializer.Meta.fields if f != "visibility"]
        fields = ["id", "name", *fields[1:], "primary_cv"]

    def get_primary_cv(self, profile: TalentProfile) -> dict | None:
        """The primary CV's name, size and link, for those who may download it; a profile
        that is merely public shares none of it (`cv_allowed` in the context decides)."""
        primary = getattr(profile, "primary_cvs", None)
        if primary is None:
            primary = [cv for cv in profile.cvs.all() if cv.is_primary]
        allowed = self.context.get("cv_allowed")
        if not primary or allowed is None or not allowed(primary[0]):
            return None
        return CVSerializer(primary[0], context=self.context).data


class MyProfileView(APIView):
    """`GET`/`PATCH` the signed-in job seeker's profile (created on first use, private)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=ProfileSerializer)
    def get(self, request):
        profile = services.talent_profile_get_or_create(user=request.user)
        return Response(ProfileSerializer(profile).data)

    @extend_schema(request=ProfileSerializer, responses=ProfileSerializer)
    def patch(self, request):
        data = ProfileSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        profile = services.talent_profile_update(user=request.user, **data.validated_data)
        return Response(ProfileSerializer(profile).data)


class CVUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True, use_url=False)
    name = serializers.CharField(required=False, max_length=200)
    is_primary = serializers.BooleanField(required=False, default=False)


class CVUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, max_length=200)
    is_primary = serializers.BooleanField(required=False)


class MyCVListView(PaginatedView):
    """`GET` the seeker's CVs; `POST` (multipart `file`, optional `name`, `is_primary`) adds one."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=CVSerializer(many=True))
    def get(self, request):
        return paginated_response(self, selectors.cvs_of(user=request.user), CVSerializer)

    @extend_schema(request=CVUploadSerializer, responses={201: CVSerializer})
    def post(self, request):
        data = CVUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cv = services.cv_upload(
            user=request.user,
            upload=data.validated_data["file"],
            name=data.validated_data.get("name"),
            make_primary=data.validated_data["is_primary"],
        )
        return Response(CVSerializer(cv, context={"request": request}).data, status=201)


class MyCVDetailView(APIView):
    """`PATCH {name, is_primary}` renames or promotes a CV; `DELETE` removes it and its file."""

    permission_classes = [permissions.IsAuthenticated]

    def _cv(self, request, cv_id) -> CV:
        # Another person's CV is a 404: its existence is not revealed.
        return get_object_or_404(selectors.cvs_of(user=request.user), pk=cv_id)

    @extend_schema(request=CVUpdateSerializer, responses=CVSerializer)
    def patch(self, request, cv_id):
        cv = self._cv(request, cv_id)
        data = CVUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if "name" in data.validated_data:
            cv = services.cv_rename(user=request.user, cv=cv, name=data.validated_data["name"])
        if data.validated_data.get("is_primary"):
            cv = services.cv_set_primary(user=request.user, cv=cv)
        return Response(CVSerializer(cv, context={"request": request}).data)

    @extend_schema(responses={204: None})
    def delete(self, request, cv_id):
        services.cv_delete(user=request.user, cv=self._cv(request, cv_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


def cv_file_response(cv: CV) -> FileResponse:
    """The CV as an attachment that no browser will render or sniff."""
    try:
        handle = cv.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file of this CV is missing.")) from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=services.cv_safe_download_name(cv),
        content_type=CONTENT_TYPES[cv.detected_type],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


class CVDownloadView(APIView):
    """The CV file, for those the rules allow; every download by someone else is logged."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "organization", str, description="Slug of the organization you download for"
            )
        ],
        responses={(200, "application/octet-stream"): bytes},
    )
    def get(self, request, cv_id):
        try:
            cv = selectors.cv_for_download(cv_id=cv_id)
        except CV.DoesNotExist as error:
            raise Http404 from error
        try:
            services.cv_download(
                user=request.user, cv=cv, organization_slug=request.GET.get("organization")
            )
        except ActionForbidden:
            if not rules.can_view_profile(request.user, cv.profile):
                raise Http404 from None  # a CV not shared with the caller is not revealed
            raise
        return cv_file_response(cv)


class TalentSearchView(ListAPIView):
    """The talent pool, for members of verified organizations only."""

    serializer_class = TalentProfileSerializer
    filterset_class = TalentFilter
    pagination_class = CappedCountPagination
    permission_classes = [permissions.IsAuthenticated]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        refusal = rules.talent_search_refusal(request.user)
        if refusal:
            raise PermissionDenied(refusal)

    def get_queryset(self):
        return selectors.talent_pool()

    def get_serializer_context(self):
        # The pool lists only profiles shared with verified organizations, and only their
        # members reach this view: each listed CV is theirs to download.
        return {**super().get_serializer_context(), "cv_allowed": lambda cv: True}

    def list(self, request, *args, **kwargs):
        # Every verified organization sees the same pool: the answer is cached with its
        # version, read first; an answer found needs nothing else.
        version = selectors.talent_pool_version()
        paginator = self.paginator

        def body() -> dict:
            filterset = TalentFilter(
                request.query_params, queryset=self.get_queryset(), request=request
            )
            if not filterset.is_valid():
                raise serializers.ValidationError(filterset.errors)
            try:
                page = selectors.talent_search_page(
                    filterset=filterset,
                    number=request.query_params.get(paginator.page_query_param, 1),
                    per_page=paginator.get_page_size(request),
                    strict=True,
                    version=version,
                )
            except InvalidPage as error:
                raise NotFound(_("Invalid page.")) from error
            paginator.page, paginator.request = page, request
            data = self.get_serializer(page.object_list, many=True).data
            return paginator.get_paginated_response(data).data

        return Response(cached_under(version, "talent:api", request.build_absolute_uri(), body))


class TalentProfileDetailView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=TalentProfileSerializer)
    def get(self, request, profile_id):
        try:
            profile = selectors.talent_profile_for_viewer(profile_id=profile_id)
        except TalentProfile.DoesNotExist as error:
            raise Http404 from error
        if not rules.can_view_profile(request.user, profile):
            raise Http404
        context = {
            "request": request,
            "cv_allowed": lambda cv: rules.cv_download_decision(request.user, cv).allowed,
        }
        return Response(TalentProfileSerializer(profile, context=context).data)


class CVAccessSerializer(serializers.ModelSerializer):
    cv = serializers.CharField(source="cv.original_name")
    by = serializers.SerializerMethodField()
    organization = serializers.SerializerMethodField()

    class Meta:
        model = CVAccess
        fields = ["id", "cv", "by", "organization", "accessed_at"]

    def get_by(self, access: CVAccess) -> str | None:
        return access.accessed_by.display_name if access.accessed_by else None

    def get_organization(self, access: CVAccess) -> str | None:
        return access.organization.name if access.organization else None


class MyCVDownloadsView(ListAPIView):
    """Who downloaded the signed-in seeker's CVs, newest first."""

    serializer_class = CVAccessSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends: list = []

    def get_queryset(self):
        return selectors.cv_downloads_of(user=self.request.user)
