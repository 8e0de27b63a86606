"""Vacancies, applications and job alerts in the API: thin views that call a service."""

from django.core.paginator import InvalidPage
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.apikeys.models import Scope
from apps.core.api import (
    CappedCountPagination,
    ConditionalGetMixin,
    PaginatedView,
    paginated_response,
)
from apps.organizations.agents import is_agent
from apps.organizations.models import Organization, Sector
from apps.talent.models import CV
from apps.vacancies import alerts, selectors, services
from apps.vacancies import permissions as rules
from apps.vacancies.filters import VacancyFilter
from apps.vacancies.language import VacancyLanguage
from apps.vacancies.models import AlertFrequency, Application, ApplicationStatus, JobAlert, Vacancy
from apps.vacancies.serializers import ApplicationSerializer, VacancySerializer


class VacancyWriteSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organization.objects.all()
    )
    sectors = serializers.SlugRelatedField(
        many=True, slug_field="slug", queryset=Sector.objects.all(), required=False
    )
    draft = serializers.BooleanField(
        required=False, default=False, write_only=True, help_text="Keep it as a draft."
    )
    description = serializers.CharField(
        max_length=50000,
        help_text="Markdown (HTML tags allowed); published as sanitised HTML.",
    )
    language = serializers.ChoiceField(
        choices=VacancyLanguage.choices,
        required=False,
        allow_blank=True,
        help_text="The language the vacancy is written in (en, nl or fr); detected from the "
        "title and description when left out or empty.",
    )
    salary_min = serializers.IntegerField(
        min_value=0, max_value=10_000_000, required=False, allow_null=True
    )
    salary_max = serializers.IntegerField(
        min_value=0, max_value=10_000_000, required=False, allow_null=True
    )

    class Meta:
        model = Vacancy
        fields = [
            "organization",
            "title",
            "language",
            "description",
            "city",
            "workplace",
            "contract",
            "experience",
            "discipline",
            "sectors",
            "salary_min",
            "salary_max",
            "apply_url",
            "application_email",
            "draft",
        ]


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class VacancyViewSet(
    ConditionalGetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The job board: published vacancies for everyone, all of their own for members."""

    lookup_field = "slug"
    filterset_class = VacancyFilter
    pagination_class = CappedCountPagination
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    api_key_scopes = {
        "list": Scope.VACANCIES_READ,
        "retrieve": Scope.VACANCIES_READ,
        **dict.fromkeys(
            ("create", "partial_update", "destroy", "submit", "close", "extend"),
            Scope.VACANCIES_WRITE,
        ),
    }

    def get_queryset(self):
        if self.action == "retrieve":
            # A key sees a closed or expired vacancy too, with its status.
            return selectors.vacancies_visible_to(user=self.request.user, include_ended=True)
        return selectors.vacancies_acted_on(user=self.request.user)

    def retrieve(self, request, *args, **kwargs):
        vacancy = self.get_object()
        if not request.user.is_authenticated:
            self.last_modified = max(vacancy.updated_at, vacancy.organization.updated_at)
        return Response(VacancySerializer(vacancy, context={"request": request}).data)

    def list(self, request, *args, **kwargs):
        now = timezone.now()
        # Anonymous callers all see the live board: the whole answer is cached with the
        # board's version, for the same address. The version is read first; an answer found
        # needs nothing else, not even its filters checked again.
        shared = not request.user.is_authenticated
        version = selectors.board_version(now=now) if shared else None
        # A sync (`updated_since`) reads the vacancies themselves, which know when they changed.
        syncing = "updated_since" in request.query_params
        paginator = self.paginator

        def body() -> dict:
            if shared and not syncing:
                queryset = selectors.board_rows(now=now)
            else:
                queryset = selectors.vacancies_visible_to(
                    user=request.user, now=now, include_ended=syncing
                )
            filterset = VacancyFilter(request.query_params, queryset=queryset, request=request)
            if not filterset.is_valid():
                raise serializers.ValidationError(filterset.errors)
            search = selectors.board_query(filterset=filterset, now=now, version=version)
            try:
                page = selectors.vacancy_board_page(
                    search=search,
                    number=request.query_params.get(paginator.page_query_param, 1),
                    per_page=paginator.get_page_size(request),
                    strict=True,
                )
            except InvalidPage as error:
                raise NotFound(_("Invalid page.")) from error
            paginator.page, paginator.request = page, request
            rows = VacancySerializer(page.object_list, many=True, context={"request": request})
            # Cached under a version that every write and expiry moves, the answer has not
            # changed since it was made: that moment is its `Last-Modified`. Uncached (a
            # signed-in caller, or no PostgreSQL), it goes without; the ETag still holds.
            made = timezone.now() if version is not None else None
            return {"answer": paginator.get_paginated_response(rows.data).data, "made": made}

        cached = selectors.board_cached(version, "api-page", request.build_absolute_uri(), body)
        self.last_modified = cached["made"]
        return Response(cached["answer"])

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return VacancyWriteSerializer
        return VacancySerializer

    def _read(self, vacancy: Vacancy, code=200) -> Response:
        vacancy = selectors.vacancies_visible_to(user=self.request.user).get(pk=vacancy.pk)
        return Response(VacancySerializer(vacancy, context={"request": self.request}).data, code)

    @extend_schema(request=VacancyWriteSerializer, responses={201: VacancySerializer})
    def create(self, request, *args, **kwargs):
        data = VacancyWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if is_agent(request.user) and values["organization"] != request.user.organization:
            raise NotFound(_("A key posts for its own organization only."))
        vacancy = services.vacancy_create(
            actor=request.user,
            organization=values.pop("organization"),
            sectors=values.pop("sectors", []),
            submit=not values.pop("draft"),
            **values,
        )
        return self._read(vacancy, status.HTTP_201_CREATED)

    @extend_schema(request=VacancyWriteSerializer, responses=VacancySerializer)
    def partial_update(self, request, *args, **kwargs):
        vacancy = self.get_object()
        data = VacancyWriteSerializer(vacancy, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("draft", None)
        if "organization" in values and values.pop("organization") != vacancy.organization:
            raise serializers.ValidationError({"organization": [_("A vacancy cannot move.")]})
        vacancy = services.vacancy_update(
            actor=request.user, vacancy=vacancy, sectors=values.pop("sectors", None), **values
        )
        return self._read(vacancy)

    def destroy(self, request, *args, **kwargs):
        services.vacancy_delete(actor=request.user, vacancy=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=VacancySerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, slug=None):
        return self._read(services.vacancy_submit(actor=request.user, vacancy=self.get_object()))

    @extend_schema(request=None, responses=VacancySerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, slug=None):
        return self._read(services.vacancy_approve(actor=request.user, vacancy=self.get_object()))

    @extend_schema(request=RejectSerializer, responses=VacancySerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, slug=None):
        vacancy = self.get_object()
        data = RejectSerializer(data=request.data)
        if not rules.can_moderate(request.user):
            raise PermissionDenied(_("Only staff reject vacancies."))
        data.is_valid(raise_exception=True)
        return self._read(
            services.vacancy_reject(actor=request.user, vacancy=vacancy, **data.validated_data)
        )

    @extend_schema(request=None, responses=VacancySerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, slug=None):
        return self._read(services.vacancy_close(actor=request.user, vacancy=self.get_object()))

    @extend_schema(request=None, responses=VacancySerializer)
    @action(detail=True, methods=["post"])
    def extend(self, request, slug=None):
        return self._read(services.vacancy_extend(actor=request.user, vacancy=self.get_object()))


class ModerationQueueView(PaginatedView):
    """Staff: vacancies waiting for review, oldest first."""

    permission_classes = [permissions.IsAdminUser]

    @extend_schema(responses=VacancySerializer(many=True))
    def get(self, request):
        return paginated_response(self, selectors.moderation_queue(), VacancySerializer)


# --- Applications -------------------------------------------------------------------------


class ApplySerializer(serializers.Serializer):
    cv = serializers.PrimaryKeyRelatedField(
        queryset=CV.objects.select_related("profile"), required=False
    )
    file = serializers.FileField(required=False, allow_empty_file=True, use_url=False)
    cover_letter = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    talent_pool = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Also stay in the organization's own talent pool (TALENT_POOL_MONTHS).",
    )


class VacancyApplicationsView(PaginatedView):
    """`GET` the vacancy's applications (members); `POST {cv | file, cover_letter,
    talent_pool}` applies, which records the consent that the organization keeps the CV for
    this vacancy, and with `talent_pool` the separate consent to stay in its pool."""

    permission_classes = [permissions.IsAuthenticated]

    api_key_scopes = {"get": Scope.APPLICATIONS_READ}

    def _vacancy(self, request, slug) -> Vacancy:
        try:
            return selectors.vacancies_acted_on(user=request.user).get(slug=slug)
        except Vacancy.DoesNotExist as error:
            raise Http404 from error

    @extend_schema(responses=ApplicationSerializer(many=True))
    def get(self, request, slug):
        vacancy = self._vacancy(request, slug)
        if not rules.can_handle_applications(request.user, vacancy):
            raise PermissionDenied(_("Only members of the organization see its applications."))
        applications = selectors.applications_for_vacancy(vacancy=vacancy)
        return paginated_response(self, applications, ApplicationSerializer)

    @extend_schema(request=ApplySerializer, responses={201: ApplicationSerializer})
    def post(self, request, slug):
        vacancy = self._vacancy(request, slug)
        data = ApplySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = services.application_create(
            applicant=request.user,
            vacancy=vacancy,
            cv=data.validated_data.get("cv"),
            upload=data.validated_data.get("file"),
            cover_letter=data.validated_data.get("cover_letter", ""),
            talent_pool=data.validated_data.get("talent_pool", False),
        )
        return Response(
            ApplicationSerializer(application, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[s for s in ApplicationStatus.choices if s[0] != ApplicationStatus.WITHDRAWN]
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="With `rejected` only: why, in words the applicant sees.",
    )


class ApplicationListView(PaginatedView):
    """The caller's applications, and those to their organizations' vacancies."""

    permission_classes = [permissions.IsAuthenticated]
    api_key_scopes = {"get": Scope.APPLICATIONS_READ}

    @extend_schema(responses=ApplicationSerializer(many=True))
    def get(self, request):
        applications = selectors.applications_visible_to(user=request.user)
        return paginated_response(self, applications, ApplicationSerializer)


class ApplicationDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    api_key_scopes = {"get": Scope.APPLICATIONS_READ, "patch": Scope.APPLICATIONS_WRITE}

    def _application(self, request, application_id) -> Application:
        application = get_object_or_404(
            selectors.applications_visible_to(user=request.user), pk=application_id
        )
        return application

    @extend_schema(responses=ApplicationSerializer)
    def get(self, request, application_id):
        return Response(
            ApplicationSerializer(
                self._application(request, application_id), context={"request": request}
            ).data
        )

    @extend_schema(request=StatusSerializer, responses=ApplicationSerializer)
    def patch(self, request, application_id):
        application = self._application(request, application_id)
        data = StatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = services.application_change_status(
            actor=request.user,
            application=application,
            status=data.validated_data["status"],
            reason=data.validated_data.get("reason", ""),
        )
        return Response(ApplicationSerializer(application, context={"request": request}).data)


class ApplicationWithdrawView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=None, responses=ApplicationSerializer)
    def post(self, request, application_id):
        application = get_object_or_404(
            selectors.applications_visible_to(user=request.user), pk=application_id
        )
        application = services.application_withdraw(actor=request.user, application=application)
        return Response(ApplicationSerializer(application, context={"request": request}).data)


class ApplicationTalentPoolView(APIView):
    """The applicant stays in the organization's talent pool from today (again, if already)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=None,
        responses={
            200: ApplicationSerializer,
            403: OpenApiResponse(description="Not the applicant, or a withdrawn application."),
            404: OpenApiResponse(description="Not an application you can see."),
        },
    )
    def post(self, request, application_id):
        application = get_object_or_404(
            selectors.applications_visible_to(user=request.user), pk=application_id
        )
        application = services.application_talent_pool_join(
            actor=request.user, application=application
        )
        return Response(ApplicationSerializer(application, context={"request": request}).data)


class TalentPoolEntrySerializer(serializers.Serializer):
    application = serializers.UUIDField(source="pk")
    name = serializers.CharField(source="applicant.display_name")
    profile_url = serializers.SerializerMethodField()
    headline = serializers.SerializerMethodField()
    vacancy = serializers.SerializerMethodField()
    status = serializers.CharField()
    applied_at = serializers.DateTimeField(source="created_at")
    cv = serializers.SerializerMethodField()
    in_pool_until = serializers.DateTimeField(source="talent_pool_consent.expires_at")

    def _profile(self, application: Application):
        return getattr(application.applicant, "talent_profile", None)

    def get_profile_url(self, application: Application) -> str | None:
        profile = self._profile(application)
        return f"/api/v1/talent/{profile.pk}/" if profile else None

    def get_headline(self, application: Application) -> str:
        profile = self._profile(application)
        return profile.headline if profile else ""

    def get_vacancy(self, application: Application) -> dict:
        return {"slug": application.vacancy.slug, "title": application.vacancy.title}

    def get_cv(self, application: Application) -> dict | None:
        if application.cv is None:
            return None
        return {
            "id": str(application.cv.pk),
            "name": application.cv.original_name,
            "download_url": f"/api/v1/cvs/{application.cv.pk}/download/",
        }


class TalentPoolView(PaginatedView):
    """The people in the organization's own talent pool (members only): applicants who
    agreed to stay in it, while their consent holds."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        responses={
            200: TalentPoolEntrySerializer(many=True),
            403: OpenApiResponse(description="Not a member of the organization."),
            404: OpenApiResponse(description="No such organization."),
        }
    )
    def get(self, request, slug):
        organization = get_object_or_404(Organization, slug=slug)
        if not rules.can_see_talent_pool(request.user, organization):
            raise PermissionDenied(_("Only members of the organization see its talent pool."))
        pool = selectors.talent_pool_of(organization=organization)
        return paginated_response(self, pool, TalentPoolEntrySerializer)


# --- Job alerts ---------------------------------------------------------------------------


class JobAlertSerializer(serializers.ModelSerializer):
    filters = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)
    frequency = serializers.ChoiceField(
        choices=AlertFrequency.choices, default=AlertFrequency.DAILY
    )
    name = serializers.CharField(required=False, allow_blank=True, max_length=120)

    class Meta:
        model = JobAlert
        fields = ["id", "name", "filters", "frequency", "is_active", "created_at", "last_run_at"]
        read_only_fields = ["id", "created_at", "last_run_at"]


class AlertListView(PaginatedView):
    """`GET` your job alerts; `POST {filters, frequency, name}` saves a vacancy search."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=JobAlertSerializer(many=True))
    def get(self, request):
        return paginated_response(self, selectors.alerts_of(user=request.user), JobAlertSerializer)

    @extend_schema(request=JobAlertSerializer, responses={201: JobAlertSerializer})
    def post(self, request):
        data = JobAlertSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        alert = alerts.job_alert_create(
            user=request.user,
            filters=data.validated_data.get("filters", {}),
            frequency=data.validated_data["frequency"],
            name=data.validated_data.get("name", ""),
        )
        return Response(JobAlertSerializer(alert).data, status=status.HTTP_201_CREATED)


class AlertDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def _alert(self, request, alert_id) -> JobAlert:
        return get_object_or_404(selectors.alerts_of(user=request.user), pk=alert_id)

    @extend_schema(request=JobAlertSerializer, responses=JobAlertSerializer)
    def patch(self, request, alert_id):
        alert = self._alert(request, alert_id)
        data = JobAlertSerializer(alert, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        alert = alerts.job_alert_update(user=request.user, alert=alert, **data.validated_data)
        return Response(JobAlertSerializer(alert).data)

    @extend_schema(responses={204: None})
    def delete(self, request, alert_id):
        alerts.job_alert_delete(user=request.user, alert=self._alert(request, alert_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
