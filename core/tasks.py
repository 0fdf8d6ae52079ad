"""Background tasks. Thin: they take ids, load, and call ordinary code."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_notification(
    *,
    user_id: int | None,
    email: str | None,
    template: str,
    context: dict,
    language: str | None = None,
) -> None:
    """Send one email, written in the recipient's own language (for an address with no account
    yet, the language the sender was using)."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    address = user.email if user else email
    if not address:
        return
    language = user.preferred_language if user else (language or settings.LANGUAGE_CODE)
    with translation.override(language):
        context = {**context, "recipient": user, "site_url": settings.SITE_URL}
        subject = render_to_string(f"email/{template}_subject.txt", context).strip()
        body = render_to_string(f"email/{template}_body.txt", context)
    send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [address])
