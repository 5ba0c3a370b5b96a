"""顾客满意度调查报告: method and formula, every survey against the target, items, the lowest answers,
findings and improvement actions, and the conclusion."""

from __future__ import annotations

import math

from ..model import Dossier
from ..model.figures.satisfaction import LOWEST_SHOWN
from ..render.charts import PALETTE, figure_to_chart, fit_layout, new_figure, short_label
from .base import Builder


def _floor(values, target: float) -> float:
    """A lower bound for a percentage axis: ten below the lowest value, to the ten."""
    low = min([v for v in values if v is not None] + [target])
    return max(0.0, math.floor(low / 10) * 10 - 10)


def trend_chart(periods: list[str], rates: list[float | None], target: float):
    """The satisfaction rate of each survey as a line, with the target as a dashed line."""
    fig = new_figure(150, 62)
    ax = fig.add_subplot()
    xs = [i for i, v in enumerate(rates) if v is not None]
    ax.plot(xs, [rates[i] for i in xs], marker="o", color=PALETTE[0], linewidth=1.6, label="满意率")
    for x in xs:
        ax.annotate(f"{rates[x]:.1f}%", (x, rates[x]), xytext=(0, 6), textcoords="offset points", ha="center",
                    fontsize=7.5)
    ax.axhline(target, color="#a61b1b", linestyle="--", linewidth=1, label=f"目标 {target:g}%")
    ax.set_xticks(range(len(periods)), [short_label(p) for p in periods])
    ax.set_xlim(-0.5, len(periods) - 0.5)
    ax.set_ylim(_floor(rates, target), 101)
    ax.set_ylabel("满意率（%）")
    ax.grid(axis="y", linewidth=0.3, color="#bbb")
    ax.legend(fontsize=7.5, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)
    fit_layout(fig)
    return figure_to_chart(fig, 150)


def item_chart(items: list[str], series: dict[str, list[float | None]], target: float):
    """Each item's satisfaction rate, one bar per survey, the legend above the plot."""
    fig = new_figure(165, 74)
    ax = fig.add_subplot()
    width = 0.8 / max(len(series), 1)
    for index, (name, values) in enumerate(series.items()):
        xs = [i - 0.4 + width * (index + 0.5) for i in range(len(items))]
        ax.bar(xs, [0 if v is None else v for v in values], width * 0.9, label=name, color=PALETTE[index % len(PALETTE)])
    ax.axhline(target, color="#a61b1b", linestyle="--", linewidth=1, label=f"目标 {target:g}%")
    ax.set_xticks(range(len(items)), [short_label(i, 8) for i in items])
    ax.set_ylim(_floor([v for values in series.values() for v in values], target), 101)
    ax.set_ylabel("项目满意率（%）")
    ax.grid(axis="y", linewidth=0.3, color="#bbb")
    ax.set_axisbelow(True)
    ax.legend(fontsize=7, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(series) + 1)
    fit_layout(fig)
    return figure_to_chart(fig, 165)


class SatisfactionBuilder(Builder):
    id = "satisfaction"
    title = "顾客满意度调查报告"
    reads = ("company", "organisation", "personnel", "outlets", "satisfaction")
    weight = 2

    def context(self, dossier: Dossier) -> dict:
        sat, f = dossier.satisfaction, dossier.figures.satisfaction
        trend = items = None
        if f.surveys:
            trend = trend_chart([s.survey.period for s in f.surveys], [s.rate for s in f.surveys], sat.target)
            items = item_chart([i.name for i in sat.items],
                               {s.survey.period: [i.rate for i in s.items] for s in f.surveys}, sat.target)
        item_rows = [{"item": item, "first": j == 0, "survey": s, "fig": s.items[i]}
                     for i, item in enumerate(sat.items) for j, s in enumerate(f.surveys)]
        outlets = {o.id: o.name for o in dossier.outlets}
        lowest = [{"survey": s, "r": x.response, "mean": x.mean, "satisfied": x.satisfied,
                   "outlet": outlets.get(x.response.outlet, x.response.outlet)}
                  for s in f.surveys for x in s.lowest]
        return {"sat": sat, "s": f, "trend_chart": trend, "item_chart": items, "item_rows": item_rows,
                "lowest": lowest, "lowest_shown": LOWEST_SHOWN, "first": f.surveys[0].survey if f.surveys else None,
                "last": f.surveys[-1].survey if f.surveys else None,
                "missed": [s for s in f.surveys if s.meets_target is False]}
