"""The meeting report as plain data, already in the reader's language.

:func:`sinergi_graph.report.build.build_report` fills a :class:`Report` from
the store and the analysis; the writers (XLSX, PDF, DOCX, HTML) only lay it
out. Texts are rendered once here (names, rule titles, severity and reason as
words, sentences about single points of failure), so every format says the
same thing. Counts stay numbers; the writers format them with
:mod:`sinergi_graph.numbers`. Contacts (phone, e-mail, NIK) are only present
when the report was built with ``show_contacts``.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from sinergi_graph.drawing.model import NodeDetail, Picture

__all__ = [
    "ContactCard",
    "Cover",
    "DesaGaps",
    "GapLine",
    "KecamatanGaps",
    "NodeDetail",
    "Person",
    "PlanLine",
    "Report",
    "SummaryRow",
    "WeakPoint",
]

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class Cover(BaseModel):
    """What the report is about, when, and from which store."""

    model_config = _FROZEN

    area: str
    area_title: str
    area_label: str
    generated: date
    as_of: date | None
    store: str
    lang: str
    institutions: int
    gaps: int


class SummaryRow(BaseModel):
    """One kecamatan's recap (or the area's own level, or the total).

    Coverage counts are ``None`` when the rule behind them is switched off.
    ``pps_kades`` is the number of PPS with a current contact to their kepala
    desa/lurah: PPS minus the ``pps-kades`` gaps; the same for the PPK columns.
    """

    model_config = _FROZEN

    code: str
    name: str
    pps: int | None
    pps_kades: int | None
    ppk: int | None
    ppk_camat: int | None
    ppk_kapolsek: int | None
    ppk_danramil: int | None
    gaps_high: int
    gaps_medium: int
    gaps_low: int

    @property
    def gaps(self) -> int:
        return self.gaps_high + self.gaps_medium + self.gaps_low


class GapLine(BaseModel):
    """One gap, in words: who lacks contact with whom, since when, who can introduce them."""

    model_config = _FROZEN

    rule: str
    rule_title: str
    severity: str
    severity_label: str
    reason: str
    reason_label: str
    subject_id: str
    subject_name: str
    area: str
    place: str
    counterparts: tuple[str, ...]
    last_contact: date | None
    introducers: tuple[str, ...]


class DesaGaps(BaseModel):
    model_config = _FROZEN

    code: str
    title: str
    lines: tuple[GapLine, ...]


class KecamatanGaps(BaseModel):
    """A kecamatan's gaps: its own (PPK) first, then desa by desa."""

    model_config = _FROZEN

    code: str
    title: str
    own: tuple[GapLine, ...]
    desa: tuple[DesaGaps, ...]

    def lines(self) -> list[GapLine]:
        return [*self.own, *(line for d in self.desa for line in d.lines)]


class PlanLine(BaseModel):
    """One proposed new link, why (the gaps it closes) and who can introduce the sides."""

    model_config = _FROZEN

    source_name: str
    target_name: str
    closes: int
    weight: int
    why: tuple[str, ...]
    introducers: tuple[str, ...]


class InviteeLine(BaseModel):
    """One invitee of the suggested rakor and the gaps its coming closes."""

    model_config = _FROZEN

    name: str
    closes: int
    gaps: tuple[str, ...]


class AgreementLine(BaseModel):
    """One kerja sama with a party in the area, and how it stands."""

    model_config = _FROZEN

    title: str
    parties: tuple[str, ...]
    signed: date | None
    expires: date | None
    status: str
    follow_ups: int
    last_follow_up: date | None


class WeakPoint(BaseModel):
    """A single point of failure, as a sentence (``Jika Camat X berhalangan, …``)."""

    model_config = _FROZEN

    text: str
    name: str
    pps: int
    ppk: int


class Person(BaseModel):
    model_config = _FROZEN

    name: str
    role: str
    phone: str
    email: str
    nik: str


class ContactCard(BaseModel):
    """An institution's contacts and its people's (only with ``show_contacts``)."""

    model_config = _FROZEN

    id: str
    name: str
    kind_label: str
    phone: str
    email: str
    people: tuple[Person, ...]


class Report(BaseModel):
    """The whole recap of one area, ready to be laid out in any format."""

    model_config = _FROZEN

    cover: Cover
    summary: tuple[SummaryRow, ...]
    total: SummaryRow
    gaps: tuple[KecamatanGaps, ...]
    plan: tuple[PlanLine, ...]
    plan_note: str
    weak_points: tuple[WeakPoint, ...]
    weak_note: str
    picture: Picture
    details: tuple[NodeDetail, ...]
    show_contacts: bool
    contacts: tuple[ContactCard, ...] = ()
    invitations: tuple[InviteeLine, ...] = ()
    invitation_note: str = ""
    agreements: tuple[AgreementLine, ...] = ()
