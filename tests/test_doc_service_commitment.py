"""售后服务承诺书: every line composed from the data, in both formats, each present exactly when its data is."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import timedelta

import pytest

from conftest import SMALL, Company
from documents import assert_cjk_pdf, body_paragraphs, docx_rows, pdf_text, squeeze
from dossier.builders import BUILDERS
from dossier.validation import load_dossier

COMPANY = "示例家电服务有限公司"
PREAMBLE = (f"为保障顾客的合法权益，{COMPANY}秉承“用户至上，诚信服务”的服务理念，就空调、洗衣机的安装、维修及售后服务"
            "向顾客作出如下承诺：")
SIGNATURE = f"承诺单位：{COMPANY}\n法定代表人：张明\n2026年12月1日"
COMPLAINTS = "投诉处理：受理后 1 小时内响应，48 小时内处理完毕，处理完毕后 3 日内回访。"
TRADE = "trade: {profile: 通用, qualifications: [{kind: 制冷与空调作业证, positions: [维修工程师], basis: 《特种作业人员安全技术培训考核管理规定》}]}\n"
HOTLINE_HOURS = "  - {name: 服务热线呼叫中心, kind: 信息系统, quantity: 2, unit: 座席, hours: 8:00-20:00}\n"


def _full(company: Company) -> Company:
    """The small company with the data every part of the letter needs: a supervision phone, a channel's hours,
    charging principles, a qualification its trade requires."""
    company.edit("organisation.yaml", "    name: 总经理办公室\n", "    name: 总经理办公室\n    phone: 0591-87000009\n")
    company.edit("service_system.yaml", "  - {name: 售后服务管理系统, kind: 信息系统, quantity: 1, unit: 套}\n",
                 "  - {name: 售后服务管理系统, kind: 信息系统, quantity: 1, unit: 套}\n" + HOTLINE_HOURS)
    company.append("service_system.yaml", "\ncommitment_letter:\n  charges: 保修期内免费维修；保修期外按公示标准收费，先报价后维修。\n")
    company.append("company.yaml", "\n" + TRADE)
    return company


def _copy(folder) -> Company:
    shutil.copytree(SMALL, folder)
    return Company(folder)


def _render(company: Company):
    validation = load_dossier(company.root)
    assert validation.ok, [p.message for p in validation.errors]
    return BUILDERS["service_commitment"]().render(validation.dossier)


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    return _render(_full(_copy(tmp_path_factory.mktemp("full") / "co")))


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    """The small company as it is: no channel with hours, no charging principles, no supervision phone, no trade."""
    return _render(_copy(tmp_path_factory.mktemp("bare") / "co"))


def test_every_line_of_the_letter_from_the_data(full):
    expected = [
        "售后服务承诺书", f"{COMPANY}　版本 A/0　发布日期 2026年12月1日", PREAMBLE,
        "一、服务承诺", "接到报修后 1 小时内响应，市区 24 小时内上门。",
        "二、三包与保修期限", "严格执行国家三包规定，在保修期内免费维修。", "包退期：7 天；包换期：15 天。",
        "三、服务时限", COMPLAINTS,
        "四、服务目标", "顾客满意率不低于90%（考核周期：季度）。", "投诉1小时内响应（考核周期：年度）。",
        "五、服务时间与服务渠道", "服务热线：400-800-0000。", "服务热线呼叫中心：服务时间 8:00-20:00。",
        "六、服务网点", f"{COMPANY}共有售后服务网点 1 个，地址和联系电话如下。",
        "七、收费原则", "保修期内免费维修；保修期外按公示标准收费，先报价后维修。",
        "八、服务人员资质",
        "按《特种作业人员安全技术培训考核管理规定》，岗位为维修工程师的人员均持有效的“制冷与空调作业证”上岗（现有 1 人）。",
        "公司现有持有效证书的售后服务管理师 1 人。", "人员名册中持有的其他有效资格证书：售后服务体系内审员 2 人。",
        "九、服务监督", f"{COMPANY}设总经理办公室负责服务监督，顾客对服务质量的意见和投诉可拨打监督电话 0591-87000009。",
        SIGNATURE]
    assert body_paragraphs(full.docx) == expected
    pdf = squeeze(pdf_text(full.pdf.data))
    assert [line for line in expected if squeeze(line) not in pdf] == []
    assert "售后服务管理系统" not in pdf          # a channel without stated hours is not listed
    assert_cjk_pdf(full.pdf.data)
    assert not full.pdf.warnings


def test_the_outlets_with_addresses_and_phones(full):
    assert docx_rows(full.docx, "网点名称") == [
        ["序号", "网点名称", "性质", "地址", "电话", "服务范围"],
        ["1", "福州鼓楼服务中心", "自建", "福建省福州市鼓楼区示例路1号", "0591-87000002", "福州市五城区"]]
    assert squeeze("福州鼓楼服务中心自建福建省福州市鼓楼区示例路1号0591-87000002福州市五城区") in squeeze(pdf_text(full.pdf.data))


def test_a_part_without_its_data_is_left_out(bare):
    headings = ["一、服务承诺", "二、三包与保修期限", "三、服务时限", "四、服务目标", "五、服务渠道", "六、服务网点",
                "七、服务人员资质"]
    paragraphs = body_paragraphs(bare.docx)
    assert [p for p in paragraphs if p[1:2] == "、"] == headings
    # the register's certificates, with no trade naming any: the 管理师 and the others
    assert paragraphs[paragraphs.index("七、服务人员资质") + 1:] == [
        "公司现有持有效证书的售后服务管理师 1 人。", "人员名册中持有的其他有效资格证书：售后服务体系内审员 2 人、制冷与空调作业证 1 人。", SIGNATURE]
    assert paragraphs[paragraphs.index("五、服务渠道") + 1] == "服务热线：400-800-0000。"
    pdf = squeeze(pdf_text(bare.pdf.data))
    assert [h for h in headings if h not in pdf] == []
    for absent in ("收费原则", "服务监督", "服务时间", "监督电话", "上岗（现有"):
        assert absent not in pdf and absent not in squeeze("".join(paragraphs)), absent


def test_without_a_hotline_there_is_no_channels_part(small_company):
    small_company.edit("company.yaml", "hotline: 400-800-0000", "# hotline: 400-800-0000")
    d = load_dossier(small_company.root).dossier
    paragraphs = body_paragraphs(BUILDERS["service_commitment"]().docx(d))
    assert "服务热线" not in "".join(paragraphs) and "五、服务网点" in paragraphs


def test_staff_who_lack_the_required_certificate_are_counted_not_claimed(small_company):
    small_company.append("company.yaml", "\n" + TRADE.replace("positions: [维修工程师]", "category: 服务技术"))
    d = load_dossier(small_company.root).dossier               # 林伟 holds none: validation reports it
    lines = body_paragraphs(BUILDERS["service_commitment"]().docx(d))
    assert ("按《特种作业人员安全技术培训考核管理规定》，服务技术人员须持“制冷与空调作业证”上岗；现有 2 人，"
            "其中 1 人持有效证书。") in lines
    assert "均持有效" not in "".join(lines)
    # a certificate that lapsed the day before the letter is issued does not count
    lapsed = d.submission.date - timedelta(days=1)
    staff = tuple(dataclasses.replace(s, qualifications=tuple(dataclasses.replace(q, valid_until=lapsed)
                                                               for q in s.qualifications)) for s in d.staff)
    lines = body_paragraphs(BUILDERS["service_commitment"]().docx(dataclasses.replace(d, staff=staff)))
    assert "现有 2 人，其中 0 人持有效证书。" in "".join(lines)
    assert "售后服务管理师" not in "".join(lines)


def test_the_company_words_the_opening_and_closing_itself(small_company):
    small_company.append("service_system.yaml", "\ncommitment_letter:\n  preamble: 本公司郑重承诺：\n"
                                                "  closing: 以上承诺自发布之日起执行，欢迎社会各界监督。\n")
    d = load_dossier(small_company.root).dossier
    lines = body_paragraphs(BUILDERS["service_commitment"]().docx(d))
    assert lines[2:4] == ["本公司郑重承诺：", "一、服务承诺"]
    assert lines[-2:] == ["以上承诺自发布之日起执行，欢迎社会各界监督。", SIGNATURE]
    assert PREAMBLE not in lines


def test_the_limits_are_the_flow_s_and_the_complaints_targets_where_no_step_has_them(small_company):
    small_company.append("service_system.yaml", "\nservice_flow:\n  steps:\n"
                                                "    - {name: 报修受理, department: SVC, limit: 接到报修后1小时内响应}\n"
                                                "    - {name: 上门服务, department: SVC, within: 24, unit: 小时}\n"
                                                "    - {name: 维修, department: SVC}\n")
    d = load_dossier(small_company.root).dossier
    lines = body_paragraphs(BUILDERS["service_commitment"]().docx(d))
    start = lines.index("三、服务时限")
    assert lines[start + 1:start + 5] == ["报修受理：接到报修后1小时内响应。", "上门服务：24 小时内。", COMPLAINTS, "四、服务目标"]
