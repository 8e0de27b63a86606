"""The API's renderers (settings.REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"]).

A module of its own: DRF imports it while it builds its views, so it may import nothing
that imports DRF's views.
"""

from typing import Any

from rest_framework import renderers


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's browsable API under the portal's Content-Security-Policy.

    Its scripts are files already. Its templates set a few style attributes (a button
    floated right), which its pages alone are allowed; its inline `<style>` only colours
    code in Markdown descriptions, which the portal does not render, so it is left out.
    """

    def get_context(self, data: Any, accepted_media_type: Any, renderer_context: Any) -> Any:
        context = super().get_context(data, accepted_media_type, renderer_context)
        context["code_style"] = None
        response = renderer_context.get("response")
        if response is not None:
            response.csp_additions = {"style-src-attr": ["'unsafe-inline'"]}
        return context
