"""Customers that are organisations (单位): their names print in full, their contact persons masked, and the
project or equipment a complaint or an answer concerns is shown; a company without them prints as before."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import Company
from documents import docx_text, pdf_text, squeeze
from dossier.builders import BUILDERS
from dossier.model.masking import mask_customer
from dossier.problems import format_problem
from dossier.validation import load_dossier

PURIFIER = Path(__file__).resolve().parent / "roots" / "purifier"

ORGANISATION_COMPLAINT = """    customer_type: 单位
    customer: 金色家园物业服务有限公司
    contact: 王建华
    project: 金色家园小区 3 号梯
    severity: 重大
"""
PERSON_COMPLAINT = """  - id: C2026-002
    received: 2026-06-02 09:00
    channel: 电话
    customer: 苏明远
    phone: "13900000020"
    product: 家用净水器
    outlet: O01
    category: 服务态度
    issue: 技师上门时未穿鞋套
    responded: 2026-06-02 09:30
    resolved: 2026-06-03 10:00
    handler: S03
    outcome: 向顾客致歉并对技师进行提醒
    visit_date: 2026-06-04
    visit_method: 电话
    visit_result: 满意

visits:"""


def with_business_customers(root: Path) -> Company:
    """A copy of the purifier at ``root`` whose customers are of both kinds: a property company (with its
    contact person and the lift concerned) and a person complain; a hospital answers the survey."""
    shutil.copytree(PURIFIER, root)
    (root / "attachments").mkdir(exist_ok=True)
    company = Company(root)
    company.edit("complaints.yaml", "    customer: 周先生\n", ORGANISATION_COMPLAINT)
    company.edit("complaints.yaml", "visits:", PERSON_COMPLAINT)
    company.edit("satisfaction.yaml", 'customer: 陈先生, phone: "13900000001", outlet: O01,',
                 'customer_type: 单位, customer: 泉州市华侨医院, contact: 陈立新, phone: "13900000001", outlet: O01, '
                 'project: 门诊楼净水系统,')
    return company


@pytest.fixture(scope="module")
def business(tmp_path_factory) -> Company:
    return with_business_customers(tmp_path_factory.mktemp("business") / "purifier")


def _texts(root: Path, ident: str) -> tuple[str, str]:
    validation = load_dossier(root)
    assert validation.errors == ()
    rendered = BUILDERS[ident]().render(validation.dossier)
    return squeeze(pdf_text(rendered.pdf.data)), squeeze(docx_text(rendered.docx))


def test_mask_customer_keeps_an_organisation_and_masks_a_person():
    assert mask_customer("金色家园物业服务有限公司", "单位") == "金色家园物业服务有限公司"
    assert mask_customer("苏明远", "个人") == "苏**"


def test_the_model_holds_an_organisation_in_full_and_its_contact_masked(business):
    d = load_dossier(business.root).dossier
    assert [(x.customer_type, x.customer, x.contact, x.phone, x.project) for x in d.complaints.complaints] == [
        ("单位", "金色家园物业服务有限公司", "王**", "139****0010", "金色家园小区 3 号梯"),
        ("个人", "苏**", "", "139****0020", "")]
    first = d.satisfaction.surveys[0].responses[0]
    assert (first.customer_type, first.customer, first.contact, first.project) == (
        "单位", "泉州市华侨医院", "陈**", "门诊楼净水系统")


@pytest.fixture(scope="module")
def complaint_texts(business):
    return _texts(business.root, "complaints")


def test_the_complaint_log_shows_the_organisation_its_contact_and_the_project(complaint_texts):
    for text in complaint_texts:
        assert squeeze("个人顾客姓名和单位联系人姓名已脱敏，单位名称照实列出。") in text
        assert "编号受理时间渠道顾客商品项目/设备网点类别投诉内容" in text
        assert "服务热线金色家园物业服务有限公司联系人王**家用净水器金色家园小区3号梯泉州丰泽服务中心响应时效" in text
        assert "电话苏**家用净水器—泉州丰泽服务中心服务态度" in text


def test_a_major_complaint_names_the_organisation_contact_phone_and_project(complaint_texts):
    for text in complaint_texts:
        assert squeeze("顾客 金色家园物业服务有限公司（联系人 王**，139****0010）；商品：家用净水器；"
                       "项目/设备：金色家园小区 3 号梯；网点：泉州丰泽服务中心") in text


def test_no_person_name_or_phone_of_the_complaints_prints(complaint_texts):
    for text in complaint_texts:
        assert [s for s in ("王建华", "苏明远", "13900000010", "13900000020") if s in text] == []


def test_the_survey_report_shows_the_organisation_and_masks_the_rest(business):
    for text in _texts(business.root, "satisfaction"):
        assert squeeze("有效答卷为回收后录入且有评分的答卷；个人顾客姓名、单位联系人姓名和电话已脱敏，单位名称照实列出。") in text
        assert "答卷编号日期顾客电话网点商品项目/设备各题得分均分顾客意见" in text
        assert "0012026-07-10泉州市华侨医院联系人陈**139****0001泉州丰泽服务中心—门诊楼净水系统5555.00—" in text
        assert "0022026-07-22林**139****0002泉州丰泽服务中心——4544.33—" in text
        assert "陈立新" not in text


def test_without_organisations_or_projects_no_column_or_label_appears():
    complaints, survey = _texts(PURIFIER, "complaints"), _texts(PURIFIER, "satisfaction")
    for text in complaints:
        assert "顾客姓名已脱敏。" in text and "单位" not in text
        assert "编号受理时间渠道顾客商品网点类别投诉内容" in text
        assert "项目/设备" not in text and "联系人" not in text
    for text in survey:
        assert "有效答卷为回收后录入且有评分的答卷；顾客姓名和电话已脱敏。" in text
        assert "答卷编号日期顾客电话网点商品各题得分均分顾客意见" in text
        assert "项目/设备" not in text and "联系人" not in text


def test_csv_tables_take_the_new_columns(example):
    example.edit("complaints/complaints.csv", "visit_method,visit_result,reprocessed,reprocess_outcome,revisit_result\n", "visit_method,visit_result,reprocessed,reprocess_outcome,revisit_result,customer_type,contact,project\n")
    example.edit("complaints/complaints.csv", ",林美华,", ",鑫源物业管理有限公司,")
    example.edit("complaints/complaints.csv", "向顾客致歉,2025-11-05,电话,满意,,,\n",
                 "向顾客致歉,2025-11-05,电话,满意,,,,单位,林美华,鑫源花园 2 号楼\n")
    example.edit("satisfaction/2025Q4.csv", "Q6,comment\n", "Q6,comment,customer_type,contact,project\n")
    example.edit("satisfaction/2025Q4.csv", "2025Q4-001,2025-10-03,卢小红,16686076360,O06,热水器,3,4,5,5,5,5,\n",
                 "2025Q4-001,2025-10-03,福州协和医院,16686076360,O06,热水器,3,4,5,5,5,5,,单位,卢小红,住院部热水系统\n")
    d = load_dossier(example.root, "application").dossier
    complaint = next(x for x in d.complaints.complaints if x.id == "TS2025-003")
    assert (complaint.customer, complaint.contact, complaint.project) == ("鑫源物业管理有限公司", "林**", "鑫源花园 2 号楼")
    answer = next(r for s in d.satisfaction.surveys for r in s.responses if r.no == "2025Q4-001")
    assert (answer.customer, answer.contact, answer.project, answer.scores) == (
        "福州协和医院", "卢**", "住院部热水系统", (("Q1", 3), ("Q2", 4), ("Q3", 5), ("Q4", 5), ("Q5", 5), ("Q6", 5)))


def test_a_customer_type_is_a_person_or_an_organisation(example):
    example.edit("complaints/complaints.csv", "visit_method,visit_result,reprocessed,reprocess_outcome,revisit_result\n", "visit_method,visit_result,reprocessed,reprocess_outcome,revisit_result,customer_type\n")
    example.edit("complaints/complaints.csv", "向顾客致歉,2025-11-05,电话,满意,,,\n", "向顾客致歉,2025-11-05,电话,满意,,,,公司\n")
    line = example.line_of("complaints/complaints.csv", "TS2025-003")
    assert [format_problem(p) for p in load_dossier(example.root, "application").errors] == [
        f"{example.shown('complaints/complaints.csv')}:{line}: complaints[2].customer_type: "
        "顾客类型只能是 个人、单位 之一，现为“公司”。"]


def test_the_compact_log_of_a_long_register_has_the_project_column_only_when_used(business):
    from dossier.builders.complaints import _compact_log

    d = load_dossier(business.root).dossier
    c = d.figures.complaints
    with_project = _compact_log(d.complaints.complaints, c, {})
    assert [col.header for col in with_project.columns][:6] == ["编号", "受理时间", "渠道", "商品", "项目/设备", "网点"]
    assert with_project.rows[0].cells[4].text == ("金色家园小区 3 号梯",)
    without = _compact_log(d.complaints.complaints[1:], c, {})
    assert "项目/设备" not in [col.header for col in without.columns]
