"""人员及售后服务管理师名册: headcounts and the 管理师 ratio in both formats, the register and the
certificates, the staff figures recomputed by hand from personnel.yaml, and a large company."""

from __future__ import annotations

import dataclasses
import io
import math
from collections import Counter
from datetime import date, timedelta

import docx
import pytest
import yaml
from pypdf import PdfReader

from conftest import EXAMPLE
from documents import assert_cjk_pdf, docx_text, dossier_of, pdf_text, render, squeeze
from dossier.builders.personnel import LARGE_REGISTER, PersonnelBuilder
from dossier.model.figures.staff import staff_figures
from dossier.model.records import Qualification
from dossier.standard import load_standard


def _raw():
    personnel = yaml.safe_load((EXAMPLE / "personnel.yaml").read_text(encoding="utf-8"))["staff"]
    organisation = yaml.safe_load((EXAMPLE / "organisation.yaml").read_text(encoding="utf-8"))
    company = yaml.safe_load((EXAMPLE / "company.yaml").read_text(encoding="utf-8"))
    names = {x["id"]: x["name"] for x in organisation["departments"]}
    return personnel, names, company["application"]["date"]


def _status(q: dict, day: date, window: int) -> str:
    until = q.get("valid_until")
    if until is None:
        return "有效"
    if until < day:
        return "已过期"
    return "即将到期" if (until - day).days <= window else "有效"


# -- the figures, by hand ------------------------------------------------------------------------
def test_department_counts_recomputed_from_the_yaml():
    staff, names, day = _raw()
    rule = load_standard().rule("manager_ratio")
    f = dossier_of(str(EXAMPLE)).figures.staff
    categories = [c for c, _ in Counter(s["category"] for s in staff).most_common()]
    assert list(f.categories) == categories
    certified = {s["id"] for s in staff for q in s.get("qualifications", [])
                 if q["kind"] == rule["qualification"] and (q.get("valid_until") is None or q["valid_until"] >= day)}
    expected = {}
    for s in staff:
        row = expected.setdefault(s["department"], {"total": 0, "cats": Counter(), "managers": 0})
        row["total"] += 1
        row["cats"][s["category"]] += 1
        row["managers"] += s["id"] in certified
    assert [x.department for x in f.departments] == list(expected)
    for x in f.departments:
        row = expected[x.department]
        assert x.name == names[x.department] and x.total == row["total"]
        assert x.by_category == tuple(row["cats"][c] for c in categories)
        assert x.certified_managers == row["managers"]
    assert sum(x.total for x in f.departments) == len(staff)
    assert f.manager_ratio_required == pytest.approx(100 * rule["ratio"]) and f.manager_min_count == rule["min_count"]
    management = sum(s["category"] == rule["category"] for s in staff)
    assert f.managers_required == max(rule["min_count"], math.ceil(rule["ratio"] * management))
    assert f.certified_count == len(certified) and f.managers_met == (len(certified) >= f.managers_required)


def test_certificates_recomputed_from_the_yaml():
    staff, _, day = _raw()
    std = load_standard()
    kind, window = std.rule("manager_ratio")["qualification"], std.rule("expiry_warning_days")["days"]
    f = dossier_of(str(EXAMPLE)).figures.staff
    managers = [(s["name"], q["number"]) for s in staff for q in s.get("qualifications", []) if q["kind"] == kind]
    assert [(h.staff.name, h.qualification.number) for h in f.manager_certificates] == managers
    others = [(s, q) for s in staff for q in s.get("qualifications", []) if q["kind"] != kind]
    assert sorted((s["id"], q["number"], _status(q, day, window)) for s, q in others) == \
        sorted((h.staff.id, h.qualification.number, h.status) for h in f.other_certificates)
    holders: dict[str, dict[str, str]] = {}
    for s, q in others:
        best = holders.setdefault(q["kind"], {})
        status = _status(q, day, window)
        if s["id"] not in best or ["有效", "即将到期", "已过期"].index(status) < ["有效", "即将到期", "已过期"].index(best[s["id"]]):
            best[s["id"]] = status
    assert {q.kind: (q.holders, q.valid, q.expiring, q.expired) for q in f.qualification_counts} == {
        k: (len(v), sum(x != "已过期" for x in v.values()), sum(x == "即将到期" for x in v.values()),
            sum(x == "已过期" for x in v.values())) for k, v in holders.items()}
    assert [q.holders for q in f.qualification_counts] == sorted((q.holders for q in f.qualification_counts), reverse=True)
    kinds = [h.qualification.kind for h in f.other_certificates]
    assert kinds == sorted(kinds, key=[q.kind for q in f.qualification_counts].index)   # grouped by kind


def test_expiring_and_expired_certificates_are_told_apart():
    d = dossier_of(str(EXAMPLE))
    day = d.company.application.date
    person = d.staff[10]
    quals = (Qualification("低压电工作业证", "A1", "某厅", day - timedelta(days=2000), day - timedelta(days=1)),
             Qualification("高处作业证", "A2", "某厅", day - timedelta(days=2000), day + timedelta(days=30)),
             Qualification("高处作业证", "A3", "某厅", day - timedelta(days=10), day + timedelta(days=3000)),
             Qualification("焊工证", "A4", "某厅", day - timedelta(days=10), None))
    f = staff_figures((dataclasses.replace(person, qualifications=quals),), d.standard, day)
    assert [h.status for h in f.other_certificates] == ["已过期", "即将到期", "有效", "有效"]
    counts = {q.kind: (q.holders, q.valid, q.expiring, q.expired) for q in f.qualification_counts}
    assert counts == {"低压电工作业证": (1, 0, 0, 1), "高处作业证": (1, 1, 0, 0), "焊工证": (1, 1, 0, 0)}


# -- the document --------------------------------------------------------------------------------
def test_personnel_in_both_formats():
    d = dossier_of(str(EXAMPLE))
    f = d.figures.staff
    rendered = render(str(EXAMPLE), "personnel")
    pdf, word = squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))
    for text in (pdf, word):
        assert squeeze(d.company.name) in text
        assert f"在册员工共{f.total}人" in text
        assert all(f"{c}{n}人" in text for c, n in f.by_category)
        assert f"服务管理人员{f.service_management}人，持有效售后服务管理师证书{f.certified_count}人" in text
        assert f"应配备售后服务管理师不少于{f.managers_required}人" in text
        assert f"占服务管理人员的{f.manager_ratio:.1f}%，满足要求" in text
        assert squeeze(d.standard.item(d.standard.rule("manager_ratio")["deducts"]).text) in text
        for h in f.manager_certificates:
            assert h.qualification.number in text
        for person in d.staff:                         # the register is in the body, names unmasked
            assert person.id + person.name in text
            assert not person.mobile or person.mobile not in text
        for h in f.other_certificates:
            assert h.qualification.number in text
        assert "附录一" not in text
    assert_cjk_pdf(rendered.pdf.data)
    assert not rendered.pdf.warnings


def test_department_table_in_the_docx():
    d = dossier_of(str(EXAMPLE))
    f = d.figures.staff
    document = docx.Document(io.BytesIO(render(str(EXAMPLE), "personnel").docx))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["部门", "合计", *f.categories, "售后服务管理师"]
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows[1:]}
    for x in f.departments:
        assert rows[x.name] == [str(x.total), *map(str, x.by_category), str(x.certified_managers)]
    assert rows["合计"] == [str(f.total), *(str(n) for _, n in f.by_category), str(f.certified_count)]


def _large(count: int):
    d = dossier_of(str(EXAMPLE))
    copies = -(-count // len(d.staff))
    staff = tuple(dataclasses.replace(s, id=f"{s.id}-{k:03d}") for k in range(copies) for s in d.staff)[:count]
    figures = dataclasses.replace(d.figures, staff=staff_figures(staff, d.standard, d.company.application.date))
    return dataclasses.replace(d, staff=staff, figures=figures)


def test_threshold():
    assert not PersonnelBuilder.large(_large(LARGE_REGISTER))
    assert PersonnelBuilder.large(_large(LARGE_REGISTER + 1))


#: a register long enough to be laid out in three passes (html_writer.SPLIT_ABOVE rows)
LARGE = 820


@pytest.fixture(scope="module")
def large_company():
    d = _large(LARGE)
    return d, PersonnelBuilder().render(d)


@pytest.mark.slow
def test_a_large_register_goes_to_the_appendix(large_company):
    d, rendered = large_company
    # the counts, by hand: whole copies of the sample plus its first ``rest`` people once more
    base = dossier_of(str(EXAMPLE)).staff
    copies, rest = divmod(LARGE, len(base))
    categories = Counter()
    for s in list(base) * copies + list(base[:rest]):
        categories[s.category] += 1
    pages = PdfReader(io.BytesIO(rendered.pdf.data)).pages
    assert len(pages) > 50 and all(p.mediabox.width > p.mediabox.height for p in pages[-5:])   # landscape appendices
    head = [squeeze(p.extract_text()) for p in pages[:10]]            # the body: summary, managers, 四
    appendix = next(i for i, text in enumerate(head) if "附录一人员名册" in text)
    register_end = next(i for i in range(appendix, len(pages)) if "附录二" in squeeze(pages[i].extract_text()))
    pdf = "".join(head) + squeeze(pages[register_end - 1].extract_text() + pages[register_end].extract_text())
    word = squeeze(docx_text(rendered.docx))
    for text in (pdf, word):
        assert f"在册员工共{LARGE}人" in text
        assert all(f"{c}{n:,}人" in text for c, n in categories.items())
        assert f"在册员工超过{LARGE_REGISTER}人" in text and "附录一人员名册" in text and "附录二其他资格证书明细" in text
        assert d.staff[-1].id + d.staff[-1].name in text
    document = docx.Document(io.BytesIO(rendered.docx))
    register = next(t for t in document.tables if t.rows[0].cells[0].text == "工号")
    assert len(register.rows) == 1 + LARGE
    assert sum(1 for t in document.tables if t.rows[0].cells[0].text == "工号") == 1
    rows = {r.cells[0].text: r.cells[1].text for r in document.tables[0].rows[1:]}
    assert rows["合计"] == str(LARGE)
    assert sum(int(v.replace(",", "")) for k, v in rows.items() if k != "合计") == LARGE
    assert not rendered.pdf.warnings
