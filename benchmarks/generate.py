"""Synthetic but valid companies for the benchmark: the sample company grown to size M or L.

    python benchmarks/generate.py M /tmp/company-m

Everything of the sample is kept (so every reference stays valid) and the large tables grow:
staff, outlets, training sessions and attendance, survey responses, complaints, attachment pages.
The output is deterministic (fixed seed) and validates clean.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import random
import re
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

EXAMPLE = Path(__file__).resolve().parent.parent / "company_data" / "example"


@dataclass(frozen=True)
class Size:
    staff: int
    outlets: int
    sessions: int
    responses: int
    complaints: int
    attachment_pages: int


SIZES = {
    "M": Size(staff=500, outlets=50, sessions=300, responses=5_000, complaints=1_000, attachment_pages=100),
    "L": Size(staff=5_000, outlets=300, sessions=300, responses=50_000, complaints=10_000, attachment_pages=1_000),
}

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢傅钟"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏建国辉斌峰晨宇欣怡浩然子涵梓萱俊杰志强海燕"
CITIES = [("福州", "0591"), ("厦门", "0592"), ("泉州", "0595"), ("莆田", "0594"), ("漳州", "0596"),
          ("宁德", "0593"), ("三明", "0598"), ("南平", "0599"), ("龙岩", "0597")]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _mobile(rng: random.Random) -> str:
    return rng.choice(["138", "139", "150", "158", "186", "189"]) + f"{rng.randrange(10**8):08d}"


def _load(path: Path):
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")


def _grow_outlets(root: Path, size: Size, rng: random.Random) -> list[str]:
    data = _load(root / "outlets.yaml")
    outlets = data["outlets"]
    first = len(outlets)
    for n in range(len(outlets) + 1, size.outlets + 1):
        city, area = CITIES[n % len(CITIES)]
        outlets.append({"id": f"O{n:03d}", "name": f"{city}第{n}服务站", "kind": "自建", "region": f"福建省{city}市",
                        "address": f"福建省{city}市服务路{n}号", "phone": f"{area}-{rng.randrange(2, 9)}{rng.randrange(10**6):06d}",
                        "opened": date(2020, 1, 1) + timedelta(days=n), "coverage": f"{city}市区",
                        "services": ["维修保养", "配送安装"], "area_m2": 80 + n % 100})
    _dump(root / "outlets.yaml", data)
    _inspect(root / data["inspections"], [o["id"] for o in outlets[first:]])
    return [o["id"] for o in outlets if o["kind"] == "自建"]


#: a day of each quarter of the sample's reporting window, when the new outlets are inspected as the sample's are
INSPECTION_DAYS = (date(2025, 11, 14), date(2026, 2, 13), date(2026, 5, 15), date(2026, 8, 14))


def _inspect(path: Path, outlets: list[str]) -> None:
    """The quarterly 巡检 of each new own outlet, after the sample's records (the sample's inspector)."""
    with path.open("a", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        for outlet in outlets:
            for day in INSPECTION_DAYS:
                writer.writerow([day.isoformat(), outlet, "巡检", "S056", 90, "未发现问题"])


def _grow_staff(root: Path, size: Size, rng: random.Random, outlets: list[str]) -> list[str]:
    data = _load(root / "personnel.yaml")
    staff = data["staff"]
    departments = sorted({s["department"] for s in staff})
    technicians = 0
    for n in range(len(staff) + 1, size.staff + 1):
        category = rng.choices(["服务管理", "服务技术", "客户服务", "职能支持"], [12, 60, 18, 10])[0]
        person = {"id": f"S{n:05d}", "name": _name(rng), "gender": rng.choice("男女"),
                  "department": rng.choice(departments), "position": {"服务管理": "主管", "服务技术": "维修技师",
                                                                       "客户服务": "客服专员", "职能支持": "专员"}[category],
                  "category": category, "hired": date(2018, 1, 1) + timedelta(days=rng.randrange(2500)),
                  "education": rng.choice(["大专", "本科", "中专"]), "mobile": _mobile(rng)}
        if category == "服务技术":   # round robin, so that every outlet has staff
            person["outlet"] = outlets[technicians % len(outlets)]
            technicians += 1
        staff.append(person)
    managers = [s for s in staff if s["category"] == "服务管理"]
    holders = [s for s in managers if any(q["kind"] == "售后服务管理师" for q in s.get("qualifications", []))]
    for s in managers[: max(0, math.ceil(0.12 * len(managers)) - len(holders))]:
        s.setdefault("qualifications", []).append({"kind": "售后服务管理师", "number": f"SHGLS-{s['id']}",
                                                   "issuer": "中国商业联合会", "issued": date(2025, 6, 27),
                                                   "valid_until": date(2028, 6, 26)})
    _dump(root / "personnel.yaml", data)
    company = (root / "company.yaml").read_text(encoding="utf-8")
    counts = {"total": len(staff), "after_sales": sum(s["category"] != "职能支持" for s in staff),
              "service_management": len(managers)}
    for key, value in counts.items():
        company = re.sub(rf"(\n  {key}: )\d+", rf"\g<1>{value}", company)
    (root / "company.yaml").write_text(company, encoding="utf-8")
    return [s["id"] for s in staff]


def _grow_training(root: Path, size: Size, rng: random.Random, staff: list[str]) -> None:
    data = _load(root / "training.yaml")
    sessions = data["sessions"]
    existing = len(sessions)
    start = date(2025, 11, 1)
    for n in range(len(sessions) + 1, size.sessions + 1):
        kind = rng.choice(["技术业务", "技术业务", "安全", "服务文化", "法律法规"])
        sessions.append({"id": f"TX{n:04d}", "date": start + timedelta(days=rng.randrange(330)),
                         "topic": f"{kind}专题培训第{n}期", "kind": kind, "trainer": _name(rng),
                         "hours": rng.choice([1, 2, 3, 4]), "location": "总部培训室", "method": "集中授课",
                         "assessment": "笔试"})
    _dump(root / "training.yaml", data)
    path = root / "training" / "attendance.csv"
    with path.open("a", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        for session in sessions[existing:]:
            for person in rng.sample(staff, rng.randrange(10, 41)):
                writer.writerow([session["id"], person, rng.randrange(55, 100)])


def _grow_surveys(root: Path, size: Size, rng: random.Random, outlets: list[str]) -> None:
    data = _load(root / "satisfaction.yaml")
    items = [item["id"] for item in data["items"]]
    per_survey = size.responses // len(data["surveys"])
    for survey in data["surveys"]:
        days = (survey["end"] - survey["start"]).days
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["no", "date", "customer", "phone", "outlet", "product"] + items + ["comment"])
        for n in range(1, per_survey + 1):
            scores = [rng.choices([5, 4, 3, 2], [70, 24, 5, 1])[0] for _ in items]
            writer.writerow([f"{survey['id']}-{n:05d}", survey["start"] + timedelta(days=rng.randrange(days + 1)),
                             _name(rng), _mobile(rng), rng.choice(outlets), rng.choice(["空调", "冰箱", "洗衣机"])]
                            + scores + [""])
        (root / survey["responses"]).write_text(buffer.getvalue(), encoding="utf-8")
        survey["issued"] = survey["returned"] = per_survey
    _dump(root / "satisfaction.yaml", data)


def _grow_complaints(root: Path, size: Size, rng: random.Random, outlets: list[str], staff: list[str]) -> None:
    path = root / "complaints" / "complaints.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    fields = list(rows[0])
    start = date(2025, 10, 1)
    for n in range(len(rows) + 1, size.complaints + 1):
        received = f"{start + timedelta(days=rng.randrange(390))} {rng.randrange(8, 18):02d}:{rng.randrange(60):02d}"
        day, clock = received.split()
        hour, minute = (int(x) for x in clock.split(":"))
        responded = f"{day} {hour:02d}:{min(59, minute + rng.randrange(5, 50)):02d}"
        resolved_day = date.fromisoformat(day) + timedelta(days=rng.randrange(0, 3))
        resolved = f"{resolved_day} 18:{rng.randrange(60):02d}"
        visit = resolved_day + timedelta(days=rng.randrange(1, 3))
        rows.append({"id": f"TX{n:06d}", "received": received, "channel": rng.choice(["电话", "服务热线", "微信"]),
                     "customer": _name(rng), "phone": _mobile(rng), "product": rng.choice(["空调", "冰箱", "洗衣机"]),
                     "outlet": rng.choice(outlets), "category": rng.choice(["维修质量", "服务态度", "响应时效", "收费"]),
                     "severity": "一般", "issue": "顾客反映上门维修后仍有问题", "responded": responded,
                     "resolved": resolved, "handler": rng.choice(staff), "outcome": "已重新上门处理",
                     "visit_date": visit.isoformat(), "visit_method": "电话", "visit_result": "满意"})
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def _grow_attachments(root: Path, size: Size) -> None:
    from pypdf import PdfReader, PdfWriter

    source = PdfReader(root / "attachments" / "agreement_ningde.pdf")
    data = _load(root / "evidence.yaml")
    existing = sum(len(PdfReader(root / a["file"]).pages) if a["file"].endswith(".pdf") else 1
                   for a in data["attachments"])
    remaining, number = size.attachment_pages - existing, 0
    while remaining > 0:
        number += 1
        writer = PdfWriter()
        for _ in range(min(50, remaining)):
            writer.add_page(source.pages[len(writer.pages) % len(source.pages)])
        remaining -= len(writer.pages)
        name = f"attachments/records_{number:03d}.pdf"
        with (root / name).open("wb") as fh:
            writer.write(fh)
        data["attachments"].append({"id": f"R{number:03d}", "file": name, "title": f"服务记录汇编（第{number}册）",
                                    "kind": "记录", "indicators": ["5.2.4"], "watermark": False})
    _dump(root / "evidence.yaml", data)


def generate(size_name: str, target: Path) -> Path:
    target = Path(target)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(EXAMPLE, target)
    if size_name == "S":
        return target
    size, rng = SIZES[size_name], random.Random(27922)
    outlets = _grow_outlets(target, size, rng)
    staff = _grow_staff(target, size, rng, outlets)
    _grow_training(target, size, rng, staff)
    _grow_surveys(target, size, rng, outlets)
    _grow_complaints(target, size, rng, outlets, staff)
    _grow_attachments(target, size)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=["S", *SIZES])
    parser.add_argument("target", type=Path)
    args = parser.parse_args()
    print(generate(args.size, args.target))


if __name__ == "__main__":
    main()
