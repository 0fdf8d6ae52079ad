from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")

    def ready(self):
        from core import page_sections, seeding
        from core.data_versions import CONSULTATIONS, GOVERNANCE, track
        from core.uploads import remove_files_with_rows
        from governance import selectors
        from governance.models import (
            Ballot,
            BallotOption,
            Body,
            Comment,
            Consultation,
            Decision,
            DocumentVersion,
            Endorsement,
            Meeting,
            MeetingDocument,
            NetworkDocument,
            Proposal,
            Seat,
            Vote,
        )
        from governance.views import consultation_mail_section
        from search.registry import SearchKind, register

        page_sections.register("account_settings", consultation_mail_section, CONSULTATIONS)
        seeding.register("governance.seeding", order=30)
        seeding.register("governance.seeding.consultations", order=70)
        # A document's file leaves storage with its row, a meeting's with the meeting.
        remove_files_with_rows(MeetingDocument, "file")
        # Votes move the turnout a consultation shows while voting; a decision recording its
        # result is linked from its results.
        for model in (
            Consultation,
            Ballot,
            BallotOption,
            Vote,
            Comment,
            Proposal,
            Endorsement,
            Decision,
        ):
            track(model, CONSULTATIONS)
        for model in (
            Body,
            Seat,
            Meeting,
            MeetingDocument,
            Decision,
            NetworkDocument,
            DocumentVersion,
        ):
            track(model, GOVERNANCE)
        register(
            SearchKind(
                name="consultation",
                label=_("Consultation"),
                plural=_("Consultations"),
                model=Consultation,
                queryset=selectors.consultations_for_search,
                document=selectors.consultation_search_document,
                url_name="consultations:detail",
                data_version=CONSULTATIONS,
                position=60,
            )
        )
        register(
            SearchKind(
                name="proposal",
                label=_("Proposal"),
                plural=_("Proposals"),
                model=Proposal,
                queryset=selectors.proposals_for_search,
                document=selectors.proposal_search_document,
                url_name="consultations:proposal",
                data_version=CONSULTATIONS,
                position=61,
            )
        )
        register(
            SearchKind(
                name="comment",
                label=_("Comment"),
                plural=_("Comments"),
                model=Comment,
                queryset=selectors.comments_for_search,
                document=selectors.comment_search_document,
                url_name="consultations:comment",
                data_version=CONSULTATIONS,
                position=62,
            )
        )
