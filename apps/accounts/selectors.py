from allauth.account.models import EmailAddress

from apps.accounts.models import User, normalize_email_address


def user_get_by_email(*, email: str) -> User | None:
    return User.objects.filter(email=normalize_email_address(email), is_active=True).first()


def user_has_verified_email(*, user: User) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def account_export(*, user, build_url) -> dict:
    """Every piece of personal data the portal holds about the user, app by app."""
    from apps.events.models import Registration
    from apps.notifications.models import Notification
    from apps.notifications.selectors import email_preferences
    from apps.organizations.selectors import organizations_export
    from apps.talent.selectors import cv_downloads_by, talent_export
    from apps.vacancies.models import JobAlert
    from apps.vacancies.selectors import applications_of

    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user)
            ],
            "has_api_token": hasattr(user, "auth_token"),
        },
        **organizations_export(user=user),
        **talent_export(user=user, build_url=build_url),
        "cv_downloads_by_me": cv_downloads_by(user=user),
        "applications": [
            {
                "vacancy": application.vacancy.title,
                "organization": application.vacancy.organization.name,
                "cv": application.cv.original_name if application.cv else None,
                "cover_letter": application.cover_letter,
                "status": application.status,
                "applied_at": application.created_at.isoformat(),
                "status_changed_at": application.status_changed_at.isoformat(),
            }
            for application in applications_of(user=user).order_by("created_at")
        ],
        "event_registrations": [
            {
                "event": registration.event.title,
                "starts_at": registration.event.starts_at.isoformat(),
                "status": registration.status,
                "registered_at": registration.created_at.isoformat(),
                "checked_in_at": registration.checked_in_at.isoformat()
                if registration.checked_in_at
                else None,
            }
            for registration in Registration.objects.filter(user=user)
            .select_related("event")
            .order_by("created_at")
        ],
        "job_alerts": [
            {
                "name": alert.name,
                "filters": alert.filters,
                "frequency": alert.frequency,
                "active": alert.is_active,
            }
            for alert in JobAlert.objects.filter(user=user)
        ],
        "notifications": [
            {
                "kind": notification.kind,
                "subject": notification.subject,
                "body": notification.body,
                "created_at": notification.created_at.isoformat(),
                "read_at": notification.read_at.isoformat() if notification.read_at else None,
            }
            for notification in Notification.objects.filter(recipient=user).order_by("created_at")[
                :5000
            ]
        ],
        "notification_settings": email_preferences(user=user),
    }
