from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from core.multilingual import normalise_language


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """A new person's language is the one they signed up in."""
        user.preferred_language = normalise_language(translation.get_language())
        return super().save_user(request, user, form, commit=commit)
