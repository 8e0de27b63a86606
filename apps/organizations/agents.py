"""Programs that act for an organization: its API keys.

The organization's rules (`permissions.py`) treat an agent as a recruiter of its own
organization and of no other. An agent is no person: it has no account, so no personal
data, no inbox and no memberships of its own. Which endpoints it may reach is decided by
the scopes of its key, before any rule here is asked.
"""

from dataclasses import dataclass
from typing import Any, ClassVar
from uuid import UUID

from apps.accounts.models import AnyUser, User
from apps.organizations.models import Organization

# In a view's `api_key_scopes`: a public read that any valid key may make.
ANY_KEY = "*"


@dataclass(frozen=True, eq=False)
class OrganizationAgent:
    organization: Organization
    key_id: UUID
    name: str
    scopes: frozenset[str]

    # What the rules and DRF ask of the one acting, answered as for a signed-in recruiter.
    is_authenticated: ClassVar[bool] = True
    is_anonymous: ClassVar[bool] = False
    is_active: ClassVar[bool] = True
    is_staff: ClassVar[bool] = False
    is_superuser: ClassVar[bool] = False
    pk: ClassVar[None] = None
    id: ClassVar[None] = None
    email: ClassVar[str] = ""

    @property
    def display_name(self) -> str:
        return self.name

    def __str__(self) -> str:
        return f"{self.organization} (API key {self.name})"


# Whoever makes a request: a person, an anonymous visitor, or an organization's key.
Actor = AnyUser | OrganizationAgent


def is_agent(actor: Any) -> bool:
    return isinstance(actor, OrganizationAgent)


def person(actor: Actor | None) -> User | None:
    """The account behind an action, for the columns that record who did it; None for a key."""
    if actor is None or isinstance(actor, OrganizationAgent) or not actor.is_authenticated:
        return None
    return actor
