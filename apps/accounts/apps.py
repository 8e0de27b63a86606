from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    # allauth's own app is "Accounts" (email addresses): ours holds the people themselves.
    verbose_name = _("Users")
