"""The menu each person sees: only entries their role may open, so no link leads to a 403.

Everyone signed in looks for jobs: applications, profile and CVs, alerts and events.
Members of an organization also recruit: its page, vacancies and applications, and the
talent pool and posting once the organization is verified. Staff also get the console.
"""

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.accounts.models import User
from apps.organizations.selectors import user_memberships
from apps.talent.permissions import can_search_talent
from apps.vacancies.permissions import can_moderate


@dataclass(frozen=True)
class MenuLink:
    label: str | Promise
    url: str
    name: str  # a stable key for tests and the current-page mark


@dataclass
class MenuGroup:
    title: str | Promise
    links: list[MenuLink] = field(default_factory=list)


def menu_for(user: User) -> list[MenuGroup]:
    """The groups of the personal menu of a signed-in user, in the order shown."""
    seeking = MenuGroup(
        _("Job seeking"),
        [
            MenuLink(_("Dashboard"), reverse("dashboard"), "dashboard"),
            MenuLink(_("My applications"), reverse("vacancies:my_applications"), "applications"),
            MenuLink(_("Profile and CVs"), reverse("talent:my_profile"), "profile"),
            MenuLink(_("Job alerts"), reverse("alerts:list"), "alerts"),
            MenuLink(_("My events"), reverse("events:mine"), "events"),
        ],
    )
    groups = [seeking]
    memberships = list(user_memberships(user=user))
    if memberships:
        recruiting = MenuGroup(_("Recruiting"))
        for membership in memberships[:3]:
            organization = membership.organization
            recruiting.links.append(
                MenuLink(organization.name, organization.get_absolute_url(), "organization")
            )
        recruiting.links += [
            MenuLink(_("Our vacancies"), reverse("vacancies:mine"), "vacancies"),
            MenuLink(_("Applications received"), reverse("vacancies:received"), "received"),
        ]
        if any(membership.organization.verified for membership in memberships):
            recruiting.links.append(
                MenuLink(_("Post a vacancy"), reverse("vacancies:create"), "post")
            )
        if can_search_talent(user):
            recruiting.links.append(MenuLink(_("Talent pool"), reverse("talent:search"), "talent"))
        groups.append(recruiting)
    if user.is_staff:
        staff = MenuGroup(pgettext_lazy("menu", "Staff"))
        staff.links.append(MenuLink(_("Staff console"), reverse("staff:console"), "console"))
        if can_moderate(user):
            staff.links.append(
                MenuLink(_("Vacancies to review"), reverse("vacancies:moderation"), "moderation")
            )
        staff.links += [
            MenuLink(_("Statistics"), reverse("stats:portal"), "statistics"),
            MenuLink(_("Admin site"), reverse("admin:index"), "admin"),
        ]
        groups.append(staff)
    groups.append(
        MenuGroup(
            _("Account"),
            [
                MenuLink(_("Email settings"), reverse("notifications:preferences"), "email"),
                MenuLink(_("Account settings"), reverse("account_settings"), "settings"),
            ],
        )
    )
    return groups


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"menu_groups": menu_for(user)}
