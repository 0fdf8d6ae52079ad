from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Country, TimeStampedModel
from core.multilingual import MultilingualTextField


class Event(TimeStampedModel):
    """A meeting of the network: the annual Forum, a cultural exchange, a workshop."""

    class Kind(models.TextChoices):
        FORUM = "forum", _("Forum")
        CULTURAL_EXCHANGE = "cultural_exchange", _("Cultural exchange")
        WORKSHOP = "workshop", _("Workshop or training")
        VISIT = "visit", _("Study visit")

    title = MultilingualTextField(_("title"), max_length=200)
    description = MultilingualTextField(_("description"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    city = models.CharField(_("city"), max_length=100)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="events")
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    organizer = models.ForeignKey(
        "members.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="event_ends_after_start",
            )
        ]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return str(self.title)
