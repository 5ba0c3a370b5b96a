"""Charts for the documents: one matplotlib figure, SVG for the PDF and PNG for the DOCX.

A document's content holds a :class:`Chart`: the function that draws it and the plain values it draws
from. It is drawn the first time a writer needs its SVG, PNG or width, once for both writers; what the
chart shows is its ``repr`` (so comparing two contents never has to draw them).

Matplotlib is told the CJK family by name (pointing at the .ttc file would pick its Japanese face),
and its outputs carry no dates or random ids, so the same data gives the same bytes.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from typing import Callable


__all__ = ["Chart", "Drawing", "bar_chart", "figure_drawing", "new_figure", "short_label", "fit_layout"]

FONT = "Noto Sans CJK SC"
_MM = 1 / 25.4
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


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update({
        "font.family": [FONT], "font.size": 9, "axes.unicode_minus": False, "svg.fonttype": "path",
        "svg.hashsalt": "dossier", "axes.spines.top": False, "axes.spines.right": False,
        "axes.titlesize": 10, "axes.titleweight": "bold",
    })
    import matplotlib.pyplot as plt

    return plt


def new_figure(width_mm: float, height_mm: float):
    plt = _pyplot()
    return plt.figure(figsize=(width_mm * _MM, height_mm * _MM), dpi=100)


def short_label(text: str, limit: int = 14) -> str:
    """A tick label that fits beside the plot; the full text is in the table next to the chart."""
    lines = (" ".join(line.split()) for line in str(text).split("\n"))   # a line break the builder put stays
    return "\n".join(line if len(line) <= limit else line[: limit - 1] + "…" for line in lines)


def fit_layout(fig) -> None:
    """Tighten the margins around the plot; where a label is too long to fit, leave them as they are
    rather than print matplotlib's warning on the user's terminal."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Tight layout not applied")
        fig.tight_layout()


def figure_drawing(fig, width_mm: float) -> Drawing:
    plt = _pyplot()
    svg, png = io.BytesIO(), io.BytesIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    fig.savefig(png, format="png", dpi=200, metadata={"Software": None}, bbox_inches="tight")
    plt.close(fig)
    return Drawing(svg.getvalue(), png.getvalue(), width_mm)


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
    if len(series) > 1 or target is not None:
        ax.legend(fontsize=7, frameon=False, loc="lower right" if not horizontal else "best")
    ax.grid(axis="x" if horizontal else "y", linewidth=0.3, color="#bbb")
    ax.set_axisbelow(True)
    fit_layout(fig)
    return figure_drawing(fig, width_mm)
