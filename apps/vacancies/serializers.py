"""How the API shows vacancies and applications; webhooks carry the same representation."""

from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.organizations.models import Organization
from apps.vacancies import permissions as rules
from apps.vacancies.models import Application, Vacancy, VacancyStatus


class OrganizationCardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["name", "slug", "city", "verified", "is_member"]


class VacancySerializer(serializers.ModelSerializer):
    organization = OrganizationCardSerializer(read_only=True)
    sectors = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    applies_in_portal = serializers.BooleanField(read_only=True)
    # "expired" from the moment the date passes, before the nightly task records it.
    status = serializers.ChoiceField(
        source="current_status", choices=VacancyStatus.choices, read_only=True
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Vacancy
        fields = [
            "slug",
            "title",
            "language",
            "organization",
            "description",
            "description_markdown",
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
            "applies_in_portal",
            "status",
            "reviewer_note",
            "published_at",
            "expires_at",
            "created_at",
            "updated_at",
            "url",
        ]

    def get_url(self, vacancy: Vacancy) -> str:
        request = self.context.get("request")
        path = vacancy.get_absolute_url()
        return request.build_absolute_uri(path) if request else f"{settings.SITE_URL}{path}"


class ApplicantSerializer(serializers.Serializer):
    name = serializers.CharField(source="display_name")
    email = serializers.EmailField()


class ApplicationSerializer(serializers.ModelSerializer):
    vacancy = serializers.SerializerMethodField()
    applicant = serializers.SerializerMethodField()
    cv = serializers.SerializerMethodField()
    profile_url = serializers.SerializerMethodField()
    talent_pool_until = serializers.SerializerMethodField(
        help_text="While the applicant agreed to stay in the organization's talent pool."
    )

    class Meta:
        model = Application
        fields = [
            "id",
            "vacancy",
            "applicant",
            "cv",
            "profile_url",
            "cover_letter",
            "status",
            "rejection_reason",
            "created_at",
            "status_changed_at",
            "talent_pool_until",
        ]

    def get_talent_pool_until(self, application: Application) -> datetime | None:
        consent = application.talent_pool_consent
        if consent is None or not consent.is_live():
            return None
        return consent.expires_at

    def get_vacancy(self, application: Application) -> dict:
        return {
            "slug": application.vacancy.slug,
            "title": application.vacancy.title,
            "organization": application.vacancy.organization.name,
        }

    @extend_schema_field(ApplicantSerializer(allow_null=True))
    def get_applicant(self, application: Application) -> dict | None:
        """Null for the organization once the applicant withdrew."""
        request = self.context.get("request")
        # Without a request the reader is the organization: a webhook to its receiver.
        reader = request.user if request is not None else AnonymousUser()
        if not rules.can_see_applicant(reader, application):
            return None
        return ApplicantSerializer(application.applicant).data

    def get_cv(self, application: Application) -> dict | None:
        if application.cv is None:
            return None
        return {
            "id": str(application.cv.pk),
            "name": application.cv.original_name,
            "download_url": f"/api/v1/cvs/{application.cv.pk}/download/",
        }

    def get_profile_url(self, application: Application) -> str:
        return f"/api/v1/talent/{application.cv.profile_id}/" if application.cv else ""
