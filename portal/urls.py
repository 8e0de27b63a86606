from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from apps.core import views as core_views
from portal import views as portal_views

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME
# Staff sign in on the portal's sign-in page, so the admin shares its lockout.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("dashboard/", portal_views.dashboard, name="dashboard"),
    path("healthz", core_views.healthz, name="healthz"),
    path("organizations/", include("apps.apikeys.urls")),
    path("organizations/", include("apps.organizations.urls")),
    path("", include("apps.webhooks.urls")),
    path("talent/", include("apps.talent.urls")),
    path("jobs/", include("apps.vacancies.urls")),
    path("events/", include("apps.events.urls")),
    path("stats/", include("apps.stats.urls")),
    path("", include("apps.notifications.urls")),
    path("", include("apps.vacancies.alert_urls")),
    path("", include("apps.content.urls")),
    path("", include("apps.jobfair.urls")),
    path("", include("apps.invitations.urls")),
    path("", include("apps.staff.urls")),
    path("accounts/", include("apps.accounts.urls")),
    path("accounts/", include("apps.privacy.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("portal.api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI's start-up script comes from ?script, not inline: the CSP allows no inline script.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api_docs.html"),
        name="api-docs",
    ),
]

if settings.SERVE_MEDIA:
    # Public uploads only (logos); private files have no URL and are never under MEDIA_ROOT.
    urlpatterns += [
        re_path(
            # Only the image types a re-encoded logo is stored as.
            r"^media/(?P<path>logos/[A-Za-z0-9]+\.(?:png|jpg|jpeg|gif|webp))$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

handler400 = "apps.core.views.error_400"
handler403 = "apps.core.views.error_403"
handler404 = "apps.core.views.error_404"
handler500 = "apps.core.views.error_500"
