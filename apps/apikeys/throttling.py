"""Rate limits: keys count on their own, separately from people and anonymous callers."""

from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle

from apps.organizations.agents import OrganizationAgent


class AccountRateThrottle(UserRateThrottle):
    """DRF's limit per signed-in person; keys have their own (below)."""

    def get_cache_key(self, request, view):
        if isinstance(request.user, OrganizationAgent):
            return None
        return super().get_cache_key(request, view)


class ApiKeyRateThrottle(SimpleRateThrottle):
    """`THROTTLE_API_KEY` requests per key."""

    scope = "api_key"

    def get_cache_key(self, request, view):
        if not isinstance(request.user, OrganizationAgent):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.key_id}
