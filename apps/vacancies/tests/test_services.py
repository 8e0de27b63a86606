from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.core.exceptions import ActionForbidden, ConflictError, ServiceError
from apps.organizations.models import Sector
from apps.organizations.tests.factories import MembershipFactory
from apps.talent.models import CV
from apps.talent.tests.factories import CVFactory, upload
from apps.vacancies import services, tasks
from apps.vacancies.models import (
    Application,
    ApplicationStatus,
    ApplicationStatusChange,
    Vacancy,
    VacancyStatus,
    VacancyStatusChange,
)
from apps.vacancies.tests.factories import (
    ApplicationFactory,
    VacancyFactory,
    cv_for,
    published_vacancy,
)

pytestmark = pytest.mark.django_db

FIELDS = {
    "title": "Research associate antibody discovery",
    "description": "<p>Phage display and <strong>ELISA</strong>.</p>",
    "city": "Ghent",
    "workplace": "hybrid",
    "contract": "permanent",
    "experience": "junior",
    "discipline": "immunology",
}


@pytest.fixture
def member():
    return MembershipFactory(
        role="recruiter", organization__verified=True, organization__name="Leie Biologics"
    ).user


@pytest.fixture
def organization(member):
    return member.memberships.get().organization


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


def log(vacancy: Vacancy) -> list[tuple[str, str, object]]:
    return [
        (change.from_status, change.to_status, change.actor)
        for change in VacancyStatusChange.objects.filter(vacancy=vacancy)
    ]


class TestWorkflow:
    def test_create_as_draft_records_who(self, member, organization):
        vacancy = services.vacancy_create(
            actor=member,
            organization=organization,
            sectors=Sector.objects.filter(slug="health"),
            submit=False,
            **FIELDS,
        )
        assert vacancy.status == VacancyStatus.DRAFT
        assert vacancy.created_by == member
        assert vacancy.slug == "research-associate-antibody-discovery-leie-biologics"
        assert list(vacancy.sectors.values_list("slug", flat=True)) == ["health"]
        assert log(vacancy) == [("", "draft", member)]
        assert vacancy.published_at is None and vacancy.expires_at is None

    def test_the_same_title_gets_a_new_slug(self, member, organization):
        first = services.vacancy_create(actor=member, organization=organization, **FIELDS)
        second = services.vacancy_create(actor=member, organization=organization, **FIELDS)
        assert second.slug == f"{first.slug}-2"

    def test_the_whole_lifecycle_is_logged_with_actor_and_time(
        self, member, organization, staff, settings
    ):
        settings.VACANCY_LIFETIME_DAYS = 30
        vacancy = services.vacancy_create(actor=member, organization=organization, **FIELDS)
        vacancy.refresh_from_db()
        assert vacancy.status == VacancyStatus.PENDING_REVIEW and vacancy.submitted_at
        services.vacancy_reject(actor=staff, vacancy=vacancy, reason="Add a salary range.")
        vacancy.refresh_from_db()
        assert vacancy.status == VacancyStatus.REJECTED
        assert vacancy.reviewer_note == "Add a salary range."
        vacancy = services.vacancy_update(
            actor=member, vacancy=vacancy, salary_min=40000, salary_max=52000
        )
        assert vacancy.status == VacancyStatus.PENDING_REVIEW
        before = timezone.now()
        vacancy = services.vacancy_approve(actor=staff, vacancy=vacancy)
        assert vacancy.status == VacancyStatus.PUBLISHED
        assert vacancy.reviewer_note == ""
        assert before <= vacancy.published_at <= timezone.now()
        assert vacancy.expires_at == vacancy.published_at + timedelta(days=30)
        vacancy = services.vacancy_extend(actor=member, vacancy=vacancy)
        vacancy = services.vacancy_close(actor=member, vacancy=vacancy)
        assert Vacancy.objects.get(pk=vacancy.pk).status == VacancyStatus.CLOSED
        assert log(vacancy) == [
            ("", "draft", member),
            ("draft", "pending_review", member),
            ("pending_review", "rejected", staff),
            ("rejected", "pending_review", member),
            ("pending_review", "published", staff),
            ("published", "published", member),
            ("published", "closed", member),
        ]
        changes = list(VacancyStatusChange.objects.filter(vacancy=vacancy))
        assert changes[2].note == "Add a salary range."
        assert changes[3].note == "edited"
        assert changes[5].note.startswith("extended until")
        assert all(change.created_at for change in changes)
        assert [c.created_at for c in changes] == sorted(c.created_at for c in changes)

    def test_the_lifetime_defaults_to_60_days(self):
        assert settings.VACANCY_LIFETIME_DAYS == 60

    def test_submit_a_draft(self, member, organization):
        vacancy = services.vacancy_create(
            actor=member, organization=organization, submit=False, **FIELDS
        )
        services.vacancy_submit(actor=member, vacancy=vacancy)
        vacancy.refresh_from_db()
        assert vacancy.status == VacancyStatus.PENDING_REVIEW and vacancy.submitted_at

    def test_editing_a_draft_keeps_it_a_draft_and_sanitises(self, member, organization):
        vacancy = services.vacancy_create(
            actor=member, organization=organization, submit=False, **FIELDS
        )
        vacancy = services.vacancy_update(
            actor=member,
            vacancy=vacancy,
            description='<p onclick="x()">New</p><script>alert(1)</script>',
            sectors=Sector.objects.filter(slug__in=["digital", "medtech"]),
        )
        assert vacancy.status == VacancyStatus.DRAFT
        assert vacancy.description == "<p>New</p>"
        assert set(vacancy.sectors.values_list("slug", flat=True)) == {"digital", "medtech"}
        assert log(vacancy) == [("", "draft", member)]

    def test_editing_a_pending_vacancy_sends_it_back_to_review(self, member, organization):
        vacancy = services.vacancy_create(actor=member, organization=organization, **FIELDS)
        services.vacancy_update(actor=member, vacancy=vacancy, city="Leuven")
        vacancy.refresh_from_db()
        assert vacancy.status == VacancyStatus.PENDING_REVIEW and vacancy.city == "Leuven"
        assert log(vacancy)[-1] == ("pending_review", "pending_review", member)

    @pytest.mark.parametrize("status", ["published", "closed", "expired"])
    def test_a_vacancy_past_review_cannot_be_edited(self, member, organization, status):
        vacancy = published_vacancy(organization=organization, status=status)
        with pytest.raises(ConflictError):
            services.vacancy_update(actor=member, vacancy=vacancy, title="Changed")
        assert Vacancy.objects.get(pk=vacancy.pk).title != "Changed"

    @pytest.mark.parametrize(
        ("fields", "error_field"),
        [
            ({"salary_min": 60000, "salary_max": 50000}, "salary_min"),
            ({"description": "<script>alert(1)</script>"}, "description"),
            ({"status": "published"}, "status"),
            ({"organization": None}, "organization"),
        ],
    )
    def test_bad_fields_change_nothing(self, member, organization, fields, error_field):
        vacancy = services.vacancy_create(
            actor=member, organization=organization, submit=False, **FIELDS
        )
        with pytest.raises(ServiceError) as raised:
            services.vacancy_update(actor=member, vacancy=vacancy, **fields)
        assert error_field in raised.value.detail
        assert Vacancy.objects.get(pk=vacancy.pk).description == FIELDS["description"]
        assert Vacancy.objects.get(pk=vacancy.pk).status == VacancyStatus.DRAFT

    def test_a_bad_apply_url_is_a_service_error(self, member, organization):
        with pytest.raises(ServiceError) as raised:
            services.vacancy_create(
                actor=member, organization=organization, apply_url="ftp://jobs.example", **FIELDS
            )
        assert raised.value.status_code == 400 and "apply_url" in raised.value.detail
        assert not Vacancy.objects.exists()

    def test_an_unverified_organization_is_told_why(self):
        membership = MembershipFactory(organization__verified=False, organization__name="Nova")
        with pytest.raises(ActionForbidden) as raised:
            services.vacancy_create(
                actor=membership.user, organization=membership.organization, **FIELDS
            )
        assert "Nova is not verified" in str(raised.value.detail["detail"])
        assert not Vacancy.objects.exists()

    def test_a_stranger_cannot_post_for_an_organization(self, organization):
        with pytest.raises(ActionForbidden):
            services.vacancy_create(actor=UserFactory(), organization=organization, **FIELDS)
        assert not Vacancy.objects.exists()

    def test_only_staff_moderate(self, member, organization):
        vacancy = VacancyFactory(organization=organization, pending=True)
        with pytest.raises(ActionForbidden):
            services.vacancy_approve(actor=member, vacancy=vacancy)
        with pytest.raises(ActionForbidden):
            services.vacancy_reject(actor=member, vacancy=vacancy, reason="no")
        assert Vacancy.objects.get(pk=vacancy.pk).status == VacancyStatus.PENDING_REVIEW
        assert not VacancyStatusChange.objects.exists()

    def test_a_rejection_needs_a_reason(self, staff):
        vacancy = VacancyFactory(pending=True)
        with pytest.raises(ServiceError) as raised:
            services.vacancy_reject(actor=staff, vacancy=vacancy, reason="   ")
        assert "reason" in raised.value.detail
        assert Vacancy.objects.get(pk=vacancy.pk).status == VacancyStatus.PENDING_REVIEW

    @pytest.mark.parametrize(
        ("action", "status"),
        [
            ("approve", "draft"),
            ("approve", "published"),
            ("approve", "rejected"),
            ("reject", "draft"),
            ("reject", "published"),
            ("submit", "pending_review"),
            ("submit", "published"),
            ("close", "draft"),
            ("close", "pending_review"),
            ("close", "closed"),
            ("close", "expired"),
            ("extend", "draft"),
            ("extend", "closed"),
            ("extend", "expired"),
            ("delete", "published"),
            ("delete", "closed"),
        ],
    )
    def test_a_move_the_workflow_does_not_allow_is_a_conflict(
        self, member, organization, staff, action, status
    ):
        vacancy = published_vacancy(organization=organization, status=status)
        actor = staff if action in ("approve", "reject") else member
        extra = {"reason": "Because."} if action == "reject" else {}
        with pytest.raises(ConflictError):
            getattr(services, f"vacancy_{action}")(actor=actor, vacancy=vacancy, **extra)
        assert Vacancy.objects.get(pk=vacancy.pk).status == status
        assert not VacancyStatusChange.objects.exists()

    def test_extend_gives_a_full_lifetime_from_today(self, member, organization):
        vacancy = published_vacancy(organization=organization)
        Vacancy.objects.filter(pk=vacancy.pk).update(expires_at=timezone.now() + timedelta(days=2))
        services.vacancy_extend(actor=member, vacancy=vacancy)
        vacancy.refresh_from_db()
        remaining = vacancy.expires_at - timezone.now()
        assert timedelta(days=59, hours=23) < remaining <= timedelta(days=60)

    def test_delete_a_draft(self, member, organization):
        vacancy = VacancyFactory(organization=organization)
        services.vacancy_delete(actor=member, vacancy=vacancy)
        assert not Vacancy.objects.exists()

    def test_a_rename_of_the_organization_refreshes_its_vacancies(self, organization):
        from apps.vacancies.selectors import live_vacancies, vacancy_search

        published_vacancy(organization=organization, title="Technician")
        organization.name = "Scheldt Antibodies"
        organization.save()
        assert vacancy_search(live_vacancies(), "Scheldt").count() == 1


class TestExpiry:
    def test_expire_due_marks_past_vacancies_and_is_idempotent(self):
        past = published_vacancy()
        Vacancy.objects.filter(pk=past.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
        future = published_vacancy()
        closed = published_vacancy(status=VacancyStatus.CLOSED)
        Vacancy.objects.filter(pk=closed.pk).update(expires_at=timezone.now() - timedelta(days=1))
        assert services.vacancies_expire_due() == 1
        assert services.vacancies_expire_due() == 0
        statuses = dict(Vacancy.objects.values_list("pk", "status"))
        assert statuses == {past.pk: "expired", future.pk: "published", closed.pk: "closed"}
        assert log(past) == [("published", "expired", None)]
        assert VacancyStatusChange.objects.count() == 1

    def test_the_celery_task_runs_the_service(self):
        vacancy = published_vacancy()
        Vacancy.objects.filter(pk=vacancy.pk).update(expires_at=timezone.now() - timedelta(days=1))
        assert tasks.expire_due.delay().get() == 1
        assert tasks.expire_due.apply().get() == 0
        assert Vacancy.objects.get(pk=vacancy.pk).status == VacancyStatus.EXPIRED

    def test_the_task_is_on_the_beat_schedule(self):
        entries = [
            e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "vacancies.expire_due"
        ]
        assert len(entries) == 1
        assert tasks.expire_due.name == "vacancies.expire_due"


# --- Applications -------------------------------------------------------------------------


@pytest.fixture
def seeker():
    return UserFactory()


@pytest.fixture
def live():
    return published_vacancy()


class TestApply:
    def test_apply_once_with_one_of_ones_cvs(self, seeker, live):
        cv = cv_for(seeker)
        application = services.application_create(
            applicant=seeker, vacancy=live, cv=cv, cover_letter="  Dear team  "
        )
        assert application.status == ApplicationStatus.SUBMITTED
        assert application.cover_letter == "Dear team"
        assert [
            (c.from_status, c.to_status, c.actor) for c in application.status_changes.all()
        ] == [("", "submitted", seeker)]
        with pytest.raises(ConflictError):
            services.application_create(applicant=seeker, vacancy=live, cv=cv)
        assert Application.objects.count() == 1

    def test_apply_with_a_new_upload_stores_a_cv(self, seeker, live):
        application = services.application_create(
            applicant=seeker, vacancy=live, upload=upload("Mijn CV.pdf")
        )
        assert application.cv.profile.user == seeker
        assert CV.objects.filter(profile__user=seeker).count() == 1

    def test_a_disguised_upload_is_refused(self, seeker, live):
        with pytest.raises(ServiceError) as raised:
            services.application_create(
                applicant=seeker, vacancy=live, upload=upload("cv.pdf", b"<html>x</html>")
            )
        assert "file" in raised.value.detail
        assert not Application.objects.exists() and not CV.objects.exists()

    @pytest.mark.parametrize("choice", ["neither", "both", "someone_elses"])
    def test_the_cv_must_be_one_of_ones_own(self, seeker, live, choice):
        own = cv_for(seeker)
        kwargs = {
            "neither": {},
            "both": {"cv": own, "upload": upload()},
            "someone_elses": {"cv": CVFactory()},
        }[choice]
        with pytest.raises(ServiceError) as raised:
            services.application_create(applicant=seeker, vacancy=live, **kwargs)
        assert raised.value.status_code == 400 and "cv" in raised.value.detail
        assert not Application.objects.exists()

    @pytest.mark.parametrize("status", ["draft", "pending_review", "rejected", "closed", "expired"])
    def test_a_vacancy_that_is_not_live_takes_no_applications(self, seeker, status):
        vacancy = published_vacancy(status=status)
        with pytest.raises(ActionForbidden):
            services.application_create(applicant=seeker, vacancy=vacancy, cv=cv_for(seeker))
        assert not Application.objects.exists()

    def test_a_vacancy_past_its_date_takes_no_applications_before_the_task_runs(self, seeker):
        vacancy = published_vacancy()
        Vacancy.objects.filter(pk=vacancy.pk).update(expires_at=timezone.now())
        vacancy.refresh_from_db()
        with pytest.raises(ActionForbidden):
            services.application_create(applicant=seeker, vacancy=vacancy, cv=cv_for(seeker))

    def test_an_external_vacancy_is_applied_to_elsewhere(self, seeker):
        vacancy = published_vacancy(apply_url="https://jobs.example/1")
        with pytest.raises(ActionForbidden):
            services.application_create(applicant=seeker, vacancy=vacancy, cv=cv_for(seeker))

    def test_the_email_must_be_verified(self, live):
        seeker = UserFactory(email_verified=False)
        with pytest.raises(ActionForbidden) as raised:
            services.application_create(applicant=seeker, vacancy=live, cv=cv_for(seeker))
        assert "Confirm your email" in raised.value.messages[0]
        EmailAddress.objects.filter(user=seeker).update(verified=True)
        assert services.application_create(applicant=seeker, vacancy=live, cv=cv_for(seeker))

    def test_members_do_not_apply_to_their_own_organization(self, live):
        member = MembershipFactory(organization=live.organization).user
        with pytest.raises(ActionForbidden):
            services.application_create(applicant=member, vacancy=live, cv=cv_for(member))


ALLOWED = {
    ("submitted", "in_review"),
    ("submitted", "shortlisted"),
    ("submitted", "rejected"),
    ("in_review", "shortlisted"),
    ("in_review", "rejected"),
    ("shortlisted", "rejected"),
    ("shortlisted", "hired"),
}


class TestApplicationStatus:
    @pytest.mark.parametrize("current", ApplicationStatus.values)
    @pytest.mark.parametrize("new", ApplicationStatus.values)
    def test_only_the_workflow_moves_are_allowed(self, current, new):
        application = ApplicationFactory(status=current)
        member = MembershipFactory(organization=application.vacancy.organization).user
        if (current, new) in ALLOWED:
            services.application_change_status(actor=member, application=application, status=new)
            assert Application.objects.get(pk=application.pk).status == new
            change = ApplicationStatusChange.objects.get(application=application)
            assert (change.from_status, change.to_status, change.actor) == (current, new, member)
        else:
            with pytest.raises(ConflictError):
                services.application_change_status(
                    actor=member, application=application, status=new
                )
            assert Application.objects.get(pk=application.pk).status == current
            assert not ApplicationStatusChange.objects.exists()

    def test_an_unknown_status_is_a_400(self):
        application = ApplicationFactory()
        member = MembershipFactory(organization=application.vacancy.organization).user
        with pytest.raises(ServiceError) as raised:
            services.application_change_status(
                actor=member, application=application, status="promoted"
            )
        assert raised.value.status_code == 400

    def test_the_full_path_to_hired_is_logged(self):
        application = ApplicationFactory()
        member = MembershipFactory(organization=application.vacancy.organization).user
        for status in ("in_review", "shortlisted", "hired"):
            services.application_change_status(actor=member, application=application, status=status)
        application.refresh_from_db()
        assert application.status == "hired" and application.status_changed_at
        assert list(application.status_changes.values_list("from_status", "to_status")) == [
            ("submitted", "in_review"),
            ("in_review", "shortlisted"),
            ("shortlisted", "hired"),
        ]

    @pytest.mark.parametrize("who", ["applicant", "other_member", "stranger", "staff"])
    def test_only_members_of_the_organization_move_an_application(self, who):
        application = ApplicationFactory()
        actor = {
            "applicant": application.applicant,
            "other_member": MembershipFactory(organization__verified=True).user,
            "stranger": UserFactory(),
            "staff": UserFactory(is_staff=True),
        }[who]
        with pytest.raises(ActionForbidden):
            services.application_change_status(
                actor=actor, application=application, status="in_review"
            )
        assert Application.objects.get(pk=application.pk).status == "submitted"


class TestWithdraw:
    @pytest.mark.parametrize("status", ["submitted", "in_review", "shortlisted"])
    def test_the_applicant_withdraws_an_open_application(self, status):
        application = ApplicationFactory(status=status)
        services.application_withdraw(actor=application.applicant, application=application)
        application.refresh_from_db()
        assert application.status == "withdrawn"
        change = application.status_changes.get()
        assert (change.from_status, change.to_status, change.actor) == (
            status,
            "withdrawn",
            application.applicant,
        )

    @pytest.mark.parametrize("status", ["rejected", "hired", "withdrawn"])
    def test_a_decided_application_cannot_be_withdrawn(self, status):
        application = ApplicationFactory(status=status)
        with pytest.raises(ConflictError):
            services.application_withdraw(actor=application.applicant, application=application)
        assert Application.objects.get(pk=application.pk).status == status

    def test_nobody_else_withdraws(self):
        application = ApplicationFactory()
        member = MembershipFactory(organization=application.vacancy.organization).user
        with pytest.raises(ActionForbidden):
            services.application_withdraw(actor=member, application=application)
        assert Application.objects.get(pk=application.pk).status == "submitted"
