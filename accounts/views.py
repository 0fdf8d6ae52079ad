from datetime import datetime, time

from allauth.account.views import LogoutView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import selectors, services
from accounts.forms import ApiTokenForm, ProfileForm
from accounts.models import ApiToken
from core import page_sections


class SignOutView(LogoutView):
    """allauth's sign-out, which also asks the browser to forget what the site keeps on the
    device (`Clear-Site-Data: "storage"`): the check-in page's list of participants and its
    service worker's copy of the page must not stay on a shared device at the venue. The
    check-in page sends check-ins still waiting before the sign-out goes (check_in.js)."""

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        response["Clear-Site-Data"] = '"storage"'
        return response


sign_out = SignOutView.as_view()


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_profile(
                actor=request.user,
                full_name=form.cleaned_data["full_name"],
                preferred_language=form.cleaned_data["preferred_language"],
                time_zone=form.cleaned_data["time_zone"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your settings are saved."))
            return redirect("account_settings")
    # Settings other apps add (e.g. the emails about consultations): core.page_sections.
    sections = page_sections.render("account_settings", request, request.user)
    return render(request, "accounts/profile.html", {"form": form, "sections": sections})


NEW_TOKEN_SESSION_KEY = "accounts.new_api_token"  # noqa: S105 (a session key name)


@login_required
def api_tokens(request):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        expires_on = form.cleaned_data["expires_at"]
        expires_at = (
            timezone.make_aware(datetime.combine(expires_on, time.max)) if expires_on else None
        )
        try:
            token, raw = services.api_token_create(
                actor=request.user, name=form.cleaned_data["name"], expires_at=expires_at
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            # Redirect, so a reload cannot create a second token; the page shows it once.
            request.session[NEW_TOKEN_SESSION_KEY] = raw
            messages.success(request, _("Token “%(name)s” created.") % {"name": token.name})
            return redirect("api_tokens")
    new_token = (
        request.session.pop(NEW_TOKEN_SESSION_KEY, None) if request.method == "GET" else None
    )
    tokens = selectors.api_token_list(user=request.user)
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "tokens": tokens, "new_token": new_token},
    )


@login_required
@require_POST
def api_token_revoke(request, token_id: int):
    try:
        token = services.api_token_revoke(actor=request.user, token_id=token_id)
    except ApiToken.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api_tokens")
