import re
import zlib
from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from apps.core.i18n import short_month_date

register = template.Library()
MONOGRAM_COLOURS = 6


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


@register.filter
def initials(name: str) -> str:
    """Up to two initials of a name for a monogram: "Scheldt Antibodies (demo)" → "SA"."""
    words = re.findall(r"[^\W_]+", re.sub(r"\(.*?\)", "", name or ""))
    return "".join(word[0] for word in words[:2]).upper() or "?"


@register.filter
def monogram_colour(name: str) -> int:
    """One of six colour classes, always the same for the same name."""
    return zlib.crc32((name or "").encode("utf-8")) % MONOGRAM_COLOURS


@register.filter(expects_localtime=True, is_safe=False)
def local_date(value: Any, format_string: str) -> str:
    """`{{ value|local_date:"j M Y" }}`: as the `date` filter, the month abbreviated as the
    page's language writes it (`apps.core.i18n.short_month_date`)."""
    if value in (None, ""):
        return ""
    try:
        return short_month_date(value, format_string)
    except AttributeError:
        return ""


@register.filter
def days_ago(value: datetime | None) -> str:
    """When something happened, in days or weeks: "today", "3 days ago", "2 weeks ago"."""
    if value is None:
        return ""
    days = (timezone.localdate() - timezone.localtime(value).date()).days
    if days <= 0:
        return gettext("today")
    if days == 1:
        return gettext("yesterday")
    if days < 14:
        return ngettext("%(n)d day ago", "%(n)d days ago", days) % {"n": days}
    if days < 61:
        weeks = days // 7
        return ngettext("%(n)d week ago", "%(n)d weeks ago", weeks) % {"n": weeks}
    months = days // 30
    return ngettext("%(n)d month ago", "%(n)d months ago", months) % {"n": months}
