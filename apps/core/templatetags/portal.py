from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context: Any, name: str, value: Any) -> str:
    """The current query string with one parameter set and the page reset."""
    query = context["request"].GET.copy()
    query[name] = value
    query.pop("page", None)
    return query.urlencode()


@register.simple_tag(takes_context=True)
def query_without(context: Any, name: str) -> str:
    query = context["request"].GET.copy()
    query.pop(name, None)
    query.pop("page", None)
    return query.urlencode()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """`{{ mapping|get_item:key }}` for dictionaries keyed by a variable."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""
