"""What uploaded documents may be: the extension decides the type, and the file's first bytes
must match it (a renamed executable or an HTML page is refused). Shared by the apps that take
documents (meeting documents, event documents and photos); and their files removed with their
rows (remove_files_with_rows)."""

# Extension -> the first bytes a file of that type may start with.
DOCUMENT_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "odp": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0",),
    "xls": (b"\xd0\xcf\x11\xe0",),
    "ppt": (b"\xd0\xcf\x11\xe0",),
}
PHOTO_SIGNATURES = {"jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",), "png": (b"\x89PNG",)}

# Extension -> the Content-Type a download is served with.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}

# Opened in the browser; the office files are downloaded.
SHOWN_INLINE = ("pdf", "jpg", "jpeg", "png")


def download(file, extension: str, filename: str):
    """An uploaded file as a response: its type from the extension, PDFs and photos shown in
    the browser, a file gone from storage a 404. The caller sets its caching."""
    from django.http import FileResponse, Http404

    try:
        handle = file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(
        handle,
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
        as_attachment=extension not in SHOWN_INLINE,
        filename=filename,
    )


def remove_files_with_rows(model, *fields: str) -> None:
    """Remove a model's stored files (these file fields) once the deletion of its row is
    committed, whatever deletes it: a service, the back office, or a cascade from the row it
    belongs to (a meeting's documents go with the meeting). Never before the commit: a
    deletion rolled back keeps the row, and so its file. Registered in each app's ready()."""
    from functools import partial

    from django.db import transaction
    from django.db.models.signals import pre_delete

    def deleting(sender, instance, using, **kwargs):
        # pre_delete: inside the deletion's transaction (Django opens one for it), while a
        # field the query left out can still be read.
        for name in fields:
            file = getattr(instance, name)
            if file and file.name:
                transaction.on_commit(
                    partial(file.storage.delete, file.name), using=using, robust=True
                )

    pre_delete.connect(
        deleting, sender=model, weak=False, dispatch_uid=f"uploads:{model._meta.label}"
    )
