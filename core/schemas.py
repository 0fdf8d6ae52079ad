"""What the apps' API outputs share."""

from ninja import Schema


class TitledOut(Schema):
    """An output with a multilingual title: `title` the original, `titles` every language."""

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.title.original_text

    @staticmethod
    def resolve_titles(obj) -> dict[str, str]:
        return dict(obj.title.text)
