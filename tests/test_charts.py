"""Charts: drawn once for both outputs and cut to what they draw, their words kept as text in the CJK font, the
legend where matplotlib's "best" puts it, and the same bytes in every process."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image, ImageChops
from pypdf import PdfReader
from weasyprint import HTML

from documents import assert_cjk_pdf
from dossier.render.charts import PNG_DPI, bar_chart, figure_drawing, fit_layout, new_figure, settle_legend

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"
ITEMS = ["服务响应速度", "维修质量", "收费合理性"]


def _chart():
    return bar_chart(ITEMS, {"2026年第一季度": [91.5, 88.0, 95.2], "2026年第二季度": [93.0, None, 96.4]},
                     ylabel="满意率（%）", target=90, width_mm=150, height_mm=60)


def test_the_svg_keeps_its_words_as_text_in_the_cjk_font():
    root = ElementTree.fromstring(_chart().svg)
    texts = list(root.iter(f"{SVG}text"))
    words = [t.text for t in texts]
    assert set(ITEMS + ["满意率（%）", "91.5", "96.4", "2026年第一季度", "目标 90.0"]) <= set(words)
    assert all("font-family: 'Noto Sans CJK SC'" in t.get("style") for t in texts)
    assert not [u for u in root.iter(f"{SVG}use") if u.get("{http://www.w3.org/1999/xlink}href", "").startswith("#Noto")]


def test_the_pdf_sets_the_charts_words_in_the_embedded_cjk_font():
    chart = _chart()
    html = (f'<html lang="zh-CN"><body><img src="{chart.data_uri}" style="width: {chart.width_mm}mm"></body></html>')
    pdf = HTML(string=html).write_pdf()
    assert_cjk_pdf(pdf)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert all(item in text for item in ITEMS) and "2026年第二季度" in text


def _figure(outside: bool = False):
    fig = new_figure(120, 60)
    ax = fig.add_subplot()
    ax.bar(range(3), [3, 5, 2], color="#2f5d8a")
    ax.set_xticks(range(3), ITEMS)
    ax.set_ylabel("投诉数（起）")
    if outside:                      # a note beyond the figure's right edge: a cut of the canvas would lose it
        ax.text(1.15, 0.5, "图外的说明文字", transform=ax.transAxes)
    else:
        fit_layout(fig)
    return fig


def _tight_png(fig) -> Image.Image:
    """What matplotlib's own tight save of the figure gives (drawing it twice more)."""
    data = io.BytesIO()
    fig.savefig(data, format="png", dpi=PNG_DPI, bbox_inches="tight")
    return Image.open(data).convert("RGB")


def _same_picture(png: bytes, expected: Image.Image) -> None:
    picture = Image.open(io.BytesIO(png))
    assert picture.mode == "RGB" and round(picture.info["dpi"][0]) == PNG_DPI
    assert abs(picture.width - expected.width) <= 1 and abs(picture.height - expected.height) <= 1
    box = (0, 0, min(picture.width, expected.width), min(picture.height, expected.height))
    difference = ImageChops.difference(picture.crop(box), expected.crop(box)).convert("L")
    assert sum(i * n for i, n in enumerate(difference.histogram())) / (box[2] * box[3]) < 2     # a pixel's shift at most


def test_the_png_is_cut_out_of_the_one_drawing_as_matplotlib_would_save_it():
    fig = _figure()
    drawing = figure_drawing(fig, 120)
    _same_picture(drawing.png, _tight_png(fig))
    assert Image.open(io.BytesIO(drawing.png)).width < 120 / 25.4 * PNG_DPI + 0.2 * PNG_DPI   # within the padding


def test_what_lies_outside_the_figure_is_drawn_again_into_the_png():
    fig = _figure(outside=True)
    drawing = figure_drawing(fig, 120)
    _same_picture(drawing.png, _tight_png(fig))
    assert Image.open(io.BytesIO(drawing.png)).width > 120 / 25.4 * PNG_DPI          # wider than the figure


def test_a_drawing_that_fills_its_figure_is_cut_not_drawn_again(monkeypatch):
    """An org chart's axes fill the figure; its box, in inches, came out a rounding error wider than the figure
    (157.6 mm wide does it), which once sent every such chart through a second drawing."""
    from matplotlib.patches import Rectangle

    fig = new_figure(157.6, 100.3)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.axis("off")
    ax.add_patch(Rectangle((0.1, 0.1), 0.5, 0.5))
    saved = []
    monkeypatch.setattr(fig, "savefig", lambda data, **options: saved.append(options["format"]) or
                        type(fig).savefig(fig, data, **options))
    drawing = figure_drawing(fig, 157.6)
    assert saved == ["svg"]
    _same_picture(drawing.png, _tight_png(fig))


def test_a_settled_legend_stays_where_best_found_room_for_it():
    fig = new_figure(150, 60)
    ax = fig.add_subplot()
    bars = list(ax.barh(range(4), [10, 4, 3, 9], label="人均学时")) + list(ax.barh(range(4), [1, 1, 1, 1]))
    ax.invert_yaxis()
    ax.axvline(8, linestyle="--", label="目标 8.0")
    legend = ax.legend(loc="upper right")          # the longest bar is in the upper right
    fit_layout(fig)
    settle_legend(legend)
    renderer = fig.canvas.get_renderer()
    box = legend.get_window_extent(renderer)
    assert not [bar for bar in bars if box.overlaps(bar.get_window_extent(renderer))]
    fig.canvas.draw()
    assert legend.get_window_extent(renderer).bounds == box.bounds


def _digests() -> str:
    from dossier.render.orgchart import OrgNode, draw_chart, layout_tree

    tree = [OrgNode("a", "售后服务部", "负责人：某某", children=(OrgNode("b", "某服务站", "", "own"),
                                                           OrgNode("c", "另一服务站", "", "entrusted")))]
    charts = (_chart(), draw_chart(layout_tree(tree, 250, 116), max_width=250, max_height=125))
    return " ".join(hashlib.sha256(c.svg + c.png).hexdigest() for c in charts)


def test_the_same_bytes_in_another_process():
    code = "import test_charts; print(test_charts._digests())"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                           env={"PYTHONPATH": f"{ROOT}:{ROOT / 'tests'}", "PATH": "/usr/bin:/bin",
                                "HOME": str(Path.home())})
    assert other.stdout.split() == _digests().split()


def test_dollar_signs_in_the_data_are_text_not_mathematics():
    labels = ["费用$100$以上", "$x^{$组"]            # matplotlib would typeset the one and fail on the other
    chart = bar_chart(labels, {"投诉数": [3, 1]}, horizontal=True, value_format="{:.0f}")
    assert set(labels) <= {t.text for t in ElementTree.fromstring(chart.svg).iter(f"{SVG}text")}
    assert chart.png.startswith(b"\x89PNG")
