from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext

register = template.Library()


def _euros(amount: int) -> str:
    return "€" + number_format(amount, decimal_pos=0, force_grouping=True)


@register.filter
def salary_text(vacancy) -> str:
    """The yearly gross salary in words: "€48,000–€60,000 a year", "From €50,000 a year"."""
    low, high = vacancy.salary_min, vacancy.salary_max
    if low and high:
        if low == high:
            return gettext("%(amount)s a year") % {"amount": _euros(low)}
        return gettext("%(low)s–%(high)s a year") % {"low": _euros(low), "high": _euros(high)}
    if low:
        return gettext("From %(amount)s a year") % {"amount": _euros(low)}
    if high:
        return gettext("Up to %(amount)s a year") % {"amount": _euros(high)}
    return ""
