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

    def __init__(self):
        # The rate is read when a key calls (allow_request), not for every request.
        pass

    def allow_request(self, request, view):
        if not isinstance(request.user, OrganizationAgent):
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        if not isinstance(request.user, OrganizationAgent):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.key_id}
