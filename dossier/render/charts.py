"""Charts for the documents: one matplotlib figure, SVG for the PDF and PNG for the DOCX.

A document's content holds a :class:`Chart`: the function that draws it and the plain values it draws
from. It is drawn the first time a writer needs its SVG, PNG or width, once for both writers; what the
chart shows is its ``repr`` (so comparing two contents never has to draw them).

Matplotlib is told the CJK family by name (pointing at the .ttc file would pick its Japanese face),
and its outputs carry no dates or random ids, so the same data gives the same bytes.

Drawing is the costly part, so a chart is drawn as few times as it can be: a bare ``Figure`` on an Agg
canvas (no pyplot, whose figure manager a batch never needs), matplotlib configured once per process, the
figure drawn once at the PNG's resolution, its tight bounding box taken from that drawing and used for
both outputs (the PNG cut out of that one drawing, the SVG drawn once more into it). The SVG keeps its
words as text in the CJK font rather than as glyph outlines: weasyprint then sets them in the font it
embeds for the page anyway, instead of parsing and filling one path per character, which took it longer
than drawing the rest of the page.
"""

from __future__ import annotations

import base64
import functools
import importlib
import io
from dataclasses import dataclass, field
from typing import Callable


__all__ = ["Chart", "Drawing", "bar_chart", "figure_drawing", "new_figure", "short_label", "fit_layout",
           "settle_legend", "warm_up", "warm_up_steps"]

FONT = "Noto Sans CJK SC"
_MM = 1 / 25.4
#: the resolution of the PNG (the DOCX's picture): a chart is drawn at it once, and the PNG cut out of that
PNG_DPI = 200
PALETTE = ["#2f5d8a", "#d08c2b", "#5b8f4e", "#a64b4b", "#7a5ea8", "#3d8c8c", "#8c7a3d"]


@dataclass(frozen=True)
class Drawing:
    """A drawn chart: SVG for the PDF, PNG for the DOCX, and the width it is set at."""

    svg: bytes
    png: bytes
    width_mm: float


@dataclass(frozen=True)
class Chart:
    """A chart to draw: ``draw(*args)`` returns its :class:`Drawing`; ``args`` are the plain values it shows."""

    draw: Callable[..., Drawing]
    args: tuple
    _drawn: list = field(default_factory=list, compare=False, repr=False)

    def drawing(self) -> Drawing:
        if not self._drawn:
            self._drawn.append(self.draw(*self.args))
        return self._drawn[0]

    @property
    def svg(self) -> bytes:
        return self.drawing().svg

    @property
    def png(self) -> bytes:
        return self.drawing().png

    @property
    def width_mm(self) -> float:
        return self.drawing().width_mm

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")

    def __repr__(self) -> str:
        return f"Chart({self.draw.__module__}.{self.draw.__qualname__}, {self.args!r})"


@functools.cache
def _configured() -> None:
    """Set matplotlib's defaults for the documents, once per process (every chart of it draws with them).
    A label is the data's text as it is: a department called “A$x$” is not mathematics to typeset (nor a
    stray “$x^{$” one to fail on)."""
    import matplotlib

    matplotlib.rcParams.update({
        "font.family": [FONT], "font.size": 9, "axes.unicode_minus": False, "svg.fonttype": "none",
        "svg.hashsalt": "dossier", "axes.spines.top": False, "axes.spines.right": False,
        "axes.titlesize": 10, "axes.titleweight": "bold", "text.parse_math": False,
    })


#: what drawing a chart imports beyond matplotlib itself, module by module
_DRAWING = ("matplotlib.backend_bases", "matplotlib.projections", "matplotlib.figure",
            "matplotlib.backends.backend_agg", "matplotlib.backends.backend_svg", "matplotlib.layout_engine",
            "matplotlib.patches")


def warm_up_steps() -> list[Callable[[], object]]:
    """:func:`warm_up` as steps of a tenth to a fifth of a second each (matplotlib configured, then what
    drawing imports), for work done while waiting on something that may come back between two of them."""
    return [_configured] + [functools.partial(importlib.import_module, name) for name in _DRAWING]


def warm_up() -> None:
    """Import what drawing a chart needs (about 0.4 s of CPU, nearly all of it matplotlib's import) and
    configure it, so that processes forked after this draw their first chart without paying for it again
    each. Worth calling before forking only when some document to render has a chart."""
    for step in warm_up_steps():
        step()


def new_figure(width_mm: float, height_mm: float):
    """A figure of the given size on its own Agg canvas, at the PNG's resolution."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    _configured()
    figure = Figure(figsize=(width_mm * _MM, height_mm * _MM), dpi=PNG_DPI)
    FigureCanvasAgg(figure)
    return figure


def short_label(text: str, limit: int = 14) -> str:
    """A tick label that fits beside the plot; the full text is in the table next to the chart."""
    lines = (" ".join(line.split()) for line in str(text).split("\n"))   # a line break the builder put stays
    return "\n".join(line if len(line) <= limit else line[: limit - 1] + "…" for line in lines)


def fit_layout(fig) -> None:
    """Tighten the margins around the plot; where a label is too long to fit, leave them as they are
    rather than print matplotlib's warning on the user's terminal.

    The layout is applied once, not left as the figure's layout engine (saving a figure that has one lays
    it out all over again first); and in one pass: with no ``rect``, matplotlib skips the second pass that
    only re-spaces several plots within the margins the first found, and a chart is one plot."""
    import warnings

    from matplotlib.layout_engine import TightLayoutEngine

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Tight layout not applied")
        TightLayoutEngine(rect=None).execute(fig)


def settle_legend(legend) -> None:
    """Fix a legend at the place matplotlib's "best" finds for it in the figure as laid out now, so that the
    drawings after do not search again (the search measures every bar and label of the plot, and ran at each
    drawing). Call it once the layout is final (after :func:`fit_layout`)."""
    renderer = legend.figure.canvas.get_renderer()
    legend.set_loc("best")
    found = legend.get_window_extent(renderer).bounds
    for code in range(1, len(legend.codes)):          # the codes matplotlib tries, in its order
        legend.set_loc(code)
        if legend.get_window_extent(renderer).bounds == found:
            return
    legend.set_loc("best")                            # not one of them: leave the search to each drawing


def figure_drawing(fig, width_mm: float) -> Drawing:
    """The figure's SVG and PNG, both cut to what it draws (matplotlib's "tight" box, padded as it pads it)."""
    import matplotlib

    fig.canvas.draw()                                 # the one drawing at the PNG's resolution
    drawn = fig.get_tightbbox(fig.canvas.get_renderer())
    box = drawn.padded(matplotlib.rcParams["savefig.pad_inches"])
    png = _png(fig, drawn, box)
    svg = io.BytesIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches=box)
    return Drawing(svg.getvalue(), png, width_mm)


def _png(fig, drawn, box) -> bytes:
    """The PNG of ``box`` (inches) cut out of the figure's last drawing on its canvas; drawn again, into the
    box, only when something drawn (``drawn``) lies outside the figure, where the canvas does not reach."""
    import numpy
    from PIL import Image

    width_in, height_in = fig.get_size_inches()
    edge = 0.5 / PNG_DPI                   # within half a pixel: the rounding of a box drawn up to the edge
    if drawn.x0 < -edge or drawn.y0 < -edge or drawn.x1 > width_in + edge or drawn.y1 > height_in + edge:
        again = io.BytesIO()
        fig.savefig(again, format="png", dpi=PNG_DPI, bbox_inches=box)
        return _encoded(Image.open(again))
    pixels = numpy.asarray(fig.canvas.buffer_rgba())
    width, height = int(box.width * PNG_DPI), int(box.height * PNG_DPI)    # as matplotlib sizes a saved box
    left, top = round(box.x0 * PNG_DPI), round(pixels.shape[0] - box.y1 * PNG_DPI)
    picture = Image.new("RGBA", (width, height), (255, 255, 255, 255))   # the padding: the figure's white
    picture.paste(Image.fromarray(pixels[max(top, 0):top + height, max(left, 0):left + width]),
                  (max(-left, 0), max(-top, 0)))
    return _encoded(picture)


def _encoded(picture) -> bytes:
    """A chart's picture as PNG bytes: without the alpha channel (a figure is opaque white) and with fast
    compression, which together encode in a third of the time of matplotlib's RGBA at zlib's default level
    and still make a smaller file."""
    png = io.BytesIO()
    picture.convert("RGB").save(png, format="png", dpi=(PNG_DPI, PNG_DPI), compress_level=1)
    return png.getvalue()


def bar_chart(labels: list[str], series: dict[str, list[float | None]], *, ylabel: str = "",
              ylim: tuple[float, float] | None = None, target: float | None = None, target_label: str = "目标",
              value_format: str = "{:.1f}", width_mm: float = 160, height_mm: float = 68,
              horizontal: bool = False) -> Chart:
    """Bars per label, one colour per series, values printed on the bars, an optional target line."""
    return Chart(_draw_bars, (tuple(labels), tuple((name, tuple(values)) for name, values in series.items()), ylabel,
                              ylim, target, target_label, value_format, width_mm, height_mm, horizontal))


def _draw_bars(labels: tuple[str, ...], series: tuple[tuple[str, tuple], ...], ylabel: str,
               ylim: tuple[float, float] | None, target: float | None, target_label: str, value_format: str,
               width_mm: float, height_mm: float, horizontal: bool) -> Drawing:
    series = dict(series)
    fig = new_figure(width_mm, height_mm)
    ax = fig.add_subplot()
    labels = [short_label(label) for label in labels]
    count = max(len(series), 1)
    width = 0.8 / count
    positions = list(range(len(labels)))
    for index, (name, values) in enumerate(series.items()):
        offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
        heights = [0 if v is None else v for v in values]
        draw = ax.barh if horizontal else ax.bar
        bars = draw(offsets, heights, width * 0.9, label=name, color=PALETTE[index % len(PALETTE)])
        for bar, value in zip(bars, values):
            if value is None:
                continue
            if horizontal:
                ax.annotate(value_format.format(value), (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                            xytext=(2, 0), textcoords="offset points", va="center", fontsize=7)
            else:
                ax.annotate(value_format.format(value), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                            xytext=(0, 2), textcoords="offset points", ha="center", fontsize=7)
    if horizontal:
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.set_xlabel(ylabel)
        if ylim:
            ax.set_xlim(*ylim)
    else:
        ax.set_xticks(positions, labels)
        ax.set_ylabel(ylabel)
        if ylim:
            ax.set_ylim(*ylim)
    if target is not None:
        (ax.axvline if horizontal else ax.axhline)(target, color="#a61b1b", linestyle="--", linewidth=1,
                                                   label=f"{target_label} {value_format.format(target)}")
    legend = None
    if len(series) > 1 or target is not None:
        legend = ax.legend(fontsize=7, frameon=False, loc="lower right" if not horizontal else "upper right")
    ax.grid(axis="x" if horizontal else "y", linewidth=0.3, color="#bbb")
    ax.set_axisbelow(True)
    fit_layout(fig)
    if legend is not None and horizontal:
        settle_legend(legend)                # where it hides the fewest bars and labels
    return figure_drawing(fig, width_mm)
