"""Seals, signatures and the sign-off every document ends with, as the company's data gives them.

- ``seal_field`` and ``signature_field``: a place where the company seals (申请单位（盖章）) or a person
  signs (法定代表人（签字）), holding the image company.yaml ``signing`` gives, or left for the pen.
- ``sign_off_cell``: a person's name under a sign-off duty (编制, 审核, 批准), with their signature image
  where given (``sign_off_pairs``: the three of a controlled document's control table); ``approval_table``: the 编制/审核/批准 table with names and dates that the builder base
  adds to every document without a control of its own (see :mod:`dossier.model.approvals`).

Images are read through the tracker by their digest and size (so a new image rebuilds the document), their
bytes through the model object itself.
"""

from __future__ import annotations

from ..model import Dossier
from ..model.tracking import untracked
from ..render.content import SEAL, SIGNATURE, Cell, Column, Picture, SignField, Table, cell, table, text
from ..render.formatting import cn_date, dash

__all__ = ["SEAL_MM", "SIGNATURE_BOX_MM", "picture", "seal_field", "signature_field", "sign_off_cell",
           "sign_off_pairs", "approval_table"]

#: the printed size of a seal (a company's 公章 is 38–42 mm across)
SEAL_MM = 40.0
#: the box a signature is fitted into (width, height)
SIGNATURE_BOX_MM = (32.0, 11.0)


def picture(mark, box_mm: tuple[float, float], seal: bool = False) -> Picture:
    """The image of ``mark`` (a records.Mark) fitted into ``box_mm``, keeping its proportions."""
    image = mark.image
    width, height = image.width, image.height
    scale = min(box_mm[0] / width, box_mm[1] / height)
    return Picture(image.mime, image.digest, round(width * scale, 2), round(height * scale, 2), seal,
                   untracked(mark).image.data)


def seal_picture(d: Dossier) -> Picture | None:
    seal = d.company.signing.seal
    return picture(seal, (SEAL_MM, SEAL_MM), seal=True) if seal else None


def signature_picture(d: Dossier, staff: str | None) -> Picture | None:
    mark = d.company.signing.signature(staff) if staff else None
    return picture(mark, SIGNATURE_BOX_MM) if mark else None


def seal_field(d: Dossier, label: str = "申请单位（盖章）") -> SignField:
    """Where the company seals: its seal image, or room to stamp it."""
    return SignField(label, needs=SEAL, picture=seal_picture(d))


def signature_field(d: Dossier, label: str, staff: str | None) -> SignField:
    """Where ``staff`` (a staff id; None: someone not on staff) signs: their signature image, or room to sign."""
    return SignField(label, needs=SIGNATURE, picture=signature_picture(d, staff))


def sign_off_cell(d: Dossier, sign_off, align: str | None = "center") -> Cell:
    """The name under a sign-off duty, with the person's signature image where given."""
    return Cell(text(dash(sign_off.name)), align=align, picture=signature_picture(d, sign_off.staff))


def sign_off_pairs(d: Dossier, control) -> tuple:
    """(编制, name), (审核, name), (批准, name) of a document control, for its label/value table."""
    return tuple((s.duty, sign_off_cell(d, s, None)) for s in control.sign_offs)


def approval_table(d: Dossier, approval) -> Table:
    """编制/审核/批准: who and when, in a table kept on one page."""
    offs = approval.sign_offs
    return table((Column("", 16, "center"), *(Column(s.duty, None, "center") for s in offs)),
                 ((Cell(text("签名"), label=True), *(sign_off_cell(d, s) for s in offs)),
                  (Cell(text("日期"), label=True), *(cell(cn_date(s.date), align="center") for s in offs))),
                 size=10, keep=True)
