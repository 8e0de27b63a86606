"""Logos are judged by their content and drawn again by Pillow: what is served is an image
whose name says what it is, whatever bytes or name were sent."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.organizations.models import Organization
from apps.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def image_bytes(image_format: str, size=(40, 20), mode="RGB") -> bytes:
    output = io.BytesIO()
    Image.new(mode, size, (200, 30, 60)).save(output, format=image_format)
    return output.getvalue()


def signed_in(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def create(logo: SimpleUploadedFile):
    return signed_in(UserFactory()).post(
        "/api/v1/organizations/",
        {"name": "Polyglot Bio", "kind": "company", "logo": logo},
        format="multipart",
    )


def test_a_gif_with_html_appended_named_pdf_is_served_as_a_clean_png():
    polyglot = image_bytes("GIF") + HTML
    response = create(SimpleUploadedFile("logo.pdf", polyglot, content_type="application/pdf"))
    assert response.status_code == 201, response.json()
    organization = Organization.objects.get(name="Polyglot Bio")
    assert organization.logo.name.endswith(".png")
    stored = organization.logo.read()
    assert stored.startswith(b"\x89PNG") and b"<script" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (40, 20)
    served = Client().get(f"/media/{organization.logo.name}")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    organization.logo.delete(save=False)


def test_a_photo_stays_a_jpeg_and_transparency_survives_in_png():
    response = create(SimpleUploadedFile("photo.png", image_bytes("JPEG")))
    logo = Organization.objects.get(slug=response.json()["slug"]).logo
    assert logo.name.endswith(".jpg") and logo.read().startswith(b"\xff\xd8")
    logo.delete(save=False)
    owner = MembershipFactory(role="owner")
    transparent = image_bytes("WEBP", mode="RGBA")
    response = signed_in(owner.user).patch(
        f"/api/v1/organizations/{owner.organization.slug}/",
        {"logo": SimpleUploadedFile("logo.webp", transparent)},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    owner.organization.refresh_from_db()
    with Image.open(owner.organization.logo.open("rb")) as image:
        assert image.format == "PNG" and image.mode == "RGBA"
    owner.organization.logo.delete(save=False)


@pytest.mark.parametrize(
    "content",
    [HTML, b"%PDF-1.4\n" + HTML, image_bytes("GIF")[:30], image_bytes("BMP")],
    ids=["html", "pdf", "truncated-gif", "bmp"],
)
def test_what_is_not_a_whole_png_jpeg_gif_or_webp_is_refused(content):
    response = create(SimpleUploadedFile("logo.png", content, content_type="image/png"))
    assert response.status_code == 400 and "logo" in response.json()
    assert not Organization.objects.filter(name="Polyglot Bio").exists()


def test_an_image_too_large_to_decode_safely_is_refused():
    response = create(SimpleUploadedFile("huge.png", image_bytes("PNG", size=(5000, 4000))))
    assert response.status_code == 400 and "logo" in response.json()


def test_the_web_form_re_encodes_too():
    owner = MembershipFactory(role="owner")
    client = Client()
    client.force_login(owner.user)
    page = client.get(reverse("organizations:edit", kwargs={"slug": owner.organization.slug}))
    form = page.context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("logo", "sectors", "parent")
    }
    data["logo"] = SimpleUploadedFile("logo.pdf", image_bytes("GIF") + HTML)
    response = client.post(
        reverse("organizations:edit", kwargs={"slug": owner.organization.slug}), data
    )
    assert response.status_code == 302, (
        getattr(response, "context", {}) and response.context["form"].errors
    )
    owner.organization.refresh_from_db()
    assert owner.organization.logo.name.endswith(".png")
    assert b"<script" not in owner.organization.logo.read()
    owner.organization.logo.delete(save=False)


def test_an_old_logo_stored_under_another_extension_is_not_served():
    assert Client().get("/media/logos/abc123.pdf").status_code == 404
