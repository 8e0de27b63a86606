from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from apps.accounts import views as account_views
from apps.content.feeds import NewsFeed
from apps.core import views as core_views
from apps.events import views as event_views
from apps.jobfair import views as jobfair_views
from apps.vacancies import alert_views
from apps.vacancies.feeds import VacancyFeed
from portal import views as portal_views
from portal.sitemaps import SITEMAPS

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME
# Staff sign in on the portal's sign-in page, so the admin shares its lockout.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

# Pages live under /en/, /nl/ and /fr/; a bare path redirects to the person's language
# (portal.locale.LocaleMiddleware). What programs call stays unprefixed.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    # The admin is a tool for staff, not a page to find or share: one address, in the
    # language of the cookie the switcher and signing in set.
    path("admin/", admin.site.urls),
    path("api/v1/", include("portal.api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI's start-up script comes from ?script, not inline: the CSP allows no inline script.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api_docs.html"),
        name="api-docs",
    ),
    # Addresses already given out to programs keep answering without a redirect: feed
    # readers, subscribed calendars and one-click unsubscribe (a POST from the mail client).
    # They answer in the language of Accept-Language; the pages link to the prefixed ones.
    path("jobs/feed/", VacancyFeed(), name="legacy_vacancy_feed"),
    path("news/feed/", NewsFeed(), name="legacy_news_feed"),
    path("events/calendar.ics", event_views.events_calendar, name="legacy_events_calendar"),
    path(
        "events/<slug:slug>/calendar.ics",
        event_views.event_calendar,
        name="legacy_event_calendar",
    ),
    path(
        "meetings/calendar.ics",
        jobfair_views.my_meetings_calendar,
        name="legacy_meetings_calendar",
    ),
    path(
        "alerts/<uuid:alert_id>/unsubscribe/<str:token>/",
        alert_views.unsubscribe,
        name="legacy_alert_unsubscribe",
    ),
]

urlpatterns += i18n_patterns(
    path("", portal_views.home, name="home"),
    path("dashboard/", portal_views.dashboard, name="dashboard"),
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
    prefix_default_language=True,
)

if settings.SERVE_MEDIA:
    # Public uploads only (logos); private files have no URL and are never under MEDIA_ROOT.
    urlpatterns += [
        re_path(
            # Only the image types a re-encoded logo is stored as.
            r"^media/(?P<path>logos/[A-Za-z0-9]+\.(?:png|jpg|jpeg|gif|webp))$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
        # News images are public uploads, like logos; only generated names are served.
        re_path(
            r"^media/(?P<path>news/[A-Za-z0-9]+\.[a-z]+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

handler400 = "apps.core.views.error_400"
handler403 = "apps.core.views.error_403"
handler404 = "apps.core.views.error_404"
handler500 = "apps.core.views.error_500"
