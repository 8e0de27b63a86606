from django.db import models
from django.utils.translation import gettext_lazy as _


class VacancyDailyViews(models.Model):
    """How often a vacancy's page was seen on one day (Europe/Brussels).

    The page only increments a cache counter; the periodic flush adds the cached counts
    to these rows (see services.vacancy_views_flush).
    """

    vacancy = models.ForeignKey(
        "vacancies.Vacancy", on_delete=models.CASCADE, related_name="daily_views"
    )
    date = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        ordering = ["-date", "vacancy_id"]
        verbose_name = _("vacancy views on a day")
        verbose_name_plural = _("vacancy views per day")
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "date"], name="one_views_row_per_day")
        ]
        indexes = [models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.vacancy_id} {self.date}: {self.count}"
