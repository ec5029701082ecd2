"""What the script and subtitle pages share for XLIFF: the download, and applying an uploaded file
with every refused unit or conflict said in the reader's language."""
from __future__ import annotations

from flask import Response, flash, request
from flask_babel import gettext as _
from flask_babel import ngettext

from localize.errors import Conflict, DomainError, PreconditionFailed, ValidationFailed

MEDIA = "application/x-xliff+xml"


def download(data: bytes, name: str) -> Response:
    return Response(data, mimetype=MEDIA, headers={"Content-Disposition": f'attachment; filename="{name}"',
                                                   "Cache-Control": "no-store"})


def _conflict_text(detail: dict) -> str:
    reasons = {"source_changed": _("its source changed here since the export"),
               "target_changed": _("someone else changed it here since the export: “%(ours)s”",
                                   ours=detail.get("ours") or ""),
               "removed": _("it was removed or retimed here since the export")}
    reason = reasons.get(detail.get("reason"), detail.get("message", ""))
    return _("Unit %(unit)s (line %(line)s): %(reason)s", unit=detail.get("unit"), line=detail.get("line"),
             reason=reason)


def _problem_text(detail: dict) -> str:
    reason = detail.get("message", "")
    if detail.get("line"):
        return _("Line %(line)s: %(reason)s", line=detail["line"], reason=reason)
    return reason


def apply_upload(apply) -> tuple[str | None, list[str], int]:
    """Apply the uploaded file with `apply(data) -> ImportResult`; returns (error, problems, status),
    error None when it was applied (a flash says what changed)."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _("Choose an XLIFF file to upload."), [], 422
    name, data = upload.filename, upload.read()
    if not data.strip():
        return _("%(file)s was not applied: the file is empty.", file=name), [], 422
    try:
        result = apply(data)
    except Conflict as exc:
        return (ngettext("%(file)s was not applied: %(num)s unit was changed here since the export. Nothing "
                         "was changed; export again and redo it there.",
                         "%(file)s was not applied: %(num)s units were changed here since the export. Nothing "
                         "was changed; export again and redo them there.", len(exc.details), file=name),
                [_conflict_text(d) for d in exc.details], 409)
    except ValidationFailed as exc:
        problems = [_problem_text(d) for d in exc.details if d.get("message")]
        return _("%(file)s was not applied: %(reason)s", file=name, reason=exc.message), problems[1:], 422
    except PreconditionFailed:
        return _("Someone saved while the file was applied. Upload it again."), [], 412
    except DomainError as exc:
        return _("%(file)s was not applied: %(reason)s", file=name, reason=exc.message), [], exc.status
    if result.applied:
        flash(ngettext("%(file)s applied: %(num)s unit changed, revision %(r)s.",
                       "%(file)s applied: %(num)s units changed, revision %(r)s.", result.applied,
                       file=name, r=result.revision))
    else:
        flash(_("%(file)s changed nothing: every unit is as exported, or already here.", file=name))
    return None, [], 200
