"""Every write to the organization directory, with its business rules."""

import io
from collections.abc import Iterable
from typing import Any, TypeVar
from uuid import UUID

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

from apps.accounts.models import User, normalize_email_address
from apps.accounts.selectors import user_get_by_email, user_has_verified_email
from apps.core.exceptions import ActionForbidden, ConflictError, ServiceError
from apps.core.i18n import lazy_format, reverse_absolute_lazy
from apps.core.languages import in_every_language
from apps.core.services import audit_record
from apps.notifications.services import (
    notification_retry_failed,
    notify,
    notify_address,
    notify_all,
)
from apps.organizations import permissions, selectors
from apps.organizations.models import (
    DUPLICATE_NAME_MESSAGE,
    DecidedRequest,
    Invitation,
    Membership,
    MembershipRequest,
    MembershipRole,
    Organization,
    OrganizationNotice,
    RequestStatus,
    Sector,
    VerificationRequest,
    normalize_organization_name,
)

EDITABLE_FIELDS = (
    "name",
    "kind",
    "description",
    "website",
    "city",
    "address",
    "founded_year",
    "size_band",
    "logo",
    "parent",
    # The description as written in each language (translation.py).
    *in_every_language("description"),
)
Decided = TypeVar("Decided", MembershipRequest, VerificationRequest)

# Set by staff only: whether the organization is a member of the cluster.
STAFF_FIELDS = ("is_member",)
LOGO_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
LOGO_MAX_PIXELS = 4000 * 4000


def forget_membership_roles(*, user: User) -> None:
    """After a membership changes: drop the roles the selectors cached on the user object."""
    user.__dict__.pop("_organization_roles", None)
    user.__dict__.pop("_verified_organizations", None)


def _owners(organization: Organization) -> list[User]:
    return [
        m.user
        for m in organization.memberships.filter(role=MembershipRole.OWNER).select_related("user")
    ]


def _staff() -> list[User]:
    return list(User.objects.filter(is_staff=True, is_active=True))


def organization_unique_slug(*, name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:200] or "organization"
    slug, counter = base, 2
    taken = Organization.objects.exclude(pk=exclude_pk) if exclude_pk else Organization.objects
    while taken.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _reencoded_logo(logo: UploadedFile | None) -> ContentFile | None:
    """The logo decoded and drawn again by Pillow: only pixels are kept, never the bytes sent.

    A file that merely starts like an image (a GIF with HTML appended, named logo.pdf) comes
    out as a plain PNG or JPEG whose name says what it is, so it is served as an image.
    """
    if not logo:
        return None
    refused = ServiceError({"logo": [_("The logo must be a PNG, JPEG, GIF or WebP image.")]})
    if (logo.size or 0) > settings.LOGO_MAX_BYTES:
        raise ServiceError({"logo": [_("The logo may be at most 2 MB.")]})
    try:
        logo.seek(0)
        with Image.open(logo) as image:
            if image.format not in LOGO_FORMATS:
                raise refused
            if image.width * image.height > LOGO_MAX_PIXELS:
                raise ServiceError({"logo": [_("The logo may be at most 4,000 by 4,000 pixels.")]})
            image.seek(0)  # the first frame of an animation
            image.load()
            photo = image.format == "JPEG"
            pixels = image.convert("RGB" if photo else "RGBA")
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise refused from error
    finally:
        logo.seek(0)
    output = io.BytesIO()
    pixels.save(output, format="JPEG" if photo else "PNG", optimize=True)
    return ContentFile(output.getvalue(), name="logo.jpg" if photo else "logo.png")


def _ensure_name_free(*, name: str, organization: Organization | None = None) -> None:
    if selectors.organization_name_taken(
        name=name, exclude_pk=organization.pk if organization else None
    ):
        raise ServiceError({"name": [DUPLICATE_NAME_MESSAGE]})


def _save_named(organization: Organization) -> None:
    """Save; a name taken at the same moment by another request is the same 400."""
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError as error:
        if "organization_name_unique" not in str(error):
            raise
        raise ServiceError({"name": [DUPLICATE_NAME_MESSAGE]}) from error


def _validate_parent(*, organization: Organization | None, parent: Organization | None) -> None:
    if parent is None or organization is None or organization.pk is None:
        return
    ancestor: Organization | None = parent
    seen: set[int] = set()
    while ancestor is not None and ancestor.pk not in seen:
        if ancestor.pk == organization.pk:
            raise ServiceError(
                {"parent": [_("An organization cannot be its own parent or ancestor.")]}
            )
        seen.add(ancestor.pk)
        ancestor = ancestor.parent


@transaction.atomic
def organization_create(
    *,
    creator: User,
    name: str,
    kind: str,
    sectors: Iterable[Sector] = (),
    description: str = "",
    website: str = "",
    city: str = "",
    address: str = "",
    founded_year: int | None = None,
    size_band: str = "",
    logo: UploadedFile | None = None,
    parent: Organization | None = None,
    as_owner: bool = True,
    **translations: str | None,
) -> Organization:
    """A new, unverified organization whose creator becomes its owner.

    Staff may instead add it to the directory with nobody managing it (`as_owner=False`,
    as the admin does); the first person approved to join then claims it. `translations`
    are the description in other languages (`description_nl`, …).
    """
    unknown = set(translations) - set(in_every_language("description"))
    if unknown:
        raise ServiceError({name: [_("This field cannot be changed.")] for name in sorted(unknown)})
    if not permissions.can_create_organization(creator):
        raise ActionForbidden(_("Sign in to add an organization."))
    if not as_owner and not permissions.is_staff(creator):
        raise ActionForbidden(_("Only staff add organizations that nobody manages yet."))
    stored_logo = _reencoded_logo(logo)
    name = normalize_organization_name(name)
    _ensure_name_free(name=name)
    organization = Organization(
        name=name,
        slug=organization_unique_slug(name=name),
        kind=kind,
        description=description.strip(),
        website=website,
        city=city.strip(),
        address=address.strip(),
        founded_year=founded_year,
        size_band=size_band,
        parent=parent,
        verified=False,
        is_member=False,
    )
    for name, text in translations.items():
        setattr(organization, name, (text or "").strip())
    if stored_logo:
        organization.logo = stored_logo
    organization.full_clean(exclude=["slug", "logo"])
    _save_named(organization)
    organization.sectors.set(sectors)
    if as_owner:
        Membership.objects.create(
            user=creator, organization=organization, role=MembershipRole.OWNER
        )
        forget_membership_roles(user=creator)
    return organization


@transaction.atomic
def organization_update(
    *,
    actor: User,
    organization: Organization,
    sectors: Iterable[Sector] | None = None,
    **fields: Any,
) -> Organization:
    if not permissions.can_edit_organization(actor, organization):
        raise ActionForbidden(_("Only the organization's owners and staff may edit it."))
    allowed = EDITABLE_FIELDS + (STAFF_FIELDS if permissions.is_staff(actor) else ())
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ServiceError({name: [_("This field cannot be changed.")] for name in sorted(unknown)})
    if fields.get("logo"):
        fields["logo"] = _reencoded_logo(fields["logo"])
    if "parent" in fields:
        _validate_parent(organization=organization, parent=fields["parent"])
    if "name" in fields:
        fields["name"] = normalize_organization_name(fields["name"])
        _ensure_name_free(name=fields["name"], organization=organization)
    for name, value in fields.items():
        if isinstance(value, str) and name != "logo":
            value = value.strip()
        setattr(organization, name, value)
    organization.full_clean(exclude=["slug", "logo"])
    organization.updated_at = timezone.now()
    _save_named(organization)
    if sectors is not None:
        organization.sectors.set(sectors)
    return organization


# --- Members ------------------------------------------------------------------------------


def _ensure_an_owner_remains(*, organization: Organization, leaving: Membership) -> None:
    owners = organization.memberships.filter(role=MembershipRole.OWNER)[:2]
    if permissions.last_owner(owners) == leaving:
        raise ServiceError(
            {"detail": _("An organization needs an owner: make someone else owner first.")}
        )


@transaction.atomic
def membership_change_role(*, actor: User, membership: Membership, role: str) -> Membership:
    organization = membership.organization
    if not permissions.can_manage_members(actor, organization):
        raise ActionForbidden(_("Only the organization's owners and staff may change roles."))
    if role not in MembershipRole.values:
        raise ServiceError({"role": [_("Choose owner or recruiter.")]})
    if role != membership.role and role == MembershipRole.RECRUITER:
        _ensure_an_owner_remains(organization=organization, leaving=membership)
    membership.role = role
    membership.save(update_fields=["role"])
    forget_membership_roles(user=membership.user)
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    """An owner removes a member, or a member leaves; the last owner cannot go."""
    organization = membership.organization
    leaving_self = membership.user_id == actor.pk
    if not leaving_self and not permissions.can_manage_members(actor, organization):
        raise ActionForbidden(_("Only the organization's owners and staff may remove members."))
    _ensure_an_owner_remains(organization=organization, leaving=membership)
    membership.delete()
    forget_membership_roles(user=membership.user)


# --- Membership requests ------------------------------------------------------------------


@transaction.atomic
def membership_request_create(
    *, user: User, organization: Organization, message: str = ""
) -> MembershipRequest:
    if not user.is_authenticated:
        raise ActionForbidden(_("Sign in to ask to join an organization."))
    if permissions.is_member(user, organization):
        raise ConflictError({"detail": _("You are already a member of this organization.")})
    try:
        with transaction.atomic():
            created = MembershipRequest.objects.create(
                user=user, organization=organization, message=message.strip()[:2000]
            )
    except IntegrityError as error:
        raise ConflictError(
            {"detail": _("You have already asked to join; the owners will answer.")}
        ) from error
    # Owners answer; an organization nobody manages yet is claimed through staff.
    notify_all(
        recipients=_owners(organization) or _staff(),
        kind=OrganizationNotice.MEMBERSHIP_REQUEST,
        subject=lazy_format(
            gettext_lazy("%(who)s asks to join %(org)s"),
            who=user.display_name,
            org=organization.name,
        ),
        template="organizations/email/membership_request",
        context={"organization": organization, "requester": user, "message": created.message},
        url=reverse("organizations:members", kwargs={"slug": organization.slug}),
        dedupe_key=f"membership-request:{created.pk}",
    )
    return created


def _lock_pending(model: type[Decided], pk: UUID) -> Decided:
    request = model.objects.select_for_update().select_related("organization").get(pk=pk)
    if request.status != RequestStatus.PENDING:
        raise ConflictError({"detail": _("This request has already been answered.")})
    return request


def _record_decision(request: DecidedRequest, *, actor: User, status: str, note: str = "") -> None:
    request.status = status
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = note.strip()[:2000]
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


def _tell_requester(request: MembershipRequest, *, approved: bool) -> None:
    organization = request.organization
    notify(
        recipient=request.user,
        kind=OrganizationNotice.MEMBERSHIP_ANSWER,
        subject=lazy_format(
            gettext_lazy("You joined %(org)s")
            if approved
            else gettext_lazy("Your request to join %(org)s"),
            org=organization.name,
        ),
        template="organizations/email/membership_answer",
        context={"organization": organization, "approved": approved, "note": request.decision_note},
        url=organization.get_absolute_url(),
        dedupe_key=f"membership-answer:{request.pk}",
    )


@transaction.atomic
def membership_request_approve(
    *, actor: User, membership_request: MembershipRequest, role: str = MembershipRole.RECRUITER
) -> Membership:
    if not permissions.can_decide_membership_requests(actor, membership_request.organization):
        raise ActionForbidden(_("Only the organization's owners and staff may answer requests."))
    if role not in MembershipRole.values:
        raise ServiceError({"role": [_("Choose owner or recruiter.")]})
    locked = _lock_pending(MembershipRequest, membership_request.pk)
    organization = locked.organization
    # Claiming an organization nobody manages yet makes the first member its owner.
    if not organization.memberships.filter(role=MembershipRole.OWNER).exists():
        role = MembershipRole.OWNER
    membership, _created = Membership.objects.get_or_create(
        user_id=locked.user_id, organization=organization, defaults={"role": role}
    )
    _record_decision(locked, actor=actor, status=RequestStatus.APPROVED)
    membership_request.status = locked.status
    _tell_requester(locked, approved=True)
    if actor.is_staff:
        audit_record(actor=actor, action="membership.approve", target=locked)
    forget_membership_roles(user=membership.user)
    return membership


@transaction.atomic
def membership_request_decline(
    *, actor: User, membership_request: MembershipRequest, note: str = ""
) -> MembershipRequest:
    if not permissions.can_decide_membership_requests(actor, membership_request.organization):
        raise ActionForbidden(_("Only the organization's owners and staff may answer requests."))
    locked = _lock_pending(MembershipRequest, membership_request.pk)
    _record_decision(locked, actor=actor, status=RequestStatus.DECLINED, note=note)
    _tell_requester(locked, approved=False)
    if actor.is_staff:
        audit_record(actor=actor, action="membership.decline", target=locked, note=note)
    return locked


# --- Verification -------------------------------------------------------------------------


@transaction.atomic
def verification_request_create(
    *, actor: User, organization: Organization, message: str = ""
) -> VerificationRequest:
    if organization.verified:
        raise ConflictError({"detail": _("This organization is already verified.")})
    if not permissions.can_request_verification(actor, organization):
        raise ActionForbidden(_("Only the organization's owners may ask for verification."))
    try:
        with transaction.atomic():
            created = VerificationRequest.objects.create(
                organization=organization, requested_by=actor, message=message.strip()[:2000]
            )
    except IntegrityError as error:
        raise ConflictError(
            {"detail": _("Verification was already requested; staff will answer.")}
        ) from error
    notify_all(
        recipients=_staff(),
        kind=OrganizationNotice.VERIFICATION_REQUEST,
        subject=lazy_format(gettext_lazy("%(org)s asks to be verified"), org=organization.name),
        template="organizations/email/verification_request",
        context={"organization": organization, "requested_by": actor, "message": created.message},
        url=organization.get_absolute_url(),
        dedupe_key=f"verification-request:{created.pk}",
    )
    return created


def _tell_owners_verification(request: VerificationRequest, *, approved: bool) -> None:
    organization = request.organization
    notify_all(
        recipients=_owners(organization),
        kind=OrganizationNotice.VERIFICATION_ANSWER,
        subject=lazy_format(
            gettext_lazy("%(org)s is verified")
            if approved
            else gettext_lazy("%(org)s could not be verified"),
            org=organization.name,
        ),
        template="organizations/email/verification_answer",
        context={"organization": organization, "approved": approved, "note": request.decision_note},
        url=organization.get_absolute_url(),
        dedupe_key=f"verification-answer:{request.pk}",
    )


@transaction.atomic
def verification_request_approve(
    *, actor: User, verification_request: VerificationRequest, note: str = ""
) -> VerificationRequest:
    if not permissions.can_decide_verification(actor):
        raise ActionForbidden(_("Only staff verify organizations."))
    locked = _lock_pending(VerificationRequest, verification_request.pk)
    _record_decision(locked, actor=actor, status=RequestStatus.APPROVED, note=note)
    Organization.objects.filter(pk=locked.organization_id).update(
        verified=True, verified_at=locked.decided_at, updated_at=locked.decided_at
    )
    _tell_owners_verification(locked, approved=True)
    audit_record(actor=actor, action="organization.verify", target=locked.organization, note=note)
    return locked


@transaction.atomic
def verification_request_decline(
    *, actor: User, verification_request: VerificationRequest, note: str
) -> VerificationRequest:
    if not permissions.can_decide_verification(actor):
        raise ActionForbidden(_("Only staff decline verification."))
    if not note.strip():
        raise ServiceError({"note": [_("Tell the organization why, so they can fix it.")]})
    locked = _lock_pending(VerificationRequest, verification_request.pk)
    _record_decision(locked, actor=actor, status=RequestStatus.DECLINED, note=note)
    _tell_owners_verification(locked, approved=False)
    audit_record(
        actor=actor,
        action="organization.verification_decline",
        target=locked.organization,
        note=locked.decision_note,
    )
    return locked


@transaction.atomic
def organization_set_verified(*, actor: User, organization: Organization, verified: bool) -> None:
    """Staff verify or unverify directly (admin); a pending request is answered with it."""
    if not permissions.can_decide_verification(actor):
        raise ActionForbidden(_("Only staff verify organizations."))
    now = timezone.now()
    Organization.objects.filter(pk=organization.pk).update(
        verified=verified, verified_at=now if verified else None, updated_at=now
    )
    if verified:
        answered = list(
            VerificationRequest.objects.select_related("organization").filter(
                organization=organization, status=RequestStatus.PENDING
            )
        )
        VerificationRequest.objects.filter(pk__in=[r.pk for r in answered]).update(
            status=RequestStatus.APPROVED, decided_by=actor, decided_at=now
        )
        for request in answered:  # the owners who asked hear the answer, as in the API
            _tell_owners_verification(request, approved=True)
    audit_record(
        actor=actor,
        action="organization.verify" if verified else "organization.unverify",
        target=organization,
    )


# --- Invitations ---------------------------------------------------------------------------


def _invitation_notify(invitation: Invitation) -> None:
    """The invitation as a notice: in the inbox of a confirmed account, else only by email."""
    organization = invitation.organization
    common: dict[str, Any] = {
        "kind": OrganizationNotice.ORGANIZATION_INVITATION,
        "subject": lazy_format(gettext_lazy("Join %(org)s on the portal"), org=organization.name),
        "template": "organizations/email/invitation",
        "context": {
            "organization": organization,
            "inviter": invitation.invited_by,
            "role": MembershipRole(invitation.role).label,
            "signup_url": reverse_absolute_lazy("account_signup", None),
        },
        "url": invitation.get_absolute_url(),
        "dedupe_key": f"organization-invitation:{invitation.pk}",
    }
    account = user_get_by_email(email=invitation.email)
    if account is not None and user_has_verified_email(user=account):
        sent = notify(recipient=account, **common)
    else:
        sent = notify_address(email=invitation.email, **common)
    if sent is None:  # invited before: a notice that never got through is tried again
        notification_retry_failed(dedupe_key=common["dedupe_key"])


@transaction.atomic
def invitation_create(
    *,
    actor: User,
    organization: Organization,
    email: str,
    role: str = MembershipRole.RECRUITER,
) -> Invitation:
    """An owner invites an address; the person joins only once they accept.

    The answer is the same whether or not the address has an account, so it reveals
    nobody. Inviting an open address again sets the role it is offered and sends nothing
    twice.
    """
    if not permissions.can_manage_members(actor, organization):
        raise ActionForbidden(_("Only the organization's owners and staff may invite members."))
    if role not in MembershipRole.values:
        raise ServiceError({"role": [_("Choose owner or recruiter.")]})
    email = normalize_email_address(email)
    if organization.memberships.filter(user__email=email).exists():
        raise ConflictError({"email": [_("This person is already a member.")]})
    open_invitations = Invitation.objects.select_for_update().filter(
        organization=organization, email=email, accepted_at__isnull=True, declined_at__isnull=True
    )
    invitation = open_invitations.first()
    if invitation is None:
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    organization=organization, email=email, role=role, invited_by=actor
                )
        except IntegrityError:  # invited at the same moment by another owner
            invitation = open_invitations.get()
    if invitation.role != role:
        invitation.role = role
        invitation.save(update_fields=["role"])
    _invitation_notify(invitation)
    return invitation


def _lock_open_invitation(*, user: User, invitation: Invitation) -> Invitation:
    locked = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=invitation.pk)
    )
    if not permissions.can_answer_invitation(user, locked):
        raise ActionForbidden(
            _("This invitation is for %(email)s: sign in with that confirmed address.")
            % {"email": locked.email}
        )
    if not locked.is_open:
        raise ConflictError({"detail": _("This invitation was already answered.")})
    return locked


@transaction.atomic
def invitation_accept(*, user: User, invitation: Invitation) -> Membership:
    """The invited person, signed in with the invited and confirmed address, joins."""
    locked = _lock_open_invitation(user=user, invitation=invitation)
    now = timezone.now()
    membership, _created = Membership.objects.get_or_create(
        user=user, organization=locked.organization, defaults={"role": locked.role}
    )
    locked.accepted_at = now
    locked.save(update_fields=["accepted_at"])
    # Someone who joined no longer needs their own request to join.
    MembershipRequest.objects.filter(
        user=user, organization=locked.organization, status=RequestStatus.PENDING
    ).update(status=RequestStatus.APPROVED, decided_by=locked.invited_by, decided_at=now)
    forget_membership_roles(user=user)
    invitation.accepted_at = now
    return membership


@transaction.atomic
def invitation_decline(*, user: User, invitation: Invitation) -> Invitation:
    locked = _lock_open_invitation(user=user, invitation=invitation)
    locked.declined_at = timezone.now()
    locked.save(update_fields=["declined_at"])
    return locked


@transaction.atomic
def invitation_withdraw(*, actor: User, invitation: Invitation) -> None:
    """An owner takes back an open invitation; its link then leads nowhere."""
    if not permissions.can_manage_members(actor, invitation.organization):
        raise ActionForbidden(_("Only the organization's owners and staff may withdraw it."))
    if not invitation.is_open:
        raise ConflictError({"detail": _("This invitation was already answered.")})
    invitation.delete()


def personal_data_erase(*, user: User) -> None:
    """On erasure: the invitations to the person's address go with the account."""
    Invitation.objects.filter(email=user.email.lower()).delete()
