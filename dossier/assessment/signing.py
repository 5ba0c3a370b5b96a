"""What is left to seal and sign by hand before the pack is sent, and what the company's images already fill.

Every place to seal or sign of a document is an anchor of its PDF (:mod:`dossier.render.places`); every page
of a licence copy (an attachment bound with the watermark) is certified 与原件一致 under the seal. Where the
binder is laid out, each place has its binder page; where it is not (``check`` of a data folder), only the
document it is in. The materials checklist and ``check`` say the same from these places.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from ..render.content import SEAL, SIGNATURE
from ..render.places import parse_place

__all__ = ["Place", "document_places", "attachment_places", "signing_summary", "signing_findings"]

_NEEDS = {SEAL: ("须加盖公章", "已盖章"), SIGNATURE: ("须签字", "已签字")}
_FIX = {SEAL: "打印后在这些页面加盖申请单位公章再寄送；或在 company.yaml 的 signing.seal 中提供公章图片。",
        SIGNATURE: "打印后由签字人在这些页面亲笔签字再寄送；或在 company.yaml 的 signing.signatures 中提供签名图片"
                   "（法定代表人的另须写明 signing.legal_representative）。"}


@dataclass(frozen=True)
class Place:
    """A place to seal or sign: what it needs, whether an image fills it, the document or attachment it is
    in (``kind``, ``id``, ``title``) and its binder page (None when the binder is not laid out)."""

    needs: str
    filled: bool
    kind: str
    id: str
    title: str
    page: int | None


def document_places(ident: str, title: str, anchors: Mapping[str, int | None], start: int | None) -> list[Place]:
    """The places of a document from its anchors (anchor → 0-based page, or None), its first binder page
    being ``start``."""
    out = []
    for anchor, page in anchors.items():
        found = parse_place(anchor)
        if found:
            needs, filled = found
            at = None if start is None or page is None else start + int(page)
            out.append(Place(needs, filled, "document", ident, title, at))
    return out


def attachment_places(attachment, title: str, pages: range | None, sealed: bool) -> list[Place]:
    """The seal over 与原件一致 on each page of a licence copy (an attachment bound with the watermark)."""
    if not attachment.watermark:
        return []
    return [Place(SEAL, sealed, "attachment", attachment.id, title, page) for page in (pages or [None])]


def _pages(places: list[Place]) -> str:
    """第 3、7–9 页: the pages of ``places``, runs of consecutive pages as ranges ("" when none is known)."""
    pages = sorted({p.page for p in places if p.page is not None})
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    shown = "、".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
    return f"第 {shown} 页" if pages else ""


def signing_summary(places: Iterable[Place]) -> list[tuple[str, str]]:
    """What a row of the materials checklist says of its places, each need once: (须加盖公章, 第 3、7 页),
    or (已盖章, "") where images fill them all."""
    places = list(places)
    lines = []
    for needs, (pending, done) in _NEEDS.items():
        mine = [p for p in places if p.needs == needs]
        open_ = [p for p in mine if not p.filled]
        if open_:
            lines.append((pending, _pages(open_)))
        elif mine:
            lines.append((done, ""))
    return lines


def signing_findings(places: Iterable[Place], finding) -> list:
    """One warning for each need with places left for the pen, naming them by document and page
    (``finding``: the Finding constructor of :mod:`.completeness`)."""
    places = list(places)
    out = []
    for needs, (pending, _done) in _NEEDS.items():
        open_ = [p for p in places if p.needs == needs and not p.filled]
        if not open_:
            continue
        by_part: dict[tuple, list[Place]] = {}
        for p in open_:
            by_part.setdefault((p.kind, p.id, p.title), []).append(p)
        where = "、".join(f"{title}（{_pages(ps)}）" if _pages(ps) else title for (_k, _i, title), ps in by_part.items())
        what = "加盖公章" if needs == SEAL else "签字"
        out.append(finding("signing", "warning", pending,
                           f"申请材料中有 {len(open_)} 处须在打印后{what}：{where}。", _FIX[needs]))
    return out
