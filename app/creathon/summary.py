"""What an import would do, in sentences: the one summary the web preview shows and
`flask creathon import --dry-run` prints, so that both say the same; pure."""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext

from app.creathon.text import shorten

# Lines quoted in a warning; a file may have thousands.
MAX_LINES_QUOTED = 10


@dataclass
class Summary:
    # (state, sentence) for every state of a row, in a fixed order.
    counts: list = field(default_factory=list)
    publication: str = ""
    warnings: list = field(default_factory=list)
    blocking: list = field(default_factory=list)

    def lines(self):
        """Everything, one sentence a line, as the command line prints it."""
        out = [sentence for _state, sentence in self.counts]
        if self.publication:
            out.append(self.publication)
        out += [f"! {w}" for w in self.warnings + self.blocking]
        return out


def _lines(numbers):
    shown = ", ".join(str(n) for n in numbers[:MAX_LINES_QUOTED])
    return shown + ("…" if len(numbers) > MAX_LINES_QUOTED else "")


def _count_sentences(counts):
    return [
        ("create", ngettext("%(num)s outcome to create", "%(num)s outcomes to create", counts["create"])),
        ("update", ngettext("%(num)s outcome to update", "%(num)s outcomes to update", counts["update"])),
        (
            "unchanged",
            ngettext("%(num)s outcome unchanged", "%(num)s outcomes unchanged", counts["unchanged"]),
        ),
        ("skip", ngettext("%(num)s row not imported", "%(num)s rows not imported", counts["skip"])),
        ("error", ngettext("%(num)s row in error", "%(num)s rows in error", counts["error"])),
    ]


def summarise(preview):
    """The Summary of an importer.Preview, in the current locale."""
    counts = preview.counts
    summary = Summary(counts=_count_sentences(counts))
    if preview.options.publish:
        summary.publication = ngettext(
            "The %(num)s new outcome will be published at once, without moderation.",
            "The %(num)s new outcomes will be published at once, without moderation.",
            counts["create"],
        )
    else:
        summary.publication = ngettext(
            "The %(num)s new outcome will wait in the moderation queue.",
            "The %(num)s new outcomes will wait in the moderation queue.",
            counts["create"],
        )
    lookalikes = [row.line for row in preview.lookalikes]
    if lookalikes:
        if preview.options.duplicates == "skip":
            summary.warnings.append(
                ngettext(
                    "%(num)s row looks like an outcome already imported (lines %(lines)s): "
                    "it will be skipped.",
                    "%(num)s rows look like outcomes already imported (lines %(lines)s): "
                    "they will be skipped.",
                    len(lookalikes),
                    lines=_lines(lookalikes),
                )
            )
        elif preview.options.duplicates == "create":
            summary.warnings.append(
                ngettext(
                    "%(num)s row looks like an outcome already imported (lines %(lines)s): "
                    "it will be created anyway.",
                    "%(num)s rows look like outcomes already imported (lines %(lines)s): "
                    "they will be created anyway.",
                    len(lookalikes),
                    lines=_lines(lookalikes),
                )
            )
        else:
            summary.blocking.append(
                ngettext(
                    "%(num)s row looks like an outcome already imported (lines %(lines)s): "
                    "choose whether to skip it or to create it anyway.",
                    "%(num)s rows look like outcomes already imported (lines %(lines)s): "
                    "choose whether to skip them or to create them anyway.",
                    len(lookalikes),
                    lines=_lines(lookalikes),
                )
            )
    amendments = [row.line for row in preview.amendments]
    if amendments:
        summary.warnings.append(
            ngettext(
                "%(num)s amendment is not imported as a proposal (lines %(lines)s).",
                "%(num)s amendments are not imported as proposals (lines %(lines)s).",
                len(amendments),
                lines=_lines(amendments),
            )
        )
    if preview.lost_letters:
        summary.warnings.append(
            ngettext(
                "%(num)s row holds runs of question marks (lines %(lines)s): the file was probably "
                "saved in an encoding without Arabic letters, such as Windows-1252, which replaced "
                "them. Save it again as “CSV UTF-8” and upload it again.",
                "%(num)s rows hold runs of question marks (lines %(lines)s): the file was probably "
                "saved in an encoding without Arabic letters, such as Windows-1252, which replaced "
                "them. Save it again as “CSV UTF-8” and upload it again.",
                len(preview.lost_letters),
                lines=_lines(preview.lost_letters),
            )
        )
    if preview.ignored:
        summary.warnings.append(
            _(
                "Ignored columns: %(names)s.",
                names=", ".join(f"“{shorten(name)}”" for name in preview.ignored),
            )
        )
    if preview.has_errors:
        summary.blocking.append(_("The file has errors: nothing can be imported until they are corrected."))
    return summary
