"""Bar and line charts drawn by the portal itself as inline SVG: no library, no CDN.

Each chart is an `<svg role="img">` named by its `<title>` (and described by `<desc>`)
for screen readers, with its title written on it, a legend naming every series (even a
single one), a y axis, x axis labels, `<rect>` bars or `<polyline>` lines, and a `<title>`
on every bar and point so a pointer shows the exact value. Every piece of text is escaped
here: labels are often user text (organization, vacancy and event titles). The pages show
the same figures in tables, the accessible source of truth.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from apps.core.i18n import short_month_date
from apps.stats.selectors import MonthFigures, OrganizationFigures

WIDTH = 640
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 56, 70
TITLE_Y, LEGEND_Y = 18, 30
LABEL_CHARS = 16
# Colours with at least 3:1 contrast on white (WCAG non-text contrast).
PALETTE = ("#0b5d4b", "#1a5fb4", "#a35200", "#6b3fa0", "#a32020", "#4f5e59")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int | float]


def nice_ceiling(value: float) -> int:
    """The smallest 1, 2 or 5 times a power of ten at or above the value (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return int(step * power)
    return int(10 * power)  # pragma: no cover


def tick_steps(maximum: int) -> int:
    """How many steps from 0 to a nice maximum, so that every tick is a whole number."""
    if maximum <= 5:
        return maximum
    return 4 if str(maximum).startswith("2") else 5


def _number(value: int | float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _coordinate(value: float) -> str:
    return f"{value:.1f}"


class _Frame:
    """Scales, axes and labels shared by both kinds of chart."""

    def __init__(self, labels: Sequence[str], series: Sequence[Series]):
        if any(len(s.values) != len(labels) for s in series):
            raise ValueError("Every series needs one value per label.")
        self.labels = [str(label) for label in labels]
        self.series = list(series)
        self.maximum = nice_ceiling(max((v for s in series for v in s.values), default=0))
        self.plot_width = WIDTH - LEFT - RIGHT
        self.plot_height = HEIGHT - TOP - BOTTOM
        self.slot = self.plot_width / max(len(self.labels), 1)

    def y(self, value: float) -> float:
        return TOP + self.plot_height * (1 - value / self.maximum)

    def slot_centre(self, index: int) -> float:
        return LEFT + self.slot * (index + 0.5)

    def axes(self) -> list[str]:
        parts = ['<g class="chart-axis" font-size="11" fill="#4f5e59">']
        steps = tick_steps(self.maximum)
        for step in range(steps + 1):
            value = self.maximum * step // steps
            y = _coordinate(self.y(value))
            parts.append(
                f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" '
                f'stroke="#d5dedb" stroke-width="1"/>'
            )
            label = _number(value)
            parts.append(
                f'<text x="{LEFT - 6}" y="{y}" text-anchor="end" '
                f'dominant-baseline="middle">{escape(label)}</text>'
            )
        base = _coordinate(self.y(0))
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{base}" y2="{base}" '
            f'stroke="#1d2724" stroke-width="1"/>'
        )
        for index, label in enumerate(self.labels):
            x = _coordinate(self.slot_centre(index))
            y = _coordinate(HEIGHT - BOTTOM + 14)
            short = Truncator(label).chars(LABEL_CHARS)
            parts.append(
                f'<text x="{x}" y="{y}" text-anchor="end" '
                f'transform="rotate(-35 {x} {y})">{escape(short)}</text>'
            )
        parts.append("</g>")
        return parts

    def legend(self) -> list[str]:
        parts = ['<g class="chart-legend" font-size="12" fill="#1d2724">']
        x = LEFT
        for index, series in enumerate(self.series):
            colour = PALETTE[index % len(PALETTE)]
            parts.append(f'<rect x="{x}" y="{LEGEND_Y}" width="12" height="12" fill="{colour}"/>')
            parts.append(f'<text x="{x + 16}" y="{LEGEND_Y + 10}">{escape(series.name)}</text>')
            x += 28 + 7 * len(series.name)
        parts.append("</g>")
        return parts

    def point_title(self, series: Series, index: int) -> str:
        text = f"{self.labels[index]} · {series.name}: {_number(series.values[index])}"
        return f"<title>{escape(text)}</title>"


def _svg(ident: str, title: str, description: str, body: list[str]) -> SafeString:
    ident = escape(ident)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{ident}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
        # The same title, written on the chart for everyone (the <title> is for tools).
        f'<text class="chart-title" x="{LEFT}" y="{TITLE_Y}" font-size="14" font-weight="700" '
        f'fill="#1d2724" aria-hidden="true">{escape(title)}</text>',
        *body,
        "</svg>",
    ]
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _description(frame: _Frame) -> str:
    rows = []
    for series in frame.series:
        values = ", ".join(
            f"{label} {_number(value)}"
            for label, value in zip(frame.labels, series.values, strict=True)
        )
        rows.append(f"{series.name}: {values}.")
    return " ".join(rows)


def bar_chart(
    *, ident: str, title: str, labels: Sequence[str], series: Sequence[Series]
) -> SafeString:
    """Grouped vertical bars: one group per label, one bar per series."""
    frame = _Frame(labels, series)
    body = frame.axes() + frame.legend()
    count = max(len(frame.series), 1)
    bar_width = frame.slot * 0.8 / count
    for series_index, one in enumerate(frame.series):
        colour = PALETTE[series_index % len(PALETTE)]
        body.append(f'<g class="chart-bars" fill="{colour}">')
        for index, value in enumerate(one.values):
            x = LEFT + frame.slot * (index + 0.1) + bar_width * series_index
            top = frame.y(value)
            body.append(
                f'<rect x="{_coordinate(x)}" y="{_coordinate(top)}" '
                f'width="{_coordinate(max(bar_width - 1, 1))}" '
                f'height="{_coordinate(frame.y(0) - top)}">{frame.point_title(one, index)}</rect>'
            )
        body.append("</g>")
    return _svg(ident, title, _description(frame), body)


def line_chart(
    *, ident: str, title: str, labels: Sequence[str], series: Sequence[Series]
) -> SafeString:
    """One line per series, with a marker on every point."""
    frame = _Frame(labels, series)
    body = frame.axes() + frame.legend()
    for series_index, one in enumerate(frame.series):
        colour = PALETTE[series_index % len(PALETTE)]
        points = [
            (frame.slot_centre(index), frame.y(value)) for index, value in enumerate(one.values)
        ]
        path = " ".join(f"{_coordinate(x)},{_coordinate(y)}" for x, y in points)
        body.append(
            f'<g class="chart-line"><polyline points="{path}" fill="none" '
            f'stroke="{colour}" stroke-width="2.5" stroke-linejoin="round"/>'
        )
        for index, (x, y) in enumerate(points):
            body.append(
                f'<circle cx="{_coordinate(x)}" cy="{_coordinate(y)}" r="3.5" '
                f'fill="{colour}">{frame.point_title(one, index)}</circle>'
            )
        body.append("</g>")
    return _svg(ident, title, _description(frame), body)


# --- The charts of the statistics pages -----------------------------------------------

EVENT_CHART_LIMIT = 12


def organization_charts(figures: OrganizationFigures) -> dict[str, SafeString]:
    """The charts of an organization's page; an empty list draws no chart."""
    weeks = [short_month_date(week.week, "j M") for week in figures.weeks]
    charts = {
        "weekly_views": line_chart(
            ident="chart-weekly-views",
            title=_("Vacancy views per week"),
            labels=weeks,
            series=[Series(_("Views"), [week.views for week in figures.weeks])],
        ),
        "weekly_applications": bar_chart(
            ident="chart-weekly-applications",
            title=_("Applications per week"),
            labels=weeks,
            series=[Series(_("Applications"), [week.applications for week in figures.weeks])],
        ),
        "funnel": bar_chart(
            ident="chart-funnel",
            title=_("Applications by status"),
            labels=list(figures.status_labels.values()),
            series=[Series(_("Applications"), list(figures.funnel.values()))],
        ),
    }
    if figures.events:
        events = figures.events[:EVENT_CHART_LIMIT][::-1]
        charts["events"] = bar_chart(
            ident="chart-events",
            title=_("Registrations and attendance of your events"),
            labels=[event.title for event in events],
            series=[
                Series(_("Registered"), [event.registered for event in events]),
                Series(_("Attended"), [event.attended for event in events]),
            ],
        )
    return charts


def portal_charts(months: Sequence[MonthFigures]) -> dict[str, SafeString]:
    labels = [short_month_date(month.month, "M Y") for month in months]

    def values(name: str) -> list[int]:
        return [getattr(month, name) for month in months]

    return {
        "growth": line_chart(
            ident="chart-growth",
            title=_("New members and organizations per month"),
            labels=labels,
            series=[
                Series(_("New users"), values("new_users")),
                Series(_("New organizations"), values("new_organizations")),
            ],
        ),
        "jobs": bar_chart(
            ident="chart-jobs",
            title=_("Vacancies published and applications per month"),
            labels=labels,
            series=[
                Series(_("Vacancies published"), values("vacancies_published")),
                Series(_("Applications"), values("applications")),
            ],
        ),
        "events": bar_chart(
            ident="chart-events",
            title=_("Event registrations and attendance per month"),
            labels=labels,
            series=[
                Series(_("Registrations"), values("event_registrations")),
                Series(_("Attended"), values("event_attended")),
            ],
        ),
    }
