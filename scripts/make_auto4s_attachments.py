#!/usr/bin/env python3
"""Generate the scans and photos of the second sample company (company_data/auto4s/attachments/).

    .venv/bin/python scripts/make_auto4s_attachments.py

The 4S dealer's counterpart of scripts/make_sample_attachments.py, whose drawing helpers it reuses (seal,
fonts, scan and photo finish, the licence and certificate layouts, WeasyPrint PDFs). Every file is a
*sample*: the company, its partner, the authorities and all numbers are fictional and each page says
so; names, numbers and dates are read from the company's own YAML files. The output is deterministic.
"""

from __future__ import annotations

import sys
from datetime import date
from html import escape
from pathlib import Path

from PIL import Image, ImageDraw

import scripts.make_sample_attachments as art
from scripts.make_sample_attachments import (INK, RED, SAMPLE_NOTE, SANS, SANS_BOLD, SERIF, SERIF_BOLD, cn_date,
                                             font, html_page, png_data_uri, seal, wrap)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "company_data" / "auto4s"
OUT = DATA / "attachments"


def repair_filing(company: dict) -> None:
    """E02 机动车维修经营备案证明 — a JPEG scan of a one-page A4 form."""
    W, H = 1240, 1754
    img = Image.new("RGB", (W, H), (253, 252, 248))
    d = ImageDraw.Draw(img)
    d.text((W / 2, 170), "机动车维修经营备案证明", font=font(SERIF_BOLD, 58), fill=INK, anchor="mm")
    d.text((W / 2, 250), "备案编号：嘉南交维备〔2024〕0317号", font=font(SERIF, 28), fill=INK, anchor="mm")
    rows = [("经营者名称", company["name"]), ("统一社会信用代码", company["uscc"]),
            ("法定代表人", company["legal_representative"]), ("经营地址", company["operating_address"]),
            ("经营类别", "汽车维修"), ("经营项目", "一类汽车整车维修（小型车、新能源汽车）"),
            ("备案日期", "2024年04月08日")]
    top, left, mid, right = 340, 110, 420, W - 110
    label, value = font(SERIF_BOLD, 28), font(SERIF, 28)
    y = top
    for key, text in rows:
        lines = wrap(text, value, right - mid - 40)
        height = 40 * len(lines) + 44
        d.rectangle([left, y, right, y + height], outline=INK, width=2)
        d.line([mid, y, mid, y + height], fill=INK, width=2)
        d.text((left + 24, y + 22), key, font=label, fill=INK)
        for k, line in enumerate(lines):
            d.text((mid + 24, y + 22 + 40 * k), line, font=value, fill=INK)
        y += height
    y += 50
    note = ("经营者已按《机动车维修管理规定》向本机关办理机动车维修经营备案。经营者应当按照备案的经营范围开展维修经营活动，"
            "经营范围、名称、地址等事项发生变化的，应当及时办理备案变更。")
    for line in wrap(note, font(SERIF, 26), right - left):
        d.text((left, y), line, font=font(SERIF, 26), fill=INK)
        y += 44
    d.text((right - 40, 1440), "嘉兴市南湖区交通运输局（样例）", font=font(SERIF, 28), fill=INK, anchor="rm")
    d.text((right - 40, 1490), "2024年04月08日", font=font(SERIF, 28), fill=INK, anchor="rm")
    stamp = seal(260, "示例备案机关印章非真实", "样　例", seed=71)
    img.paste(stamp, (right - 330, 1330), stamp)
    d.text((W / 2, H - 90), SAMPLE_NOTE, font=font(SANS, 22), fill=RED, anchor="mm")
    art.save_jpeg(art.scanned(img, seed=171, angle=-0.3), "repair_filing.jpg", quality=72)


def dealer_honour(company: dict) -> None:
    """E04 the brand's 2025 优秀经销商 certificate — PNG."""
    W, H = 1485, 1050
    img = Image.new("RGB", (W, H), (255, 252, 240))
    d = ImageDraw.Draw(img)
    gold = (176, 132, 52)
    d.rectangle([28, 28, W - 29, H - 29], outline=gold, width=10)
    d.rectangle([56, 56, W - 57, H - 57], outline=gold, width=3)
    d.text((W / 2, 210), "荣 誉 证 书", font=font(SERIF_BOLD, 96), fill=(150, 30, 30), anchor="mm")
    d.text((W / 2, 380), company["name"], font=font(SERIF_BOLD, 46), fill=INK, anchor="mm")
    for k, line in enumerate(("在2025年度售后服务满意度考核和服务质量评比中成绩突出，",
                              "被评为“2025年度售后服务优秀经销商”。", "特发此证，以资鼓励。")):
        d.text((W / 2, 490 + 70 * k), line, font=font(SERIF, 36), fill=INK, anchor="mm")
    d.text((W - 300, 820), "品牌厂家华东区域售后服务中心（样例）", font=font(SERIF, 30), fill=INK, anchor="mm")
    d.text((W - 300, 875), "2026年01月16日", font=font(SERIF, 30), fill=INK, anchor="mm")
    stamp = seal(230, "示例颁发单位印章非真实", "样　例", seed=73)
    img.paste(stamp, (W - 420, 700), stamp)
    d.text((W / 2, H - 90), SAMPLE_NOTE, font=font(SANS, 22), fill=RED, anchor="mm")
    art.save_png(img.quantize(colors=64), "dealer_honour.png")


def photo_workshop() -> None:
    """E06 the main store's workshop with its new-energy bays — JPEG."""
    W, H = 1400, 933
    img = Image.new("RGB", (W, H), (222, 224, 226))
    d = ImageDraw.Draw(img)
    horizon, vx = 430, 700
    d.rectangle([0, 0, W, horizon], fill=(214, 218, 222))
    for x in range(60, W, 220):
        d.rectangle([x, 24, x + 140, 40], fill=(252, 252, 246))
    d.polygon([(0, horizon), (W, horizon), (W, H), (0, H)], fill=(160, 168, 172))
    for off in (-1, 1):
        d.line([(vx + off * 40, horizon), (vx + off * 320, H)], fill=(214, 184, 60), width=12)
    for side in (-1, 1):
        for k, t in enumerate((0.0, 0.28, 0.46, 0.58)):
            x = vx + side * (600 - 560 * t)
            y = H - 120 - (H - 120 - horizon) * t
            w, h = 260 * (1 - t), 190 * (1 - t)
            d.rectangle([x - w / 2, y - h, x + w / 2, y], outline=(40, 80, 150), width=max(2, int(8 * (1 - t))))
            d.rectangle([x - w / 2 + 6, y - 0.45 * h, x + w / 2 - 6, y - 0.2 * h], fill=(70, 72, 78))
            green = side > 0 and k < 2
            d.rectangle([x - w / 2, y - h - 34 * (1 - t), x + w / 2, y - h], fill=(22, 140, 90) if green else (22, 86, 160))
            d.text((x, y - h - 17 * (1 - t)), ("新能源专修工位" if green else f"机电工位 {k + 1 + (0 if side < 0 else 4):02d}"),
                   font=font(SANS_BOLD, max(12, int(22 * (1 - t)))), fill="white", anchor="mm")
    d.rectangle([vx - 230, 70, vx + 230, 130], fill=(22, 86, 160))
    d.text((vx, 100), "禾润汽车　机电维修车间", font=font(SANS_BOLD, 32), fill="white", anchor="mm")
    d.text((W - 20, H - 20), SAMPLE_NOTE, font=font(SANS, 18), fill=(255, 255, 255), anchor="rd")
    art.save_jpeg(art._photo_finish(img, seed=606), "photo_workshop.jpg", quality=76)


def photo_reception(company: dict, system: dict) -> None:
    """E08 the after-sales reception with its commitment and price boards — JPEG."""
    W, H = 1400, 933
    img = Image.new("RGB", (W, H), (236, 234, 228))
    d = ImageDraw.Draw(img)
    horizon = 560
    d.rectangle([0, 0, W, 90], fill=(246, 246, 243))
    d.polygon([(0, horizon), (W, horizon), (W, H), (0, H)], fill=(196, 198, 200))
    for k in range(-12, 13):
        d.line([(W / 2 + k * 40, horizon), (W / 2 + k * 260, H)], fill=(176, 178, 182), width=2)
    d.rectangle([330, 120, 1070, 240], fill=(22, 86, 160))
    d.text((700, 165), "售后服务接待区", font=font(SANS_BOLD, 56), fill="white", anchor="mm")
    d.text((700, 218), "24小时服务及救援热线 " + company.get("hotline", ""), font=font(SANS, 26), fill="white", anchor="mm")
    d.rectangle([380, 420, 1020, 600], fill=(240, 240, 236), outline=(120, 120, 120), width=3)
    d.rectangle([380, 420, 1020, 450], fill=(22, 86, 160))
    for x, desk in zip((470, 630, 790, 950), ("预约接待", "维修接待", "保修索赔", "结算交车")):
        d.text((x, 520), desk, font=font(SANS, 22), fill=(40, 40, 40), anchor="mm")
    art.commitment_board(d, (40, 150, 300, 540), system["culture"]["commitment"], clauses=6, gap=6)
    art.board(d, (1100, 150, 1360, 500), "收费标准公示", (22, 86, 160), 24)
    prices = (("机电工时单价", "120元/工时"), ("钣喷工时单价", "150元/工时"), ("小保养套餐", "398元起"),
              ("四轮定位", "200元"), ("监督电话", "82296830"))
    for i, (item, price) in enumerate(prices):
        d.text((1115, 225 + 52 * i), item, font=font(SANS, 19), fill=(40, 40, 40))
        d.text((1345, 225 + 52 * i), price, font=font(SANS, 19), fill=(40, 40, 40), anchor="ra")
    d.text((W - 20, H - 20), SAMPLE_NOTE, font=font(SANS, 18), fill=(255, 255, 255), anchor="rd")
    art.save_jpeg(art._photo_finish(img, seed=707), "photo_reception.jpg", quality=76)


def rescue_agreement(company: dict, outlet: dict) -> None:
    """E05 the road-rescue agreement with the entrusted partner — PDF."""
    partner = outlet["partner"]
    signed = date(2024, 12, 20)
    ours = png_data_uri(seal(240, company["name"], "合同专用章", seed=81))
    theirs = png_data_uri(seal(240, partner["name"], "合同专用章", seed=82))
    clauses = [
        ("第一条　合作内容", f"甲方委托乙方在{outlet['coverage']}范围内，为甲方售出和维修的车辆提供"
         f"{'、'.join(outlet.get('services') or [])}服务，由甲方24小时服务及救援热线统一派单。"),
        ("第二条　到达时限", "乙方接单后5分钟内联系车主，市区60分钟内、所辖县市90分钟内到达现场；不能按时到达的，"
         "应立即报告甲方值班人员并告知车主预计到达时间。"),
        ("第三条　车辆与人员", f"乙方配备清障车辆和服务人员不少于{outlet.get('partner_staff', 0)}名，"
         "车辆证照和道路运输经营许可保持有效，救援人员持有效机动车驾驶证并经甲方培训；新能源车辆须使用平板拖车拖运。"),
        ("第四条　收费", "包修期内因质量问题发生的救援费用由甲方承担；其他救援按甲方公示的收费标准收费，乙方不得另行加价。"),
        ("第五条　监督与考核", "甲方客户关系部每季度抽查救援调度记录中的到达时间，现场检查车辆、设备和人员资质，"
         "并通过车主回访监督服务质量；有效投诉按考核细则扣减当月服务费。"),
        ("第六条　信息保护", "乙方对获悉的车主个人信息和车辆信息负有保密义务，不得用于本协议以外的用途。"),
        ("第七条　合作期限", f"本协议有效期自{cn_date(partner['agreement_from'])}起至{cn_date(partner['agreement_until'])}止。"),
        ("第八条　协议的终止", "乙方连续两个季度考核不合格、发生重大投诉且拒不整改或证照失效的，甲方有权提前终止本协议。"),
    ]
    body = ["<h1>道路救援服务协议</h1><div class='sub'>协议编号：HR-JY-2024-01</div>",
            "<table>",
            f"<tr><th style='width:14%'>甲　方</th><td>{escape(company['name'])}<br>统一社会信用代码：{escape(company['uscc'])}"
            f"<br>地址：{escape(company['registered_address'])}</td></tr>",
            f"<tr><th>乙　方</th><td>{escape(partner['name'])}<br>统一社会信用代码：{escape(partner['uscc'])}"
            f"<br>地址：{escape(outlet['address'])}<br>负责人：{escape(outlet.get('manager_name', ''))}</td></tr>",
            "</table>",
            "<p style='margin-top:4mm'>为向车主提供及时可靠的24小时道路救援，甲乙双方经协商，就乙方承担甲方委托的道路救援服务达成如下协议：</p>"]
    body += [f"<h2>{escape(head)}</h2><p>{escape(text)}</p>" for head, text in clauses]
    body.append(
        "<table class='sign' style='margin-top:10mm'><tr>"
        f"<td>甲方（盖章）：{escape(company['name'])}<br>授权代表：<span class='ink'>{escape(company['legal_representative'])}</span>"
        f"<br>日期：{cn_date(signed)}<img class='seal' src='{ours}' alt=''></td>"
        f"<td>乙方（盖章）：{escape(partner['name'])}<br>授权代表：<span class='ink'>{escape(outlet.get('manager_name', ''))}</span>"
        f"<br>日期：{cn_date(signed)}<img class='seal' src='{theirs}' alt=''></td></tr></table>")
    art.write_pdf(html_page("道路救援服务协议", "".join(body)), "rescue_agreement.pdf")


def courtesy_car_compensation(company: dict) -> None:
    """E07 the correction of finding NC-01: the customer's confirmation of the compensation — PDF."""
    body = (
        "<h1>交通费用补偿确认单</h1><div class='sub'>记录编号：HR/JL-08-05-2026-03　　（整改项 NC-01）</div>"
        "<table><tr><th style='width:20%'>车　　型</th><td>银河L7</td><th style='width:18%'>车架号后六位</th><td>3K0629</td></tr>"
        "<tr><th>维修项目</th><td colspan='3'>驱动电机控制器更换（三包维修）</td></tr>"
        "<tr><th>在店修理时间</th><td colspan='3'>2026年08月11日至2026年08月17日，共6日</td></tr>"
        "<tr><th>补偿方式</th><td colspan='3'>交通费用补偿人民币陆佰元整（¥600.00），2026年11月20日转账支付</td></tr></table>"
        "<p style='margin-top:5mm'>本人已收到上述交通费用补偿，对处理结果无异议。</p>"
        "<p style='text-align:right'>车主签字：<span class='ink'>（已签字，扫描件略）</span>　　日期：2026年11月20日</p>"
        "<h2>纠正措施实施记录</h2>"
        "<p>1. 《三包、召回及质量保证程序》修订为 A/1 版（HR/CX-08），2026年11月26日发布：备用车不足时当日给予交通费用补偿。</p>"
        "<p>2. DMS 已设置三包维修第4日提醒，2026年11月25日上线。</p>"
        "<p>3. 2026年11月26日对服务顾问、保修索赔员进行专项培训，参训8人。</p>"
        f"<p style='text-align:right;margin-top:6mm'>{escape(company['short_name'])}技术质检部　记录人：<span class='ink'>马建国</span>"
        "　　验证：<span class='ink'>周永康</span>（客户关系部）</p>")
    art.write_pdf(html_page("交通费用补偿确认单", body), "courtesy_car_compensation.pdf")


def load(name: str):
    import yaml

    with (DATA / f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def main() -> int:
    for path in (SANS, SANS_BOLD, SERIF, SERIF_BOLD):
        if not path.exists():
            print(f"缺少字体 {path}：请安装 fonts-noto-cjk（scripts/install-system-deps.sh）。", file=sys.stderr)
            return 1
    art.OUT = OUT                      # the shared helpers save into the module's OUT
    OUT.mkdir(parents=True, exist_ok=True)
    company = load("company")
    staff = load("personnel")["staff"]
    outlets = {o["id"]: o for o in load("outlets")["outlets"]}
    art.business_licence(company)
    repair_filing(company)
    art.manager_certificates(staff, company)
    dealer_honour(company)
    rescue_agreement(company, outlets["O03"])
    photo_workshop()
    photo_reception(company, load("service_system"))
    courtesy_car_compensation(company)
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
