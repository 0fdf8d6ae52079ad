from django.db import transaction

from core.tasks import send_notification


def notify(
    *, template: str, context: dict, users=(), emails=(), language: str | None = None
) -> None:
    """Queue an email to each person once the surrounding transaction commits.

    The context must be JSON-serialisable (ids, strings, numbers): the worker renders the email in
    each recipient's language; `language` is for addresses that have no account yet.
    """
    for user in users:
        transaction.on_commit(
            lambda user_id=user.pk: send_notification.enqueue(
                user_id=user_id, email=None, template=template, context=context
            )
        )
    for email in emails:
        transaction.on_commit(
            lambda address=email: send_notification.enqueue(
                user_id=None, email=address, template=template, context=context, language=language
            )
        )
