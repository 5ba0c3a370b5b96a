"""Scans of operating records (运行记录) for the two sample companies: the evidence that an indicator's
procedure runs (a technical-support log, a delivery sign-off sheet, …), one A4 page each.

    .venv/bin/python scripts/operating_records.py

Every page is a *sample*: the rows are fictional and the page says so; the company's name, its record
codes and the people who sign come from the company's own YAML files. Deterministic output.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path

import scripts.make_sample_attachments as art

ROOT = Path(__file__).resolve().parent.parent

CSS = art.CSS + """
table.log { width: 100%; border-collapse: collapse; font-size: 9pt; margin-top: 4mm; }
table.log th, table.log td { border: 0.5pt solid #555; padding: 1.2mm 1.5mm; vertical-align: top; }
table.log th { background: #eef1f5; white-space: nowrap; }
.note { margin-top: 10mm; font-size: 8pt; color: #b22; }
"""


@dataclass(frozen=True)
class Record:
    file: str            # under the company's attachments/
    title: str
    code: str            # the record form's number
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    keeper: str          # staff id of who keeps the record
    checker: str         # staff id of who checks it
    day: str             # the date it is checked, as printed


def _name(staff: dict, ident: str) -> str:
    return staff[ident]["name"]


def write_record(company: dict, staff: dict, record: Record) -> None:
    head = "".join(f"<th>{escape(c)}</th>" for c in record.columns)
    rows = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in record.rows)
    body = (f"<h1>{escape(record.title)}</h1>"
            f"<div class='sub'>{escape(company['name'])}　记录编号：{escape(record.code)}</div>"
            f"<table class='log'><tr>{head}</tr>{rows}</table>"
            f"<p style='text-align:right;margin-top:6mm'>记录人：<span class='ink'>{escape(_name(staff, record.keeper))}</span>"
            f"　　审核：<span class='ink'>{escape(_name(staff, record.checker))}</span>　　日期：{escape(record.day)}</p>"
            f"<p class='note'>{escape(art.SAMPLE_NOTE)}</p>")
    art.write_pdf(art.html_page(record.title, body, CSS), record.file)


EXAMPLE = (
    Record("product_info_notices.pdf", "商品信息更新通知及价格公示记录（摘录）", "MA/JL-02-05",
           ("日期", "更新内容", "通知范围", "公示方式"),
           (("2025-11-06", "格力2026款分体空调保修政策（整机6年）录入商品信息库", "全部网点", "服务大厅公示栏、微信服务号"),
            ("2026-03-12", "洗衣机常用配件价格表（程控板、排水泵）调整", "全部网点", "服务大厅公示栏、微信服务号"),
            ("2026-06-18", "热泵热水器新品安装要求和收费标准", "全部网点、委托网点", "工单系统、微信服务号"),
            ("2026-09-10", "空调加长铜管、支架收费单价复核公示", "全部网点", "服务大厅公示栏")),
           "S049", "S046", "2026年9月30日"),
    Record("technical_support_log.pdf", "技术支持记录（摘录）", "MA/JL-08-06",
           ("日期", "网点", "故障现象", "支持方式", "结果"),
           (("2025-12-09", "漳州芗城服务站", "燃气热水器点火后熄火", "远程视频指导检测", "更换熄火保护针，当日修复"),
            ("2026-03-21", "莆田城厢服务站", "滚筒洗衣机报E21", "电话支持", "排水泵异物，清理后修复"),
            ("2026-07-15", "厦门湖里服务站", "变频空调高温停机", "工程师到场", "外机散热不良，加装遮阳后恢复"),
            ("2026-08-27", "泉州晋江服务站（委托）", "洗烘一体机烘干不热", "远程视频指导检测", "更换加热管温控器")),
           "S047", "S046", "2026年9月30日"),
    Record("delivery_signoff.pdf", "配送预约及签收单（摘录）", "MA/JL-08-02",
           ("配送日期", "单号", "商品", "预约时段", "签收"),
           (("2026-05-03", "PS2605-0112", "对开门冰箱", "09:00-11:00", "顾客签收，开箱验货无异常"),
            ("2026-06-21", "PS2606-0478", "柜式空调", "14:00-16:00", "顾客签收，送装一体完成"),
            ("2026-08-09", "PS2608-0233", "滚筒洗衣机", "10:00-12:00", "顾客签收，安装调试完成"),
            ("2026-09-18", "PS2609-0391", "燃气热水器", "15:00-17:00", "顾客签收，燃气检漏合格")),
           "S053", "S050", "2026年9月30日"),
    Record("warranty_assessments.pdf", "三包鉴定单（摘录）", "MA/JL-07-02",
           ("日期", "商品", "故障", "鉴定结论", "处理"),
           (("2025-11-20", "电冰箱（售出5日）", "不制冷", "压缩机性能故障", "按7日内退货规定办理退货"),
            ("2026-02-14", "洗衣机（售出12日）", "脱水异响", "轴承性能故障", "按15日内换货规定换货"),
            ("2026-07-02", "分体空调（保修期内）", "外机漏氟", "连接管焊点渗漏", "免费修复并补充冷媒")),
           "S047", "S046", "2026年9月30日"),
    Record("recycling_register.pdf", "旧机回收登记表（摘录）", "MA/JL-10-01",
           ("日期", "旧机", "回收方式", "折价（元）", "去向"),
           (("2025-12-06", "定频分体空调 1.5匹", "以旧换新上门回收", "150", "交售福建绿环再生资源科技有限公司"),
            ("2026-04-11", "双门冰箱 210升", "网点门店收旧", "120", "交售福建绿环再生资源科技有限公司"),
            ("2026-09-05", "波轮洗衣机 7公斤", "社区定点回收活动", "80", "交售福建绿环再生资源科技有限公司")),
           "S054", "S050", "2026年9月30日"),
)

AUTO4S = (
    Record("document_issue_log.pdf", "文件发放回收记录（摘录）", "HR/JL-02-02",
           ("日期", "文件", "版本", "发放/回收", "领用部门"),
           (("2026-01-05", "售后服务手册 HR/SC-01", "A/0", "发放 6 份", "售后服务部、客户关系部、技术质检部等"),
            ("2026-06-20", "售后服务手册 HR/SC-01", "A/1", "发放 6 份，回收 A/0 版 6 份", "同上"),
            ("2026-07-08", "适用法律法规及标准清单", "2026年7月版", "发放 4 份", "售后服务部、技术质检部")),
           "S003", "S002", "2026年9月30日"),
    Record("supervision_spot_checks.pdf", "工单抽查及现场巡检记录（摘录）", "HR/JL-03-02",
           ("日期", "方式", "抽查内容", "发现问题", "处理"),
           (("2026-03-18", "电话抽查", "2月完工工单 32 单", "1 单未告知工时费", "服务顾问再培训"),
            ("2026-06-22", "现场巡检", "维修车间 5S、竣工检验记录", "无", "—"),
            ("2026-09-15", "暗访", "接待流程、报价确认", "报价单未请顾客签字 1 次", "当月考核扣分")),
           "S054", "S053", "2026年9月30日"),
    Record("technical_support_log.pdf", "技术支持记录（摘录）", "HR/JL-08-07",
           ("日期", "车型", "故障现象", "支持方式", "结果"),
           (("2026-02-11", "银河L7", "动力电池 SOC 跳变", "厂家远程诊断", "更新 BMS 软件后恢复"),
            ("2026-05-26", "星越L", "低速异响", "技术内训师到工位指导", "更换前悬下摆臂衬套"),
            ("2026-08-19", "博越L", "空调间歇不制冷", "厂家技术通报", "按通报更换膨胀阀")),
           "S066", "S063", "2026年9月30日"),
    Record("warranty_assessments.pdf", "三包技术鉴定单（摘录）", "HR/JL-10-02",
           ("日期", "车型", "故障", "鉴定结论", "处理"),
           (("2026-03-09", "帝豪（售出45日）", "变速箱换挡冲击", "阀体性能故障", "三包维修，提供备用车"),
            ("2026-08-11", "银河L7（三包期内）", "驱动电机控制器故障", "主要零件质量问题", "三包更换控制器，补偿交通费用")),
           "S064", "S063", "2026年9月30日"),
)


def _load(folder: Path, name: str) -> dict:
    import yaml

    with (folder / f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def make(folder: Path, records: tuple[Record, ...]) -> None:
    art.OUT = folder / "attachments"
    company = _load(folder, "company")
    staff = {s["id"]: s for s in _load(folder, "personnel")["staff"]}
    for record in records:
        write_record(company, staff, record)
        print(f"{(art.OUT / record.file).relative_to(ROOT)}  {(art.OUT / record.file).stat().st_size / 1024:.0f} KB")


def main() -> int:
    make(ROOT / "company_data" / "example", EXAMPLE)
    make(ROOT / "company_data" / "auto4s", AUTO4S)
    return 0


if __name__ == "__main__":
    sys.exit(main())
