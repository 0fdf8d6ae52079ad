from django.utils.functional import SimpleLazyObject

from members.rules import may


def menu(request):
    """What the account menu offers: the review and committee queues to those who may open them.

    Asked of the permission rules directly (members/rules.py), not through every authentication
    backend: Django's model backend would load the reader's database permissions on each page,
    two queries, for permissions that only the rules grant."""

    def entries() -> dict[str, bool]:
        user = request.user
        return {
            "review": may(user, "members.review_application"),
            "committee": may(user, "members.vote_on_applications"),
        }

    return {"membership_menu": SimpleLazyObject(entries)}
