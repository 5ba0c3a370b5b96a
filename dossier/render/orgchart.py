"""Organisation charts: a small deterministic tidy-tree layout and its matplotlib drawing.

The layout works in millimetres on the page. Every leaf takes one slot of a row of slots, spaced
evenly left to right in tree order; a parent stands centred over its first and last child, one row
below the other. Because each subtree owns a contiguous run of slots, no two boxes can overlap.

A tree too wide for the page is made narrower by standing the children of all-leaf families in a
column under their parent (a "comb": a spine on the left, a stub to each box), wrapping a column
that grows too tall into several; what still does not fit is drawn smaller. The choice among these
arrangements is made by trying them in a fixed order and keeping the one drawn largest, so the same
tree always gives the same picture.

A flow (a service process) is drawn with the same boxes: its steps left to right in even rows, an arrow
from each step to the next (:func:`layout_flow`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field, replace

from .charts import Chart, Drawing, figure_drawing, new_figure

__all__ = ["OrgNode", "Box", "Layout", "FlowLayout", "STYLES", "layout_tree", "layout_flow", "draw_chart", "wrap_text"]

PT = 25.4 / 72           # millimetres per point

BOX_W = 26.0             # width of every box
H_GAP = 4.0              # between the boxes of neighbouring slots
LEVEL_GAP = 10.0         # between rows of the tree
STACK_GAP = 2.6          # between the boxes of a column
SPINE = 3.0              # from a column's spine to its boxes
PAD = 1.6                # inside a box, around its text
TITLE_PT, DETAIL_PT = 8.5, 7.0
LINE = 1.32              # line height, in font sizes
ROW_CAPS = (None, 16, 12, 10, 8, 7, 6, 5, 4, 3, 2)   # rows per column, tried in this order
LEGEND_H = 9.0
MAX_ENLARGE = 1.3        # a small chart may be drawn this much larger than its natural size
FLOW_GAP = 9.0           # between two steps of a flow's row: room for the arrow
FLOW_ROW_GAP = 10.0      # between the rows of a flow
FLOW_BOX_W = (BOX_W, 46.0)   # the narrowest and widest box of a flow


@dataclass(frozen=True)
class Style:
    fill: str
    edge: str
    text: str = "#111111"
    dashed: bool = False
    linewidth: float = 0.9


#: how boxes look, by the ``style`` a node names
STYLES: dict[str, Style] = {
    "department": Style("#eef2f7", "#2f5d8a"),
    "after_sales": Style("#fbefd9", "#b0711c"),
    "group": Style("#ffffff", "#555555", linewidth=0.6),
    "role": Style("#ffffff", "#2f5d8a", linewidth=1.2),
    "own": Style("#e6f1e2", "#4a7f3e"),
    "entrusted": Style("#ffffff", "#4a7f3e", dashed=True),
}


@dataclass(frozen=True)
class OrgNode:
    """A box of the chart and the boxes below it."""

    key: str
    title: str
    detail: str = ""
    style: str = "department"
    children: tuple["OrgNode", ...] = ()


@dataclass(frozen=True)
class Box:
    key: str
    parent: str | None
    x: float                 # centre
    y: float                 # top (y grows downwards)
    width: float
    height: float
    style: str
    title: tuple[str, ...]   # lines
    detail: tuple[str, ...]

    @property
    def left(self) -> float:
        return self.x - self.width / 2

    @property
    def right(self) -> float:
        return self.x + self.width / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def overlaps(self, other: "Box") -> bool:
        return (self.left < other.right and other.left < self.right
                and self.y < other.bottom and other.y < self.bottom)


Segment = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class Layout:
    boxes: tuple[Box, ...]
    lines: tuple[Segment, ...]       # orthogonal connectors
    width: float
    height: float
    stacked: frozenset[str] = field(default_factory=frozenset)   # parents whose children stand in columns
    rows_per_column: int | None = None

    def box(self, key: str) -> Box:
        return next(b for b in self.boxes if b.key == key)

    def children(self, key: str) -> tuple[Box, ...]:
        return tuple(b for b in self.boxes if b.parent == key)

    def scale_to(self, max_width: float, max_height: float) -> float:
        return min(1.0, max_width / self.width, max_height / self.height)


Point = tuple[float, float]


@dataclass(frozen=True)
class FlowLayout(Layout):
    """A flow's boxes in reading order, and an arrow (a path of orthogonal segments) from each to the next."""

    arrows: tuple[tuple[Point, ...], ...] = ()


# -- text ----------------------------------------------------------------------------------------
def _char_width(char: str, size_pt: float) -> float:
    wide = unicodedata.east_asian_width(char) in ("W", "F")
    return size_pt * PT * (1.0 if wide else 0.56)


def wrap_text(text: str, width_mm: float, size_pt: float) -> tuple[str, ...]:
    """``text`` broken into lines no wider than ``width_mm``, the lines as even as possible
    (CJK text breaks between any two characters)."""
    if not text:
        return ("",)
    total = sum(_char_width(c, size_pt) for c in text)
    fewest = max(1, math.ceil(total / width_mm - 1e-9))
    step = size_pt * PT * 0.5
    for count in (fewest, fewest + 1):          # a text that just fills its lines: one line more, all even
        target = total / count
        while target < width_mm:
            lines = _greedy(text, target, size_pt)
            if len(lines) <= count:
                return lines
            target += step
    return _greedy(text, width_mm, size_pt)


def _wrap_lines(text: str, width_mm: float, size_pt: float) -> tuple[str, ...]:
    """``text`` wrapped line by line: a line break in it always stays one."""
    return tuple(line for part in text.split("\n") for line in wrap_text(part, width_mm, size_pt))


#: marks a line may not begin with: the character before one goes down with it
_NO_LINE_START = "，。、；：！？）》」』”’,.;:!?)"
#: a run of these (a number, a code such as MA/CX-06) is not broken across lines
_WORD = re.compile(r"[A-Za-z0-9/._-]+$")


def _carried(current: str, char: str) -> str:
    """What of the line ``current`` goes down to the next when ``char`` does not fit: the start of a number
    or code that ``char`` continues, or that a mark no line may begin with follows (unless that is the whole
    line); else the character before such a mark."""
    run = _WORD.search(current)
    if run and (_WORD.match(char) or char in _NO_LINE_START) and len(run.group()) < len(current):
        return run.group()
    return current[-1] if char in _NO_LINE_START and len(current) > 1 else ""


def _greedy(text: str, width_mm: float, size_pt: float) -> tuple[str, ...]:
    lines, current, used = [], "", 0.0
    for char in text:
        w = _char_width(char, size_pt)
        if current and used + w > width_mm + 1e-9:
            carried = _carried(current, char)
            lines.append(current[: len(current) - len(carried)].rstrip() or current)
            current, used = carried, sum(_char_width(c, size_pt) for c in carried)
            if not current and char == " ":
                continue                        # no line begins with a space
        current += char
        used += w
    if current:
        lines.append(current)
    return tuple(lines)


def _text_height(lines: int, size_pt: float) -> float:
    return lines * size_pt * PT * LINE


# -- layout --------------------------------------------------------------------------------------
@dataclass
class _Placed:
    node: OrgNode
    parent: str | None
    depth: int
    x: float = 0.0
    column: int | None = None      # index within its parent's columns, when stacked


def _stackable(roots: tuple[OrgNode, ...]) -> list[OrgNode]:
    """Parents of two or more children that are all leaves, the largest families first."""
    found: list[OrgNode] = []

    def walk(node: OrgNode):
        if len(node.children) >= 2 and all(not c.children for c in node.children):
            found.append(node)
        for child in node.children:
            walk(child)

    for root in roots:
        walk(root)
    order = {n.key: i for i, n in enumerate(found)}
    return sorted(found, key=lambda n: (-len(n.children), order[n.key]))


def _texts(node: OrgNode, width: float = BOX_W) -> tuple[tuple[str, ...], tuple[str, ...]]:
    inner = width - 2 * PAD
    title = _wrap_lines(node.title, inner, TITLE_PT)
    detail = _wrap_lines(node.detail, inner, DETAIL_PT) if node.detail else ()
    return title, detail


def _height(title: tuple[str, ...], detail: tuple[str, ...]) -> float:
    gap = 0.6 if detail else 0.0
    return 2 * PAD + _text_height(len(title), TITLE_PT) + gap + _text_height(len(detail), DETAIL_PT)


def _place(roots: tuple[OrgNode, ...], stacked: frozenset[str], cap: int | None) -> Layout:
    slot, column_slot = BOX_W + H_GAP, SPINE + BOX_W + H_GAP
    placed: dict[str, _Placed] = {}
    order: list[str] = []
    cursor = 0.0

    def visit(node: OrgNode, parent: str | None, depth: int) -> float:
        nonlocal cursor
        here = placed[node.key] = _Placed(node, parent, depth)
        order.append(node.key)
        if node.key in stacked:
            rows = len(node.children) if cap is None else cap
            for index, child in enumerate(node.children):
                column = index // rows
                left = cursor + column * column_slot
                placed[child.key] = _Placed(child, node.key, depth + 1,
                                            left + H_GAP / 2 + SPINE + BOX_W / 2, column)
                order.append(child.key)
            cursor += math.ceil(len(node.children) / rows) * column_slot
            xs = [placed[c.key].x for c in node.children]
        elif node.children:
            xs = [visit(child, node.key, depth + 1) for child in node.children]
        else:
            here.x = cursor + slot / 2
            cursor += slot
            return here.x
        here.x = (xs[0] + xs[-1]) / 2
        return here.x

    for root in roots:
        visit(root, None, 0)

    texts = {key: _texts(p.node) for key, p in placed.items()}
    heights = {key: _height(*texts[key]) for key in placed}
    in_column = {key for key, p in placed.items() if p.column is not None}
    depth_count = max(p.depth for p in placed.values()) + 1
    row_height = [max((heights[k] for k, p in placed.items() if p.depth == d and k not in in_column),
                      default=0.0) for d in range(depth_count)]
    # a row holding only columns still needs a top: give it the height of its tallest box
    for d in range(depth_count):
        if not row_height[d]:
            row_height[d] = max(heights[k] for k, p in placed.items() if p.depth == d)
    top = [0.0]
    for d in range(1, depth_count):
        top.append(top[-1] + row_height[d - 1] + LEVEL_GAP)

    family_height: dict[str, float] = {}
    for key in in_column:
        parent = placed[key].parent
        family_height[parent] = max(family_height.get(parent, 0.0), heights[key])
    boxes: dict[str, Box] = {}
    column_bottom: dict[tuple[str, int], float] = {}
    for key in order:
        p = placed[key]
        title, detail = texts[key]
        if p.column is None:
            y, h = top[p.depth], row_height[p.depth]
        else:
            slot_key = (p.parent, p.column)
            y = column_bottom.get(slot_key, top[p.depth] - STACK_GAP) + STACK_GAP
            h = family_height[p.parent]
            column_bottom[slot_key] = y + h
        boxes[key] = Box(key, p.parent, p.x, y, BOX_W, h, p.node.style, title, detail)

    lines: list[Segment] = []
    for key in order:
        node = placed[key].node
        if not node.children:
            continue
        parent = boxes[key]
        kids = [boxes[c.key] for c in node.children]
        bus = top[placed[key].depth + 1] - LEVEL_GAP / 2
        lines.append(((parent.x, parent.bottom), (parent.x, bus)))
        if key in stacked:
            spines = sorted({k.left - SPINE for k in kids})
            lines.append(((min(spines[0], parent.x), bus), (max(spines[-1], parent.x), bus)))
            for spine in spines:
                column = [k for k in kids if k.left - SPINE == spine]
                lines.append(((spine, bus), (spine, column[-1].y + column[-1].height / 2)))
                lines.extend(((spine, k.y + k.height / 2), (k.left, k.y + k.height / 2)) for k in column)
        else:
            xs = [k.x for k in kids]
            if len(kids) > 1 or xs[0] != parent.x:
                lines.append(((min(xs + [parent.x]), bus), (max(xs + [parent.x]), bus)))
            lines.extend(((k.x, bus), (k.x, k.y)) for k in kids)

    height = max(b.bottom for b in boxes.values())
    return Layout(tuple(boxes[k] for k in order), tuple(lines), cursor, height, stacked, cap)


def layout_tree(roots: tuple[OrgNode, ...] | list[OrgNode], max_width: float, max_height: float) -> Layout:
    """The arrangement of the forest ``roots`` that can be drawn largest within the given box.

    Candidates are tried in a fixed order — all in one row of slots first, then standing the k
    largest all-leaf families in columns, each with fewer and fewer rows per column — and the first
    one reaching the best scale wins, so the plainest arrangement that fits is kept.
    """
    roots = tuple(roots)
    if not roots:
        raise ValueError("an organisation chart needs at least one box")
    families = _stackable(roots)
    best, best_scale = None, -1.0
    for k in range(len(families) + 1):
        stacked = frozenset(n.key for n in families[:k])
        for cap in (ROW_CAPS if k else (None,)):
            if cap is not None and cap >= max(len(n.children) for n in families[:k]):
                continue
            candidate = _place(roots, stacked, cap)
            scale = candidate.scale_to(max_width, max_height)
            if scale > best_scale + 1e-9:
                best, best_scale = candidate, scale
        if best_scale >= 1.0:
            break
    return best


def layout_flow(steps, max_width: float, max_height: float) -> FlowLayout:
    """The steps of a flow left to right, in as few rows as draw them largest within the given box.

    All boxes are as wide and as tall as the widest the row count allows (within ``FLOW_BOX_W``); the rows
    are as even as they can be (seven steps in two rows: four and three). An arrow joins each step to the
    next: across the gap in a row, and from the foot of a row's last box down and back to the top of the
    next row's first.
    """
    steps = tuple(steps)
    if not steps:
        raise ValueError("a flow needs at least one step")
    best, best_scale = None, -1.0
    for rows in range(1, len(steps) + 1):
        per_row = math.ceil(len(steps) / rows)
        if rows > 1 and math.ceil(len(steps) / (rows - 1)) == per_row:
            continue                                  # the same rows as one row fewer
        narrow, wide = FLOW_BOX_W
        width = max(narrow, min(wide, (max_width - (per_row - 1) * FLOW_GAP) / per_row))
        candidate = _place_flow(steps, per_row, width)
        scale = candidate.scale_to(max_width, max_height)
        if scale > best_scale + 1e-9:
            best, best_scale = candidate, scale
        if best_scale >= 1.0:
            break
    return best


def _place_flow(steps: tuple[OrgNode, ...], per_row: int, width: float) -> FlowLayout:
    texts = [_texts(step, width) for step in steps]
    height = max(_height(*t) for t in texts)
    boxes = []
    for index, (step, (title, detail)) in enumerate(zip(steps, texts)):
        row, column = divmod(index, per_row)
        boxes.append(Box(step.key, None, column * (width + FLOW_GAP) + width / 2, row * (height + FLOW_ROW_GAP),
                         width, height, step.style, title, detail))
    arrows = []
    for a, b in zip(boxes, boxes[1:]):
        if b.y == a.y:
            middle = a.y + height / 2
            arrows.append(((a.right, middle), (b.left, middle)))
        else:
            turn = a.bottom + FLOW_ROW_GAP / 2
            arrows.append(((a.x, a.bottom), (a.x, turn), (b.x, turn), (b.x, b.y)))
    rows = math.ceil(len(steps) / per_row)
    return FlowLayout(tuple(boxes), (), min(per_row, len(steps)) * (width + FLOW_GAP) - FLOW_GAP,
                      rows * (height + FLOW_ROW_GAP) - FLOW_ROW_GAP, arrows=tuple(arrows))


# -- drawing -------------------------------------------------------------------------------------
def draw_chart(layout: Layout, *, max_width: float, max_height: float,
               legend: tuple[tuple[str, str], ...] = ()) -> Chart:
    """The layout to be drawn with matplotlib: SVG for the PDF, PNG for the DOCX, from one figure.

    ``legend``: (style, label) pairs shown as sample boxes under the chart, for the styles it uses.
    """
    return Chart(_draw_layout, (layout, max_width, max_height, tuple(legend)))


def _draw_layout(layout: Layout, max_width: float, max_height: float, legend: tuple[tuple[str, str], ...]) -> Drawing:
    from matplotlib.patches import Rectangle

    used = {box.style for box in layout.boxes}
    legend = tuple(entry for entry in legend if entry[0] in used)
    margin = 1.0
    legend_h = LEGEND_H if legend else 0.0
    entries = [13.0 + sum(_char_width(c, DETAIL_PT) for c in label) + 6.0 for _, label in legend]
    drawn = max(layout.width, sum(entries))
    width, height = drawn + 2 * margin, layout.height + 2 * margin + legend_h
    fig = new_figure(width, height)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-margin, drawn + margin)
    ax.set_ylim(layout.height + margin + legend_h, -margin)
    ax.axis("off")
    shift = (drawn - layout.width) / 2           # a chart narrower than its legend stands in the middle

    for (x0, y0), (x1, y1) in layout.lines:
        ax.plot([x0 + shift, x1 + shift], [y0, y1], color="#333333", linewidth=0.8, solid_capstyle="projecting")
    for path in getattr(layout, "arrows", ()):
        points = [(x + shift, y) for x, y in path]
        for (x0, y0), (x1, y1) in zip(points, points[1:-1]):
            ax.plot([x0, x1], [y0, y1], color="#333333", linewidth=0.8, solid_capstyle="projecting")
        ax.annotate("", xy=points[-1], xytext=points[-2],
                    arrowprops={"arrowstyle": "-|>", "color": "#333333", "linewidth": 0.8, "shrinkA": 0,
                                "shrinkB": 0, "mutation_scale": 8})
    for box in layout.boxes:
        _draw_box(ax, Rectangle, replace(box, x=box.x + shift))

    if legend:
        x = 0.0
        y = layout.height + margin + 2.0
        for (style_name, label), step in zip(legend, entries):
            style = STYLES[style_name]
            ax.add_patch(Rectangle((x, y), 9.0, 4.5, facecolor=style.fill, edgecolor=style.edge,
                                   linewidth=style.linewidth, linestyle=(0, (3, 2)) if style.dashed else "solid"))
            ax.text(x + 11.0, y + 2.25, label, fontsize=DETAIL_PT, va="center", ha="left", color="#111111")
            x += step

    scale = min(MAX_ENLARGE, max_width / width, max_height / height)
    return figure_drawing(fig, round(width * scale, 1))


def _draw_box(ax, rectangle, box: Box) -> None:
    style = STYLES[box.style]
    ax.add_patch(rectangle((box.left, box.y), box.width, box.height, facecolor=style.fill, edgecolor=style.edge,
                           linewidth=style.linewidth, linestyle=(0, (3, 2)) if style.dashed else "solid",
                           zorder=2))
    title_h = _text_height(len(box.title), TITLE_PT)
    detail_h = _text_height(len(box.detail), DETAIL_PT) + (0.6 if box.detail else 0.0)
    y = box.y + (box.height - title_h - detail_h) / 2
    for line in box.title:
        step = TITLE_PT * PT * LINE
        ax.text(box.x, y + step / 2, line, fontsize=TITLE_PT, fontweight="bold", ha="center", va="center",
                color=style.text, zorder=3)
        y += step
    y += 0.6 if box.detail else 0.0
    for line in box.detail:
        step = DETAIL_PT * PT * LINE
        ax.text(box.x, y + step / 2, line, fontsize=DETAIL_PT, ha="center", va="center", color=style.text, zorder=3)
        y += step
