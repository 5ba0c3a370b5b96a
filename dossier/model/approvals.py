"""Who prepares, reviews and approves each document, and when: organisation.yaml ``document_control``.

The manual and the procedures carry their own control (service_system.yaml); every other document of the
dossier is signed off as ``document_control`` says: its ``defaults`` name each duty by role (a key role of
``roles``, or ``部门负责人``: the head of the document's owning department) or by staff id, a document's
own entry may name its owner, other people and the dates. What the data does not name follows the built-in
defaults: prepared by the head of the owning department (the top department unless stated), reviewed by the
管理者代表, approved by the 总经理. A date not given is that of the next duty given, or the submission's.

The same resolution gives the model its approvals and what the validation reports (one problem per
unresolvable name or misplaced date, at the line that states it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import records as R

__all__ = ["DUTIES", "HEAD", "BUILT_IN", "Unresolved", "resolve_approvals"]

#: (the field naming who, the field dating it, the duty printed)
DUTIES = (("prepared_by", "prepared", "编制"), ("reviewed_by", "reviewed", "审核"), ("approved_by", "approved", "批准"))
#: the word naming the head of the document's owning department
HEAD = "部门负责人"
#: who signs each duty where the data names nobody
BUILT_IN = {"prepared_by": HEAD, "reviewed_by": "管理者代表", "approved_by": "总经理"}
_ROOT = ("document_control",)


@dataclass(frozen=True)
class Unresolved:
    """A name or date of ``document_control`` the documents cannot use: where (a path in organisation.yaml)
    and why."""

    path: tuple
    message: str


class _Organisation:
    def __init__(self, organisation: dict, staff: dict[str, str]):
        self.staff = staff
        self.departments = {d["id"]: d for d in organisation.get("departments") or () if isinstance(d, dict)}
        self.holders: dict[str, list[str]] = {}
        for role in organisation.get("roles") or ():
            if isinstance(role, dict) and role.get("role") and role.get("staff"):
                self.holders.setdefault(str(role["role"]), []).append(str(role["staff"]))
        tops = [d for d in self.departments.values() if d.get("parent") is None]
        self.top = (tops or list(self.departments.values()) or [None])[0]

    def department_name(self, ident: str | None) -> str:
        return str(self.departments[ident]["name"]) if ident in self.departments else ""

    def who(self, value: str, owner: str | None) -> tuple[str | None, str | None]:
        """(staff id, None) for a staff id, a role held by one person, or the owner's head; else (None, why)."""
        if value in self.staff:
            return value, None
        if value == HEAD:
            head = (self.departments.get(owner) or {}).get("head")
            if head in self.staff:
                return head, None
            return None, f"归口部门“{self.department_name(owner) or owner}”没有部门负责人（head），无法确定“{HEAD}”是谁"
        holders = self.holders.get(value)
        if holders is None:
            return None, f"“{value}”既不是人员编号，也不是关键岗位（roles）的岗位名称或“{HEAD}”"
        if len(holders) > 1:
            return None, f"岗位“{value}”有 {len(holders)} 人任职（{'、'.join(holders)}），请改写为其中一人的人员编号"
        return (holders[0], None) if holders[0] in self.staff else (None, f"岗位“{value}”的任职人员不在人员名册中")


def _entries(control: dict) -> dict[str, tuple[int, dict]]:
    entries = {}
    for index, entry in enumerate(control.get("documents") or ()):
        if isinstance(entry, dict) and isinstance(entry.get("document"), str):
            entries.setdefault(entry["document"], (index, entry))
    return entries


def resolve_approvals(organisation: dict, staff: dict[str, str], documents: tuple[str, ...],
                      submitted: date) -> tuple[tuple[R.Approval, ...], tuple[Unresolved, ...]]:
    """The approval of each of ``documents`` (ids), and what of ``document_control`` could not be used.
    ``staff``: id → name; ``submitted``: the submission's date (the default date, and the latest allowed)."""
    org = _Organisation(organisation, staff)
    control = organisation.get("document_control") or {}
    defaults = control.get("defaults") or {}
    entries = _entries(control)
    problems: dict[tuple, Unresolved] = {}

    def note(path: tuple, message: str) -> None:
        problems.setdefault((path, message), Unresolved(path, message))

    approvals = []
    for ident in documents:
        index, entry = entries.get(ident, (None, {}))
        here = _ROOT + ("documents", index)
        owner = entry.get("owner") or defaults.get("owner") or (org.top or {}).get("id")
        dates = _dates(entry, submitted, here, note)
        sign_offs = []
        for field, dated, duty in DUTIES:
            if entry.get(field):
                value, path = str(entry[field]), here + (field,)
            elif defaults.get(field):
                value, path = str(defaults[field]), _ROOT + ("defaults", field)
            else:
                value, path = BUILT_IN[field], None
            person, why = org.who(value, owner)
            if person is None and path is None:          # the built-in default: the top department's head
                person, why = org.who(HEAD, (org.top or {}).get("id"))
            if person is None and path is None:
                note(("roles",), f"文件的{duty}人默认为“{value}”，没有这一岗位时为最高一级部门的负责人，但{why}；"
                                 f"请在 document_control.defaults 中写明{duty}人（{field}）。")
            elif person is None:
                shown = f"文件“{ident}”的{duty}人" if "documents" in path else f"{duty}人"
                note(path, f"{shown}：{why}。")
            sign_offs.append(R.SignOff(duty, person, staff.get(person, "") if person else "", dates[dated]))
        approvals.append(R.Approval(ident, owner, org.department_name(owner), tuple(sign_offs)))
    return tuple(approvals), tuple(problems.values())


def _dates(entry: dict, submitted: date, here: tuple, note) -> dict[str, date]:
    """Each duty's date: as given, else the next duty's given date, else the submission's; a date given
    after the submission is noted (the order of the given dates is the schema's ``ascending``)."""
    out, later = {}, submitted
    for field, dated, duty in reversed(DUTIES):
        given = entry.get(dated)
        if isinstance(given, date):
            if given > submitted:
                note(here + (dated,), f"{duty}日期（{given.isoformat()}）不能晚于本次提交材料的日期"
                                      f"（{submitted.isoformat()}）：文件在提交前编制、审核和批准。")
            later = given
        out[dated] = later
    return out
