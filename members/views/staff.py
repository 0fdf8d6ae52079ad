"""An organisation's staff: the list and invitations, one person's role, and accepting an invitation."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from members import selectors, services
from members.forms.profile import (
    ActionForm,
    InviteForm,
    StaffDetailsForm,
    StaffRoleForm,
    add_service_errors,
)
from members.models import Organization, OrganizationStaff, StaffInvitation
from members.rules import is_org_staff
from members.views.directory import shown


def _organization(slug: str) -> Organization:
    return get_object_or_404(Organization, slug=slug)


@login_required
def staff_list(request, slug: str):
    """Admins see and manage everyone; other staff see their colleagues and their own row."""
    organization = _organization(slug)
    can_manage = request.user.has_perm("members.manage_staff", organization)
    if not (can_manage or is_org_staff(request.user, organization)):
        raise PermissionDenied
    action = request.POST.get("action") if request.method == "POST" else None
    invite_form = InviteForm(request.POST if action == "invite" else None)
    if action == "invite" and invite_form.is_valid():
        try:
            invitation, _key = services.staff_invite(
                actor=request.user,
                organization=organization,
                email=invite_form.cleaned_data["email"],
                role=invite_form.cleaned_data["role"],
            )
        except ValidationError as error:
            add_service_errors(invite_form, error)
        else:
            messages.success(
                request,
                _("An invitation is on its way to %(email)s.") % {"email": invitation.email},
            )
            return redirect("members:staff", slug=organization.slug)
    elif action == "cancel":
        invitation_id = request.POST.get("invitation", "")
        invitation = get_object_or_404(
            StaffInvitation,
            organization=organization,
            pk=int(invitation_id) if invitation_id.isdigit() else 0,
        )
        services.invitation_cancel(actor=request.user, invitation=invitation)
        messages.success(
            request, _("The invitation to %(email)s is cancelled.") % {"email": invitation.email}
        )
        return redirect("members:staff", slug=organization.slug)
    return render(
        request,
        "members/staff/staff_list.html",
        {
            "organization": organization,
            "name": shown(organization.name),
            "staff": selectors.organization_staff(organization),
            "invitations": selectors.open_invitations(organization) if can_manage else [],
            "invite_form": invite_form,
            "can_manage": can_manage,
        },
    )


ACTIONS = ("role", "details", "representative", "remove")


@login_required
def staff_member(request, slug: str, staff_id: int):
    """One person on the staff: their role, title and public flag, the representative, removal.
    Admins act on anyone; a person may change their own title and flag, and leave."""
    organization = _organization(slug)
    member = get_object_or_404(
        OrganizationStaff.objects.select_related("user", "organization"),
        organization=organization,
        pk=staff_id,
    )
    can_manage = request.user.has_perm("members.manage_staff", organization)
    is_self = member.user_id == request.user.pk
    if not (can_manage or is_self):
        raise PermissionDenied
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {
        "role": StaffRoleForm(
            request.POST if action == "role" else None, initial={"role": member.role}
        ),
        "details": StaffDetailsForm(
            request.POST if action == "details" else None,
            initial={"title": member.title, "shown_publicly": member.shown_publicly},
        ),
        "representative": ActionForm(request.POST if action == "representative" else None),
        "remove": ActionForm(request.POST if action == "remove" else None),
    }
    if request.method == "POST":
        if action not in ACTIONS:
            raise Http404
        form = forms[action]
        if form.is_valid():
            try:
                response = _act(request, action, member, form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return response
    return render(
        request,
        "members/staff/staff_member.html",
        {
            "organization": organization,
            "name": shown(organization.name),
            "member": member,
            "is_self": is_self,
            "can_manage": can_manage,
            **{f"{key}_form": form for key, form in forms.items()},
        },
    )


def _act(request, action: str, member: OrganizationStaff, form):
    """Call the service for one action; answer with where to go next."""
    organization = member.organization
    person = str(member.user)
    if action == "role":
        changed = services.staff_change_role(
            actor=request.user, staff=member, role=form.cleaned_data["role"]
        )
        messages.success(
            request,
            _("%(person)s is now: %(role)s.")
            % {"person": person, "role": changed.get_role_display()},
        )
    elif action == "details":
        services.staff_update(
            actor=request.user,
            staff=member,
            title=form.cleaned_data["title"],
            shown_publicly=form.cleaned_data["shown_publicly"],
        )
        messages.success(request, _("Saved."))
    elif action == "representative":
        services.staff_set_representative(actor=request.user, staff=member)
        messages.success(
            request,
            _("%(person)s now represents the organisation in consultations and votes.")
            % {"person": person},
        )
    else:
        leaving = member.user_id == request.user.pk
        services.staff_remove(actor=request.user, staff=member)
        if leaving:
            messages.success(
                request, _("You have left %(name)s.") % {"name": shown(organization.name)["text"]}
            )
            return redirect("members:profile", slug=organization.slug)
        messages.success(request, _("%(person)s is no longer on the staff.") % {"person": person})
        return redirect("members:staff", slug=organization.slug)
    return redirect("members:staff_member", slug=organization.slug, staff_id=member.pk)


def invitation(request, key: str):
    """The page an invitation's link opens: who invites, as what, and the Accept button."""
    found = services.invitation_for_key(key)
    if found is None:
        raise Http404
    problem = None
    status = 200
    if request.method == "POST" and request.user.is_authenticated:
        try:
            staff = services.invitation_accept(actor=request.user, raw_key=key)
        except StaffInvitation.DoesNotExist:
            raise Http404 from None
        except ValidationError as error:
            problem = " ".join(error.messages)
            status = 400
        except PermissionDenied as error:
            problem = str(error) or _("This invitation was sent to another email address.")
            status = 403
        else:
            messages.success(
                request,
                _("You have joined %(name)s as %(role)s.")
                % {
                    "name": shown(staff.organization.name)["text"],
                    "role": staff.get_role_display(),
                },
            )
            return redirect("members:profile", slug=staff.organization.slug)
    elif request.method == "POST":
        return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
    wrong_address = (
        request.user.is_authenticated and found.email.lower() != request.user.email.lower()
    )
    next_query = urlencode({"next": request.path})
    return render(
        request,
        "members/staff/invitation.html",
        {
            "invitation": found,
            "name": shown(found.organization.name),
            "problem": problem,
            "wrong_address": wrong_address,
            "next_query": next_query,
        },
        status=status,
    )
