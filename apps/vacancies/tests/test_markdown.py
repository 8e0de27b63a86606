"""Vacancy descriptions are written in Markdown, previewed, and published as sanitised HTML."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.core.html import markdown_to_html
from apps.organizations.tests.factories import MembershipFactory
from apps.vacancies import services
from apps.vacancies.models import Vacancy
from apps.vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db

WRITTEN = (
    "We engineer antibodies.\n"
    "Our lab is in Ghent.\n"
    "\n"
    "What you do:\n"
    "- run **phage display** campaigns\n"
    "- report to the *team lead*\n"
    "\n"
    "## About you\n"
    "Read [our story](https://example.org/story).\n"
    '<script>alert(1)</script><a href="javascript:alert(2)" onclick="x()">bad</a>'
)


def form(**values) -> dict:
    return {
        "title": "Antibody engineer",
        "description": WRITTEN,
        "city": "Ghent",
        "workplace": "onsite",
        "contract": "permanent",
        "experience": "medior",
        "discipline": "immunology",
        "sectors": ["health"],
        **values,
    }


class TestRendering:
    def test_blank_lines_and_dashes_become_paragraphs_and_lists(self):
        html = markdown_to_html(WRITTEN)
        assert html.startswith("<p>We engineer antibodies.<br>\nOur lab is in Ghent.</p>")
        assert "<p>What you do:</p>" in html
        assert "<ul>\n<li>run <strong>phage display</strong> campaigns</li>" in html
        assert "<li>report to the <em>team lead</em></li>\n</ul>" in html

    def test_headings_step_down_below_the_page_title(self):
        assert "<h3>About you</h3>" in markdown_to_html(WRITTEN)

    def test_links_keep_safe_schemes_and_lose_scripts(self):
        html = markdown_to_html(WRITTEN)
        assert '<a href="https://example.org/story" rel="noopener nofollow ugc">' in html
        assert "<script" not in html and "alert(1)" not in html
        assert "javascript:" not in html and "onclick" not in html

    def test_html_written_before_markdown_passes_through_sanitised(self):
        html = markdown_to_html("<p>Fine <strong>text</strong></p><script>alert(1)</script>")
        assert html == "<p>Fine <strong>text</strong></p>"


class TestService:
    def test_the_written_text_and_its_html_are_both_kept(self):
        membership = MembershipFactory(organization__verified=True)
        vacancy = services.vacancy_create(
            actor=membership.user,
            organization=membership.organization,
            title="Antibody engineer",
            description=WRITTEN,
            city="Ghent",
            workplace="onsite",
            contract="permanent",
            experience="medior",
            discipline="immunology",
        )
        assert vacancy.description_markdown == WRITTEN
        assert "<li>run <strong>phage display</strong> campaigns</li>" in vacancy.description

    def test_markdown_that_renders_to_nothing_is_refused(self):
        from apps.core.exceptions import ServiceError

        membership = MembershipFactory(organization__verified=True)
        with pytest.raises(ServiceError) as error:
            services.vacancy_create(
                actor=membership.user,
                organization=membership.organization,
                title="Empty",
                description="<script>alert(1)</script>",
                city="Ghent",
                workplace="onsite",
                contract="permanent",
                experience="medior",
                discipline="immunology",
            )
        assert "description" in error.value.detail


class TestPages:
    def test_preview_shows_the_rendered_description_and_saves_nothing(self):
        membership = MembershipFactory(organization__verified=True)
        client = Client()
        client.force_login(membership.user)
        response = client.post(
            reverse("vacancies:create"),
            form(organization=membership.organization.pk, preview="1"),
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert "Preview of the description" in page
        assert "<li>run <strong>phage display</strong> campaigns</li>" in page
        assert "alert(1)" not in page.split("Preview of the description")[1].split("</section>")[0]
        # The text as typed stays in the form, and nothing was saved.
        assert "- run **phage display** campaigns" in page
        assert not Vacancy.objects.exists()

    def test_the_published_page_shows_lists_and_paragraphs(self):
        membership = MembershipFactory(organization__verified=True)
        client = Client()
        client.force_login(membership.user)
        response = client.post(
            reverse("vacancies:create"), form(organization=membership.organization.pk, submit="1")
        )
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        assert "<p>What you do:</p>" in page and "<ul>" in page

    def test_editing_starts_from_the_markdown_as_written(self):
        membership = MembershipFactory(organization__verified=True)
        vacancy = VacancyFactory(
            organization=membership.organization,
            description="<p>What you do:</p><ul><li>pipetting</li></ul>",
            description_markdown="What you do:\n- pipetting",
        )
        client = Client()
        client.force_login(membership.user)
        page = client.get(reverse("vacancies:edit", kwargs={"slug": vacancy.slug})).content.decode()
        assert "What you do:\n- pipetting</textarea>" in page
