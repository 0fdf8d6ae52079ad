"""Who may do what in governance and consultations. Services check these."""

import rules

from accounts.rules import is_secretariat, is_site_admin
from members.rules import is_org_admin

is_back_office = is_secretariat | is_site_admin


def may_vote_for(user, ballot, organization) -> bool:
    """The organisation's named representative, or the staff member its admin named as its
    delegate for this ballot."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    from governance.models import BallotDelegate
    from members.models import OrganizationStaff

    staff = OrganizationStaff.objects.filter(user=user, organization=organization).first()
    if staff is None:
        return False
    if staff.is_representative:
        return True
    return BallotDelegate.objects.filter(
        ballot=ballot, organization=organization, user=user
    ).exists()


@rules.predicate
def sits_on_the_body(user, body) -> bool:
    """A current seat on the body (the object checked)."""
    if body is None:
        return False
    from governance.selectors import sits_on

    return sits_on(user, body.pk)


rules.add_perm("governance.open_consultation", is_back_office)
rules.add_perm("governance.close_voting", is_back_office)
rules.add_perm("governance.name_delegate", is_org_admin)
rules.add_perm("governance.moderate_discussion", is_back_office)
rules.add_perm("governance.record_decision", is_back_office)
rules.add_perm("governance.adopt_document", is_back_office)
rules.add_perm("governance.manage_meeting", is_back_office | sits_on_the_body)
rules.add_perm("governance.manage_seats", is_back_office)
