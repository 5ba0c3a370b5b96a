#!/usr/bin/env python3
"""Generate the scans and photos of the sample company (company_data/example/attachments/).

    .venv/bin/python scripts/make_sample_attachments.py

Every file is a *sample*: the company, its partners, the certification body and all numbers are
fictional, every seal reads as a sample seal, and each page says so. The names, numbers and dates
are read from the sample's own YAML files, so the pictures agree with the data.

The output is deterministic (same bytes on every run with the same Pillow, WeasyPrint and fonts):
random noise comes from seeded generators, JPEG/PNG files carry no timestamps, and the PDFs get a
fixed identifier and no dates.

Images are drawn with Pillow; the PDFs are HTML rendered by WeasyPrint. Both use the Simplified
Chinese face of the Noto CJK fonts (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import base64
import io
import math
import random
import sys
from datetime import date, timedelta
from html import escape
from pathlib import Path

import yaml
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "company_data" / "example"
OUT = DATA / "attachments"

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
SANS = FONT_DIR / "NotoSansCJK-Regular.ttc"
SANS_BOLD = FONT_DIR / "NotoSansCJK-Bold.ttc"
SERIF = FONT_DIR / "NotoSerifCJK-Regular.ttc"
SERIF_BOLD = FONT_DIR / "NotoSerifCJK-Bold.ttc"
SC_FACE = 2  # index of the Simplified Chinese face in the Noto CJK collections (fc-list :lang=zh-cn file index family)

RED = (200, 32, 36)
INK = (34, 34, 40)
SAMPLE_NOTE = "样例材料：企业及证照信息均为虚构，仅供演示"


# --------------------------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------------------------

def load(name: str):
    with (DATA / f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def cn_date(value) -> str:
    d = value if isinstance(value, date) else date.fromisoformat(str(value))
    return f"{d.year}年{d.month:02d}月{d.day:02d}日"


# --------------------------------------------------------------------------------------------
# drawing helpers
# --------------------------------------------------------------------------------------------

_FONTS: dict = {}


def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    key = (path, size)
    if key not in _FONTS:
        _FONTS[key] = ImageFont.truetype(str(path), size, index=SC_FACE)
    return _FONTS[key]


def wrap(text: str, fnt: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Break Chinese text into lines no wider than ``width`` (character by character)."""
    lines, line = [], ""
    for ch in text:
        if fnt.getlength(line + ch) > width and line:
            if ch in "，。；、：）》”":      # keep closing punctuation on the line it closes
                lines.append(line + ch)
                line = ""
                continue
            lines.append(line)
            line = ch
        else:
            line += ch
    if line:
        lines.append(line)
    return lines


def spaced(text: str, n: int = 1) -> str:
    return (" " * n).join(text)


def star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, fill) -> None:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = math.radians(-90 + 36 * i)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=fill)


def seal(size: int, ring: str, bottom: str = "", seed: int = 1, color=RED) -> Image.Image:
    """A round red seal (RGBA): ring text along the top, a star, a line of text below it.

    A little seeded speckle in the ink makes it look stamped rather than drawn."""
    s = size
    layer = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    w = max(3, s // 36)
    d.ellipse([w, w, s - w, s - w], outline=color + (255,), width=w)
    star(d, s / 2, s / 2, s * 0.16, color + (255,))
    fs = max(10, int(s * 0.115))
    fnt = font(SANS_BOLD, fs)
    n = len(ring)
    span = min(250.0, 21.5 * n)
    radius = s / 2 - w * 1.8 - fs * 0.62
    for i, ch in enumerate(ring):
        angle = -span / 2 + span * (i + 0.5) / n          # degrees clockwise from 12 o'clock
        tile = Image.new("RGBA", (int(fs * 1.5), int(fs * 1.5)), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((tile.width / 2, tile.height / 2), ch, font=fnt, fill=color + (255,), anchor="mm")
        tile = tile.rotate(-angle, resample=Image.BICUBIC)
        x = s / 2 + radius * math.sin(math.radians(angle))
        y = s / 2 - radius * math.cos(math.radians(angle))
        layer.alpha_composite(tile, (int(x - tile.width / 2), int(y - tile.height / 2)))
    if bottom:
        bf = font(SANS_BOLD, max(9, int(s * 0.085)))
        d.text((s / 2, s * 0.74), bottom, font=bf, fill=color + (255,), anchor="mm")
    # ink speckle: drop the alpha of a few random pixels, then soften the edges
    rng = random.Random(seed)
    speckle = Image.frombytes("L", (s // 3, s // 3), rng.randbytes((s // 3) * (s // 3)))
    speckle = speckle.point(lambda v: 120 if v < 38 else 255).resize((s, s), Image.BILINEAR)
    alpha = ImageChops.multiply(layer.getchannel("A"), speckle)
    layer.putalpha(alpha.point(lambda v: int(v * 0.88)))
    return layer.filter(ImageFilter.GaussianBlur(0.6))


def qr_like(size: int, seed: int) -> Image.Image:
    """A block that looks like a QR code (finder patterns + seeded modules); it encodes nothing."""
    n = 29
    cell = size // n
    img = Image.new("RGB", (cell * n, cell * n), "white")
    d = ImageDraw.Draw(img)
    rng = random.Random(seed)
    for y in range(n):
        for x in range(n):
            if rng.random() < 0.48:
                d.rectangle([x * cell, y * cell, (x + 1) * cell - 1, (y + 1) * cell - 1], fill="black")
    for fx, fy in ((0, 0), (n - 7, 0), (0, n - 7)):
        d.rectangle([fx * cell - cell, fy * cell - cell, (fx + 8) * cell, (fy + 8) * cell], fill="white")
        d.rectangle([fx * cell, fy * cell, (fx + 7) * cell - 1, (fy + 7) * cell - 1], fill="black")
        d.rectangle([(fx + 1) * cell, (fy + 1) * cell, (fx + 6) * cell - 1, (fy + 6) * cell - 1], fill="white")
        d.rectangle([(fx + 2) * cell, (fy + 2) * cell, (fx + 5) * cell - 1, (fy + 5) * cell - 1], fill="black")
    return img


def grain(img: Image.Image, seed: int, amount: int, scale: int = 2) -> Image.Image:
    """Add seeded, slightly blotchy noise of ±amount grey levels (a scanner's or camera's grain)."""
    rng = random.Random(seed)
    w, h = (img.width + scale - 1) // scale, (img.height + scale - 1) // scale
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    noise = noise.point(lambda v: 128 - amount + (v * (2 * amount + 1)) // 256)
    noise = noise.resize(img.size, Image.BILINEAR).convert("RGB")
    return ImageChops.add(img.convert("RGB"), noise, scale=1.0, offset=-128)


def scanned(img: Image.Image, seed: int, angle: float) -> Image.Image:
    """Make a clean drawing look like a flatbed scan: a slight skew, soft focus, paper grain."""
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(250, 250, 247))
    img = img.filter(ImageFilter.GaussianBlur(0.55))
    return grain(img, seed, 6)


def save_jpeg(img: Image.Image, name: str, quality: int = 80) -> None:
    img.convert("RGB").save(OUT / name, "JPEG", quality=quality, optimize=True, subsampling=2)


def save_png(img: Image.Image, name: str) -> None:
    img.save(OUT / name, "PNG", optimize=True)


def png_data_uri(img: Image.Image) -> str:
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


# --------------------------------------------------------------------------------------------
# E01 营业执照（副本）— JPEG scan
# --------------------------------------------------------------------------------------------

def business_licence(company: dict) -> None:
    W, H = 1654, 1169
    paper = (252, 250, 243)
    img = Image.new("RGB", (W, H), paper)
    d = ImageDraw.Draw(img)
    # decorative frame: an outer band of fine lines and an inner rule
    frame = (196, 150, 92)
    for i in range(0, 26, 3):
        d.rectangle([28 + i, 28 + i, W - 29 - i, H - 29 - i], outline=frame if i % 6 == 0 else (224, 196, 150), width=1)
    d.rectangle([66, 66, W - 67, H - 67], outline=frame, width=3)
    for cx, cy in ((66, 66), (W - 67, 66), (66, H - 67), (W - 67, H - 67)):
        d.ellipse([cx - 14, cy - 14, cx + 14, cy + 14], outline=frame, width=3)

    d.text((W / 2, 205), spaced("营业执照", 2), font=font(SERIF_BOLD, 108), fill=(30, 30, 30), anchor="mm")
    d.text((W / 2, 300), "（副　本）", font=font(SERIF, 40), fill=(30, 30, 30), anchor="mm")

    label = font(SERIF_BOLD, 27)
    value = font(SERIF, 27)
    d.text((140, 130), "统一社会信用代码", font=font(SERIF, 24), fill=INK)
    d.text((140, 166), company["uscc"], font=font(SANS, 30), fill=INK)
    issued = company["business_licence"]["issued"]
    d.text((140, 214), f"证照编号：{company['uscc'][2:8]}{issued:%Y%m%d}00018", font=font(SERIF, 20), fill=INK)

    qr = qr_like(150, seed=2301)
    img.paste(qr, (W - 140 - qr.width, 116))
    for k, line in enumerate(("扫描二维码登录", "“国家企业信用", "信息公示系统”", "了解更多登记、", "备案、许可、监", "管信息。")):
        d.text((W - 140 - qr.width - 160, 118 + k * 24), line, font=font(SERIF, 17), fill=INK)

    licence = company["business_licence"]
    valid = "长期" if str(licence.get("valid_until")) in ("长期", "None") else cn_date(licence["valid_until"])
    established = cn_date(company["established"])
    left = [("名　　　　称", company["name"]), ("类　　　　型", company.get("ownership", "")),
            ("法 定 代 表 人", company["legal_representative"])]
    right = [("注 册 资 本", company.get("registered_capital", "")), ("成 立 日 期", established),
             ("营 业 期 限", f"{established}至{valid}"), ("住　　　　所", company["registered_address"])]
    y = 380
    for key, text in left:
        d.text((140, y), key, font=label, fill=INK)
        for j, line in enumerate(wrap(text, value, 500)):
            d.text((330, y + j * 40), line, font=value, fill=INK)
        y += 40 * max(1, len(wrap(text, value, 500))) + 22
    d.text((140, y), "经 营 范 围", font=label, fill=INK)
    for j, line in enumerate(wrap(company["business_scope"], value, 500)[:9]):
        d.text((330, y + j * 40), line, font=value, fill=INK)
    y = 380
    for key, text in right:
        d.text((880, y), key, font=label, fill=INK)
        for j, line in enumerate(wrap(text, value, 500)):
            d.text((1050, y + j * 40), line, font=value, fill=INK)
        y += 40 * max(1, len(wrap(text, value, 500))) + 22

    d.text((1080, 900), "登 记 机 关", font=label, fill=INK)
    d.text((1340, 1000), cn_date(licence["issued"]), font=value, fill=INK, anchor="mm")
    stamp = seal(230, "示例登记机关印章非真实", "样　例", seed=11)
    img.paste(stamp, (1230, 840), stamp)
    d.text((140, 1036), "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", font=font(SERIF, 19), fill=INK)
    d.text((W / 2, 1078), "国家市场监督管理总局监制", font=font(SERIF, 19), fill=INK, anchor="mm")
    d.text((140, 1000), SAMPLE_NOTE, font=font(SANS, 19), fill=RED)

    save_jpeg(scanned(img, seed=101, angle=0.35), "business_licence.jpg")


# --------------------------------------------------------------------------------------------
# E02 ISO 9001 certificate — PNG
# --------------------------------------------------------------------------------------------

def iso_certificate(company: dict) -> None:
    cert = company["application"]["certifications"][0]
    W, H = 1050, 1485
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    blue, light = (28, 70, 140), (190, 208, 232)
    # guilloche-like border: two frames joined by a band of thin ellipses
    d.rectangle([30, 30, W - 31, H - 31], outline=blue, width=4)
    d.rectangle([72, 72, W - 73, H - 73], outline=blue, width=2)
    for i in range(0, W - 100, 14):
        d.ellipse([44 + i, 36, 44 + i + 40, 66], outline=light, width=1)
        d.ellipse([44 + i, H - 67, 44 + i + 40, H - 37], outline=light, width=1)
    for i in range(0, H - 100, 14):
        d.ellipse([36, 44 + i, 66, 44 + i + 40], outline=light, width=1)
        d.ellipse([W - 67, 44 + i, W - 37, 44 + i + 40], outline=light, width=1)

    d.ellipse([W / 2 - 46, 118, W / 2 + 46, 210], outline=blue, width=5)
    d.text((W / 2, 164), "ZH", font=font(SANS_BOLD, 40), fill=blue, anchor="mm")
    d.text((W / 2, 250), cert.get("body", ""), font=font(SERIF_BOLD, 30), fill=blue, anchor="mm")
    d.text((W / 2, 290), "ZHONGTAI HUA'AN CERTIFICATION CO., LTD.", font=font(SANS, 17), fill=blue, anchor="mm")
    d.text((W / 2, 390), "质量管理体系认证证书", font=font(SERIF_BOLD, 54), fill=INK, anchor="mm")
    d.text((W / 2, 450), "QUALITY MANAGEMENT SYSTEM CERTIFICATE", font=font(SANS, 22), fill=INK, anchor="mm")
    d.text((W / 2, 515), f"证书编号：{cert['number']}", font=font(SANS, 24), fill=INK, anchor="mm")

    body = font(SERIF, 25)
    d.text((140, 590), "兹证明", font=body, fill=INK)
    d.text((W / 2, 650), company["name"], font=font(SERIF_BOLD, 36), fill=INK, anchor="mm")
    d.text((W / 2, 700), f"统一社会信用代码：{company['uscc']}", font=font(SERIF, 21), fill=INK, anchor="mm")
    d.text((W / 2, 738), f"注册/经营地址：{company['operating_address']}", font=font(SERIF, 21), fill=INK, anchor="mm")
    y = 800
    for line in wrap("建立的质量管理体系符合标准：GB/T 19001-2016/ISO 9001:2015", body, 780):
        d.text((140, y), line, font=body, fill=INK)
        y += 42
    y += 8
    for line in wrap("认证范围：家用电器的安装、维修服务及零配件销售", body, 780):
        d.text((140, y), line, font=body, fill=INK)
        y += 42
    valid = cert["valid_until"]
    first = date(valid.year - 3, valid.month, valid.day) + timedelta(days=1)
    y += 30
    for line in (f"初次颁证日期：{cn_date(first)}", f"本次颁证日期：{cn_date(first)}", f"证书有效期至：{cn_date(valid)}"):
        d.text((140, y), line, font=font(SERIF, 23), fill=INK)
        y += 40
    y += 20
    for line in wrap("本证书有效期内须通过年度监督审核保持有效。证书信息可在国家认证认可监督管理委员会网站（www.cnca.gov.cn）查询。",
                     font(SERIF, 19), 780):
        d.text((140, y), line, font=font(SERIF, 19), fill=(80, 80, 90))
        y += 32

    stamp = seal(250, cert.get("body", "") + "（样例）", "认证专用章", seed=23)
    img.paste(stamp, (650, 1100), stamp)
    d.text((140, 1250), "总经理：", font=font(SERIF, 23), fill=INK)
    d.line([240, 1275, 420, 1275], fill=INK, width=1)
    d.text((250, 1240), "周  衡", font=font(SERIF, 27), fill=(40, 40, 110))
    d.text((W / 2, H - 110), SAMPLE_NOTE, font=font(SANS, 19), fill=RED, anchor="mm")
    save_png(img.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE), "iso9001_certificate.png")


# --------------------------------------------------------------------------------------------
# photos — JPEG
# --------------------------------------------------------------------------------------------

def board(d: ImageDraw.ImageDraw, box: tuple, title: str, colour, size: int) -> None:
    """A notice board on a photographed wall: its frame and its title band."""
    x0, y0, x1, y1 = box
    d.rectangle([x0, y0, x1, y1], fill=(250, 250, 248), outline=(120, 120, 120), width=3)
    d.rectangle([x0, y0, x1, y0 + 50], fill=colour)
    d.text(((x0 + x1) / 2, y0 + 25), title, font=font(SANS_BOLD, size), fill="white", anchor="mm")


def commitment_board(d: ImageDraw.ImageDraw, box: tuple, commitment: str, clauses: int, gap: int) -> None:
    """The service commitment's first clauses on a board, each in up to three lines."""
    board(d, box, "服务承诺", (190, 30, 40), 28)
    small, y = font(SANS, 15), box[1] + 62
    for clause in commitment.split("；")[:clauses]:
        for line in wrap(clause.rstrip("。"), small, box[2] - box[0] - 20)[:3]:
            d.text((box[0] + 12, y), line, font=small, fill=(50, 50, 50))
            y += 20
        y += gap


def _photo_finish(img: Image.Image, seed: int) -> Image.Image:
    img = img.filter(ImageFilter.GaussianBlur(1.1))
    # vignette: darken the corners a little
    w, h = img.size
    mask = Image.new("L", (w // 8, h // 8), 0)
    md = ImageDraw.Draw(mask)
    md.ellipse([-w // 40, -h // 40, w // 8 + w // 40, h // 8 + h // 40], fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(12)).resize((w, h), Image.BILINEAR)
    dark = Image.new("RGB", (w, h), (40, 36, 30))
    img = Image.composite(img, Image.blend(img, dark, 0.35), mask)
    return grain(img, seed, 7)


def photo_service_hall(company: dict, system: dict) -> None:
    W, H = 1400, 933
    img = Image.new("RGB", (W, H), (236, 232, 222))
    d = ImageDraw.Draw(img)
    horizon = 560
    # ceiling, back wall and floor with perspective tiles
    d.rectangle([0, 0, W, 90], fill=(245, 245, 242))
    for x in range(120, W, 260):
        d.ellipse([x, 30, x + 150, 62], fill=(255, 255, 250))
    d.rectangle([0, 90, W, horizon], fill=(232, 226, 212))
    d.polygon([(0, horizon), (W, horizon), (W, H), (0, H)], fill=(198, 200, 202))
    vx = W / 2
    for k in range(-12, 13):
        d.line([(vx + k * 40, horizon), (vx + k * 260, H)], fill=(176, 178, 182), width=2)
    yy, step = horizon, 14
    while yy < H:
        d.line([(0, yy), (W, yy)], fill=(176, 178, 182), width=2)
        step *= 1.28
        yy += step
    # brand wall
    d.rectangle([300, 120, 1100, 250], fill=(22, 86, 160))
    d.ellipse([330, 140, 420, 230], fill="white")
    d.text((375, 186), "闽安", font=font(SANS_BOLD, 30), fill=(22, 86, 160), anchor="mm")
    d.text((770, 165), "闽安家电服务", font=font(SANS_BOLD, 58), fill="white", anchor="mm")
    d.text((770, 225), "福州晋安服务中心　·　服务热线 " + company.get("hotline", ""), font=font(SANS, 26), fill="white", anchor="mm")
    # commitment board on the left wall
    commitment_board(d, (40, 150, 280, 520), system["culture"]["commitment"], clauses=5, gap=8)
    # price board on the right wall
    board(d, (1140, 150, 1360, 470), "收费标准公示", (22, 86, 160), 24)
    prices = (("上门检测费", "30元"), ("空调清洗", "80元/台"), ("移机（含拆装）", "200元起"), ("冰箱加冷媒", "150元"),
              ("洗衣机清洗", "90元"), ("监督电话", "87562350"))
    for i, (item, price) in enumerate(prices):
        d.text((1152, 215 + i * 40), item, font=font(SANS, 17), fill=(50, 50, 50))
        d.text((1348, 215 + i * 40), price, font=font(SANS, 17), fill=(180, 30, 40), anchor="ra")
        d.line([(1150, 243 + i * 40), (1350, 243 + i * 40)], fill=(200, 200, 200), width=1)
    # counter with monitors and staff silhouettes
    d.rectangle([330, 420, 1070, 600], fill=(150, 104, 66))
    d.rectangle([330, 410, 1070, 428], fill=(228, 222, 210))
    for x in (400, 620, 840):
        d.ellipse([x + 40, 330, x + 90, 380], fill=(60, 52, 48))
        d.rectangle([x + 25, 378, x + 105, 420], fill=(30, 80, 150))
        d.rectangle([x, 350, x + 60, 398], fill=(40, 40, 46))
        d.rectangle([x + 26, 398, x + 34, 412], fill=(40, 40, 46))
    for x, label in ((420, "报修受理"), (640, "咨询投诉"), (860, "配件销售")):
        d.rectangle([x, 450, x + 110, 482], fill=(22, 86, 160))
        d.text((x + 55, 466), label, font=font(SANS, 18), fill="white", anchor="mm")
    # waiting area: sofa, water dispenser, plant
    d.rounded_rectangle([80, 640, 420, 760], radius=18, fill=(70, 110, 150))
    d.rounded_rectangle([80, 600, 420, 660], radius=18, fill=(84, 126, 168))
    d.rectangle([1150, 560, 1230, 760], fill=(240, 240, 240), outline=(160, 160, 160), width=2)
    d.ellipse([1160, 520, 1220, 570], fill=(160, 200, 230))
    d.rectangle([1260, 700, 1330, 780], fill=(120, 86, 60))
    for dx, dy, r in ((1295, 650, 55), (1265, 610, 40), (1325, 600, 42), (1295, 560, 36)):
        d.ellipse([dx - r, dy - r, dx + r, dy + r], fill=(52, 120, 60))
    d.text((W - 20, H - 20), SAMPLE_NOTE, font=font(SANS, 18), fill=(255, 255, 255), anchor="rd")
    save_jpeg(_photo_finish(img, seed=303), "photo_service_hall.jpg", quality=78)


def photo_parts_warehouse() -> None:
    W, H = 1400, 933
    img = Image.new("RGB", (W, H), (214, 214, 210))
    d = ImageDraw.Draw(img)
    horizon, vx, floor = 430, 700, 840
    d.rectangle([0, 0, W, horizon], fill=(205, 208, 210))
    for x in range(0, W, 200):
        d.rectangle([x + 40, 20, x + 160, 36], fill=(250, 250, 240))
    d.polygon([(0, horizon), (W, horizon), (W, H), (0, H)], fill=(150, 156, 150))
    # a painted aisle: yellow lines converging on the vanishing point
    for off in (-1, 1):
        d.line([(vx + off * 30, horizon), (vx + off * 250, H)], fill=(206, 176, 52), width=14)
    labels = ["压缩机", "电脑板", "电机", "温控器", "门封条", "排水泵", "加热管", "遥控器", "风轮", "电容", "接收板", "减振器"]
    beams = [150, 330, 510, 690]                 # beam heights on the nearest upright
    bays = [0.0, 0.2, 0.35, 0.46, 0.54]          # depth of the uprights (0 near, 1 vanishing point)
    rng = random.Random(505)
    for side in (-1, 1):
        x_near = vx + side * 640

        def at(t: float, y: float) -> tuple[float, float]:
            return x_near + (vx - x_near) * t, y + (horizon - y) * t

        for b in range(len(bays) - 1):
            t0, t1 = bays[b], bays[b + 1]
            for level in range(len(beams)):
                top = beams[level] + 14
                bottom = beams[level + 1] if level + 1 < len(beams) else floor
                for k in range(3):
                    ta = t0 + (t1 - t0) * (k / 3 + 0.05)
                    tb = t0 + (t1 - t0) * ((k + 1) / 3 - 0.05)
                    box_top = bottom - (bottom - top) * rng.uniform(0.55, 0.9)
                    quad = [at(ta, box_top), at(tb, box_top), at(tb, bottom), at(ta, bottom)]
                    shade = rng.randrange(150, 192)
                    d.polygon(quad, fill=(shade, shade - 38, shade - 90), outline=(shade - 40, shade - 70, shade - 110))
                    width = abs(quad[1][0] - quad[0][0])
                    if b == 0:                   # a vertical label on the boxes of the nearest bay
                        label = labels[(level * 3 + k + side) % len(labels)]
                        fs = max(11, int(width * 0.42))
                        cx = (quad[0][0] + quad[1][0]) / 2
                        cy = (quad[0][1] + quad[1][1]) / 2 + 10
                        d.rectangle([cx - fs * 0.7, cy, cx + fs * 0.7, cy + fs * (len(label) + 0.4)], fill=(245, 245, 240))
                        for j, ch in enumerate(label):
                            d.text((cx, cy + fs * (j + 0.7)), ch, font=font(SANS, fs), fill=(30, 30, 30), anchor="mm")
            for y in beams:
                d.line([at(t0, y), at(t1, y)], fill=(230, 120, 30), width=max(3, int(12 * (1 - t0))))
        for b, t in enumerate(bays):
            d.line([at(t, 120), at(t, floor)], fill=(40, 80, 150), width=max(3, int(16 * (1 - t))))
            if b < len(bays) - 1:
                x, y = at(t, 96)
                d.text((x - side * 28 * (1 - t), y), f"{'A' if side < 0 else 'B'}-{b + 1:02d}",
                       font=font(SANS_BOLD, max(14, int(30 * (1 - t)))), fill=(30, 30, 30), anchor="mm")
    d.rectangle([vx - 170, 60, vx + 170, 120], fill=(22, 86, 160))
    d.text((vx, 90), "配件中心库　备件区", font=font(SANS_BOLD, 30), fill="white", anchor="mm")
    d.text((W - 20, H - 20), SAMPLE_NOTE, font=font(SANS, 18), fill=(255, 255, 255), anchor="rd")
    save_jpeg(_photo_finish(img, seed=404), "photo_parts_warehouse.jpg", quality=78)


# --------------------------------------------------------------------------------------------
# PDFs (WeasyPrint)
# --------------------------------------------------------------------------------------------

CSS = """
@page { size: A4; margin: 22mm 20mm 20mm 20mm;
        @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt; color: #555; }
        @bottom-right { content: "%(note)s"; font-size: 8pt; color: #b22; } }
html { font-family: "Noto Serif CJK SC", serif; font-size: 11pt; line-height: 1.7; color: #222; }
h1 { text-align: center; font-size: 20pt; font-weight: normal; letter-spacing: 4pt; margin: 0 0 4mm 0; }
.sub { text-align: center; margin-bottom: 6mm; }
h2 { font-size: 12pt; font-weight: normal; margin: 4mm 0 1mm 0; }
b { font-weight: normal; color: #000; }
p { margin: 0 0 1.5mm 0; text-align: justify; }
table { border-collapse: collapse; width: 100%%; }
td, th { border: 0.6pt solid #333; padding: 1.5mm 2mm; vertical-align: top; }
th { background: #eee; font-weight: normal; }
.sign td { border: none; width: 50%%; padding: 0 4mm 0 0; }
.seal { width: 38mm; margin: -14mm 0 0 18mm; display: block; }
.ink { color: #1f3a93; }
""" % {"note": SAMPLE_NOTE}


def html_page(title: str, body: str, css: str = CSS) -> str:
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{css}</style></head><body>{body}</body></html>")


def write_pdf(html: str, name: str) -> None:
    import weasyprint  # imported here: the slow import only when PDFs are made

    data = weasyprint.HTML(string=html, base_url=str(OUT)).write_pdf(
        pdf_identifier=("dossier-sample-" + name).encode("ascii"))
    (OUT / name).write_bytes(data)


def manager_certificates(staff: list[dict], company: dict) -> None:
    css = """
    @page { size: 210mm 148mm; margin: 8mm; }
    html { font-family: "Noto Serif CJK SC", serif; color: #222; }
    .cert { page-break-after: always; box-sizing: border-box; height: 131mm; border: 2.5mm double #9a6b1f;
            padding: 6mm 12mm; position: relative; }
    .cert:last-child { page-break-after: auto; }
    .title { text-align: center; font-size: 26pt; letter-spacing: 6pt; color: #7a1f1f; margin-top: 2mm; }
    .en { text-align: center; font-size: 9pt; letter-spacing: 1pt; color: #7a1f1f; }
    .photo { position: absolute; left: 14mm; top: 40mm; width: 25mm; height: 33mm; border: 0.5pt solid #999;
             background: #eef1f5; font-size: 9pt; color: #888; text-align: center; line-height: 33mm; }
    table { position: absolute; left: 48mm; top: 38mm; font-size: 11pt; border-collapse: collapse; }
    td { padding: 0.8mm 2mm; } td.k { color: #555; text-align: right; }
    .text { position: absolute; left: 14mm; right: 14mm; top: 84mm; font-size: 11pt; line-height: 1.7; }
    .issuer { position: absolute; right: 14mm; bottom: 14mm; width: 56mm; text-align: center; font-size: 11pt; line-height: 1.6; }
    .issuer img { width: 32mm; position: absolute; left: 12mm; top: -13mm; }
    .note { position: absolute; left: 14mm; bottom: 6mm; font-size: 8pt; color: #b22; }
    """
    stamp = png_data_uri(seal(240, "售后服务管理师证书专用章", "样　例", seed=31))
    pages = []
    for person in staff:
        for q in person.get("qualifications") or []:
            if q.get("kind") != "售后服务管理师":
                continue
            rows = [("姓　　名", person["name"]), ("性　　别", person.get("gender", "")),
                    ("工作单位", company["name"]), ("证书编号", q.get("number", "")),
                    ("发证日期", cn_date(q["issued"])), ("有效期至", cn_date(q["valid_until"]))]
            table = "".join(f'<tr><td class="k">{escape(k)}</td><td>{escape(str(v))}</td></tr>' for k, v in rows)
            pages.append(
                '<div class="cert"><div class="title">售后服务管理师证书</div>'
                '<div class="en">CERTIFICATE OF AFTER-SALES SERVICE MANAGER</div>'
                f'<div class="photo">照片</div><table>{table}</table>'
                '<div class="text">该同志参加商品售后服务管理师培训，经考核合格，具备依据 GB/T 27922-2011《商品售后服务评价体系》'
                '开展售后服务管理和指导工作的能力，特发此证。</div>'
                f'<div class="issuer"><img src="{stamp}" alt="">{escape(q.get("issuer", ""))}<br>{cn_date(q["issued"])}</div>'
                f'<div class="note">{SAMPLE_NOTE}</div></div>')
    write_pdf(html_page("售后服务管理师证书", "".join(pages), css), "manager_certificates.pdf")


def agreement(company: dict, outlet: dict, number: str, signed: date, name: str, seed: int) -> None:
    partner = outlet["partner"]
    ours = png_data_uri(seal(240, company["name"], "合同专用章", seed=seed))
    theirs = png_data_uri(seal(240, partner["name"], "合同专用章", seed=seed + 1))
    start, until = cn_date(partner["agreement_from"]), cn_date(partner["agreement_until"])
    clauses = [
        ("第一条　合作内容", f"甲方委托乙方以“{outlet['name']}”的名义，在{outlet['coverage']}范围内为甲方承接的"
         f"{company['scope'].replace('服务', '')}等服务提供上门服务。服务项目包括：{'、'.join(outlet.get('services') or [])}。"),
        ("第二条　服务标准", "乙方执行甲方的《售后服务手册》（MA/SC-01）、《服务网点管理制度》（MA/ZD-01）和"
         "《安装维修服务及备件管理程序》（MA/CX-06）：接单后1小时内联系顾客，城区24小时内、郊县48小时内上门；"
         "服务人员持证上岗、统一着装、出示工牌、穿戴鞋套；执行甲方公示的收费标准，先报价后维修。"),
        ("第三条　人员与资质", f"乙方配备不少于{outlet.get('partner_staff', 0)}名服务人员，其中空调安装维修人员须持有有效的"
         "制冷与空调作业证和高处作业证；人员名单及证书复印件报甲方备案，变动时5个工作日内更新。"),
        ("第四条　工单与信息", "乙方通过甲方工单系统接单、反馈和结单，维修服务单由顾客签字确认；"
         "乙方对获悉的顾客个人信息负有保密义务，不得用于本协议以外的用途。"),
        ("第五条　配件与收费", "保修期内服务所用配件由甲方统一供应，旧件由乙方登记后返还甲方；"
         "乙方不得使用非正规渠道配件，不得向顾客收取公示标准以外的费用。"),
        ("第六条　培训与监督", "乙方人员参加甲方组织的技术和服务规范培训；甲方服务监督部每季度对乙方进行一次现场检查，"
         "并通过电话抽查和顾客回访监督服务质量，检查结果按附件《委托网点季度检查表》计分。"),
        ("第七条　投诉处理", "乙方收到顾客投诉后1小时内报告甲方客户服务中心，配合在48小时内处理完毕；"
         "因乙方原因造成的有效投诉，按考核细则扣减当月服务费，造成顾客损失的由乙方承担赔偿责任。"),
        ("第八条　结算", "服务费按甲方与品牌厂家的结算标准的85%按月结算，甲方于次月15日前支付上月服务费。"),
        ("第九条　合作期限", f"本协议有效期自{start}起至{until}止。期满前30日双方协商续签。"),
        ("第十条　协议的终止", "乙方连续两个季度考核不合格、发生重大投诉且拒不整改或严重违反本协议的，"
         "甲方有权提前终止本协议；终止后乙方应配合完成未结工单的交接。"),
        ("第十一条　其他", "本协议一式两份，甲乙双方各执一份，自双方签字盖章之日起生效。未尽事宜由双方协商解决，"
         "协商不成的，提交甲方所在地人民法院诉讼解决。"),
    ]
    body = [f"<h1>委托服务合作协议</h1><div class='sub'>协议编号：{escape(number)}</div>",
            "<table>",
            f"<tr><th style='width:14%'>甲　方</th><td>{escape(company['name'])}<br>统一社会信用代码：{escape(company['uscc'])}"
            f"<br>地址：{escape(company['registered_address'])}<br>法定代表人：{escape(company['legal_representative'])}</td></tr>",
            f"<tr><th>乙　方</th><td>{escape(partner['name'])}<br>统一社会信用代码：{escape(partner.get('uscc', ''))}"
            f"<br>地址：{escape(outlet['address'])}<br>负责人：{escape(outlet.get('manager_name', ''))}</td></tr>",
            "</table>",
            "<p style='margin-top:4mm'>为保证甲方售后服务覆盖销售区域并符合 GB/T 27922-2011《商品售后服务评价体系》的要求，"
            "甲乙双方经友好协商，就乙方作为甲方委托服务网点事宜达成如下协议：</p>"]
    for head, text in clauses:
        body.append(f"<h2>{escape(head)}</h2><p>{escape(text)}</p>")
    body.append(
        "<table class='sign' style='margin-top:10mm'><tr>"
        f"<td>甲方（盖章）：{escape(company['name'])}<br>法定代表人或授权代表：<span class='ink'>{escape(company['legal_representative'])}</span>"
        f"<br>日期：{cn_date(signed)}<img class='seal' src='{ours}' alt=''></td>"
        f"<td>乙方（盖章）：{escape(partner['name'])}<br>法定代表人或授权代表：<span class='ink'>{escape(outlet.get('manager_name', ''))}</span>"
        f"<br>日期：{cn_date(signed)}<img class='seal' src='{theirs}' alt=''></td></tr></table>")
    write_pdf(html_page("委托服务合作协议", "".join(body)), name)


def entrusted_certificates(outlets: list[dict], staff: list[dict], name: str, seed: int) -> None:
    """The copies of the entrusted outlets' staff certificates each partner files with the company (协议第三条),
    a page per outlet."""
    pages = []
    for number, outlet in enumerate(outlets):
        partner = outlet["partner"]
        theirs = png_data_uri(seal(240, partner["name"], "与原件一致", seed=seed + number))
        rows = []
        for person in (p for p in staff if p["outlet"] == outlet["id"]):
            held = person.get("qualifications") or []
            for index, q in enumerate(held):
                who = (f"<td rowspan='{len(held)}'>{escape(person['name'])}</td><td rowspan='{len(held)}'>"
                       f"{escape(person['position'])}</td>") if index == 0 else ""
                rows.append(f"<tr>{who}<td>{escape(q['kind'])}</td><td>{escape(q.get('number', ''))}</td>"
                            f"<td>{escape(q.get('issuer', ''))}</td><td>{q['issued']}</td><td>{q['valid_until']}</td></tr>")
        pages.append(
            f"<div style='{'page-break-before: always' if number else ''}'><h1>服务人员资格证书复印件汇总</h1>"
            f"<div class='sub'>{escape(outlet['name'])}　合作方：{escape(partner['name'])}</div>"
            "<table style='font-size: 9.5pt'><tr><th style='width:9%'>姓名</th><th style='width:16%'>岗位</th>"
            "<th style='width:17%'>证书名称</th><th style='width:20%'>证书编号</th><th style='width:14%'>发证机关</th>"
            f"<th style='width:12%'>发证日期</th><th style='width:12%'>有效期至</th></tr>{''.join(rows)}</table>"
            "<p style='margin-top:5mm'>以上证书复印件均与原件核对一致，证书原件由持证人保管，现场检查时出示。</p>"
            f"<table class='sign' style='margin-top:10mm'><tr><td></td><td>合作方（盖章）：{escape(partner['name'])}"
            f"<br>负责人：<span class='ink'>{escape(outlet.get('manager_name', ''))}</span>"
            f"<img class='seal' src='{theirs}' alt=''></td></tr></table></div>")
    write_pdf(html_page("委托网点服务人员资格证书复印件汇总", "".join(pages)), name)


def complaint_training_signin(staff: dict) -> None:
    people = ["S039", "S040", "S041", "S042", "S043", "S044", "S045", "S006", "S007", "S055", "S056", "S057"]
    scores = [95, 92, 90, 88, 91, 86, 94, 89, 87, 96, 90, 93]
    depts = {"CSC": "客户服务中心", "SVC": "售后服务部", "SUP": "服务监督部"}
    rows = "".join(
        f"<tr><td>{i}</td><td>{escape(staff[s]['name'])}</td><td>{depts[staff[s]['department']]}</td>"
        f"<td>{escape(staff[s]['position'])}</td><td class='ink'>{escape(staff[s]['name'])}</td><td>{score}</td></tr>"
        for i, (s, score) in enumerate(zip(people, scores), 1))
    body = (
        "<h1>培训签到表</h1><div class='sub'>记录编号：MA/JL-05-02-2026-19</div>"
        "<table><tr><th style='width:16%'>培训内容</th><td colspan='3'>《顾客投诉处理程序》（MA/CX-09）回访时限及回访代理人要求专项培训（整改项 NC-02）</td></tr>"
        "<tr><th>培训日期</th><td>2026年11月24日 14:30～16:00</td><th style='width:14%'>培训地点</th><td>总部培训室</td></tr>"
        "<tr><th>讲　　师</th><td>陈丽娟（客户服务中心主任）</td><th>考核方式</th><td>笔试</td></tr></table>"
        "<table style='margin-top:5mm'><tr><th style='width:8%'>序号</th><th>姓名</th><th>部门</th><th>岗位</th>"
        f"<th>本人签名</th><th style='width:12%'>成绩</th></tr>{rows}</table>"
        "<p style='margin-top:5mm'>培训效果评价：参训12人，笔试全部合格。学员掌握投诉处理完毕后3日内回访的要求"
        "和回访专员休假时的代理人安排。</p>"
        "<p style='text-align:right;margin-top:6mm'>记录人：<span class='ink'>李丹</span>　　审核：<span class='ink'>陈丽娟</span></p>")
    write_pdf(html_page("培训签到表", body), "complaint_training_signin.pdf")


def onboarding_assessment(staff: dict) -> None:
    items = [("安全操作（用电、高处作业防护）", 25), ("故障诊断与维修操作", 35), ("安装规范与试机", 25), ("上门服务礼仪", 15)]
    marks = {"S037": [22, 29, 21, 12], "S038": [21, 27, 21, 12]}
    blocks = []
    for sid, got in marks.items():
        p = staff[sid]
        rows = "".join(f"<tr><td>{escape(name)}</td><td>{full}</td><td>{g}</td></tr>" for (name, full), g in zip(items, got))
        blocks.append(
            f"<h2>{escape(p['name'])}　{escape(p['position'])}（漳州芗城服务站，{cn_date(p['hired'])}入职）</h2>"
            "<table><tr><th>考核项目</th><th style='width:16%'>满分</th><th style='width:16%'>得分</th></tr>"
            f"{rows}<tr><th>合计</th><th>100</th><th>{sum(got)}</th></tr></table>"
            "<p>结论：<b>合格</b>，同意独立派单。</p>")
    body = (
        "<h1>新入职技术人员上岗技能考核记录</h1><div class='sub'>记录编号：MA/JL-05-06-2026-07　　考核日期：2026年11月21日　　"
        "地点：漳州芗城服务站</div>" + "".join(blocks) +
        "<p style='margin-top:6mm'>说明：本次为整改项 NC-01 的补充考核，考核按《培训管理程序》（MA/CX-05）由技术质量部组织，"
        "以实际上门工单的现场操作和问答方式进行。</p>"
        "<p style='text-align:right;margin-top:6mm'>考核人：<span class='ink'>余建华　高明亮</span>　　"
        "归档：<span class='ink'>陈敏</span>（行政人事部）</p>")
    write_pdf(html_page("新入职技术人员上岗技能考核记录", body), "onboarding_assessment.pdf")


# --------------------------------------------------------------------------------------------
# The company's seal and the general manager's signature (company.yaml signing) — transparent PNGs
# --------------------------------------------------------------------------------------------

def company_seal(company: dict) -> None:
    """The company's round seal, marked 样例 where a real seal carries its number."""
    save_png(seal(480, company["name"], "样　例", seed=51), "seal.png")


def signature(name: str, seed: int) -> Image.Image:
    """A person's name as a quick pen signature (RGBA, dark blue ink): the characters slanted and run
    together, a seeded flourish under them, and a small 样例 to say it is not a real signature."""
    ink = (28, 40, 110, 255)
    fs = 120
    fnt = font(SERIF_BOLD, fs)
    rng = random.Random(seed)
    width = int(fs * (0.92 * len(name) + 1.2))
    layer = Image.new("RGBA", (width, int(fs * 2.2)), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    x = fs * 0.3
    for ch in name:
        d.text((x, fs * 0.5 + rng.uniform(-8, 8)), ch, font=fnt, fill=ink)
        x += fs * rng.uniform(0.86, 0.94)
    points = [(fs * 0.2 + t * (x - fs * 0.1) / 24, fs * 1.63 + 14 * math.sin(t / 3.1) + rng.uniform(-2, 2))
              for t in range(25)]
    d.line(points, fill=ink, width=5, joint="curve")
    d.text((width - fs * 0.15, fs * 2.15), "样例", font=font(SANS, 26), fill=(120, 120, 130, 255), anchor="rd")
    slanted = layer.transform(layer.size, Image.AFFINE, (1, 0.22, -fs * 0.3, 0, 1, 0), resample=Image.BICUBIC)
    slanted = slanted.filter(ImageFilter.GaussianBlur(0.7))
    return slanted.crop(slanted.getbbox())


def general_manager_signature(company: dict, staff: dict) -> None:
    who = company["signing"]["legal_representative"]
    save_png(signature(staff[who]["name"], seed=53), f"sign_{who}.png")


# --------------------------------------------------------------------------------------------

def main() -> int:
    for path in (SANS, SANS_BOLD, SERIF, SERIF_BOLD):
        if not path.exists():
            print(f"缺少字体 {path}：请安装 fonts-noto-cjk（scripts/install-system-deps.sh）。", file=sys.stderr)
            return 1
    OUT.mkdir(parents=True, exist_ok=True)
    company = load("company")
    system = load("service_system")
    staff_list = load("personnel")["staff"]
    staff = {s["id"]: s for s in staff_list}
    outlets_data = load("outlets")
    outlets = {o["id"]: o for o in outlets_data["outlets"]}
    entrusted = outlets_data.get("entrusted_staff") or []

    business_licence(company)
    iso_certificate(company)
    photo_service_hall(company, system)
    photo_parts_warehouse()
    manager_certificates(staff_list, company)
    agreement(company, outlets["O07"], "MA-WT-2025-01", date(2025, 8, 28), "agreement_ningde.pdf", seed=41)
    agreement(company, outlets["O08"], "MA-WT-2025-02", date(2025, 12, 26), "agreement_jinjiang.pdf", seed=43)
    entrusted_certificates([o for o in outlets.values() if o["kind"] == "委托"], entrusted, "entrusted_certificates.pdf",
                           seed=45)
    complaint_training_signin(staff)
    onboarding_assessment(staff)
    company_seal(company)
    general_manager_signature(company, staff)
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
