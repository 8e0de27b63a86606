"""`Authorization: Api-Key <key>`: the request acts for the key's organization."""

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied

from apps.apikeys import permissions, services
from apps.apikeys.models import ApiKeyStatus
from apps.organizations.agents import OrganizationAgent

KEYWORD = "Api-Key"


class ApiKeyAuthentication(BaseAuthentication):
    """The key's organization becomes the caller, within the scopes of the key.

    A call the view does not open to keys, or one outside the key's scopes, is refused
    here with a 403, before any view code runs.
    """

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise AuthenticationFailed(_("Send the key as: Authorization: Api-Key <key>."))
        try:
            raw_key = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise AuthenticationFailed(_("Invalid API key.")) from error
        api_key = services.api_key_authenticate(raw_key=raw_key)
        if api_key is None:
            raise AuthenticationFailed(_("Invalid API key."))
        status = api_key.status_at(timezone.now())
        if status == ApiKeyStatus.REVOKED:
            raise AuthenticationFailed(_("This API key was revoked."))
        if status == ApiKeyStatus.EXPIRED:
            raise AuthenticationFailed(_("This API key has expired."))
        agent = OrganizationAgent(
            organization=api_key.organization,
            key_id=api_key.pk,
            name=api_key.name,
            scopes=frozenset(api_key.scopes),
        )
        view = (request.parser_context or {}).get("view")
        refusal = permissions.scope_refusal(scopes=agent.scopes, view=view, method=request.method)
        if refusal:
            raise PermissionDenied(refusal)
        return agent, api_key

    def authenticate_header(self, request) -> str:
        return KEYWORD
