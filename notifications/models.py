from django.db import models
from django.utils.translation import gettext_lazy as _


class SentEmail(models.Model):
    """One row per logical email; its unique key is what makes a retried task send it once."""

    key = models.CharField(max_length=200, unique=True)
    to = models.TextField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sent email")
        verbose_name_plural = _("sent emails")

    def __str__(self) -> str:
        return self.key
