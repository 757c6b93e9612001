"""The draft's charts drawn with matplotlib from their specs, with a CJK font set explicitly (no tofu).
Each spec is drawn once per process, however many writers ask for it."""

from __future__ import annotations

import io
import re
import subprocess
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from ..compile.draft import CHART_TYPES, ChartSpec, DraftFigure, Picture  # noqa: E402
from ..conventions import PLACEHOLDER  # noqa: E402
from ..errors import InputError  # noqa: E402

FALLBACK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
PALETTE = ["#2F5597", "#ED7D31", "#70AD47", "#FFC000", "#5B9BD5", "#A5A5A5", "#7030A0", "#C00000"]


@cache
def cjk_font() -> str:
    """Register a CJK font with matplotlib and return its family name. fc-match first, so any
    installed Noto CJK (or other CJK) font works; the Debian path of fonts-noto-cjk as fallback."""
    path = None
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans CJK SC:lang=zh-cn"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        path = Path(found) if found else None
    except (OSError, subprocess.SubprocessError):
        path = None
    if path is None or not path.exists() or "CJK" not in path.name and "Hei" not in path.name:
        path = FALLBACK_FONT
    if not path.exists():
        raise InputError(str(path), "未找到中文字体（Noto CJK）。请运行 scripts/setup-system.sh 安装 fonts-noto-cjk。")
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def figure_picture(figure: DraftFigure) -> Picture:
    """The figure's picture, its chart drawn, or (a draft's figure without either) a placeholder."""
    if figure.chart is not None:
        return Picture(draw(figure.chart), "png")
    return figure.picture or Picture(placeholder(f"{PLACEHOLDER}图片"), "png")


@cache
def placeholder(text: str) -> bytes:
    """A grey frame with a note: what a draft shows where a picture or chart's data is still missing."""
    plt.rcParams["font.family"] = [cjk_font()]
    fig, ax = plt.subplots(figsize=(6.4, 2.4), dpi=100)
    try:
        ax.set_axis_off()
        ax.add_patch(plt.Rectangle((0.01, 0.02), 0.98, 0.96, fill=False, edgecolor="#999999", linestyle="--",
                                   transform=ax.transAxes))
        ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=16, color="#C00000", transform=ax.transAxes)
        return _png(fig)
    finally:
        plt.close(fig)


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


@cache
def draw(spec: ChartSpec) -> bytes:
    """A PNG of the chart (a placeholder when a draft has no data for it)."""
    if not spec.categories:
        return placeholder(f"{PLACEHOLDER}{CHART_TYPES[spec.kind]}数据")
    with plotted(spec) as (fig, _):
        return _png(fig)


@contextmanager
def plotted(spec: ChartSpec):
    """The chart's matplotlib figure and axes, closed on leaving."""
    kind, categories, series, unit = spec.kind, list(spec.categories), {name: list(v) for name, v in spec.series}, spec.unit
    plt.rcParams["font.family"] = [cjk_font()]
    plt.rcParams["axes.unicode_minus"] = False
    fig, ax = plt.subplots(figsize=(6.4, 3.4), dpi=150)
    try:
        if kind == "pie":
            name, values = next(iter(series.items()))
            _pie(ax, categories, values, unit or _unit_in(name))
        else:
            _axes_chart(ax, kind, categories, series, unit)
        fig.tight_layout()
        yield fig, ax
    finally:
        plt.close(fig)


def _unit_in(header: str) -> str:
    """The unit a column header states in brackets: 金额（万元） → 万元."""
    match = re.search(r"[（(]([^（）()]{1,4})[）)]\s*$", header)
    return match.group(1) if match else ""


def _pie(ax, categories: list[str], values: list[float], unit: str) -> None:
    total = sum(values)
    wedges, _ = ax.pie(values, colors=PALETTE[: len(values)], startangle=90, counterclock=False,
                       wedgeprops={"linewidth": 1, "edgecolor": "white"})
    # The legend carries what a wedge cannot hold legibly: value with its unit, and the share.
    ax.legend(wedges, [f"{c}  {v:g}{unit}（{v / total:.1%}）" if total else f"{c}  {v:g}{unit}"
                       for c, v in zip(categories, values)],
              loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=9)
    ax.axis("equal")


def _axes_chart(ax, kind: str, categories: list[str], series: dict[str, list[float]], unit: str) -> None:
    positions = range(len(categories))
    count = len(series)
    width = 0.8 / count
    for k, (name, values) in enumerate(series.items()):
        color = PALETTE[k % len(PALETTE)]
        if kind == "line":
            ax.plot(list(positions), values, marker="o", color=color, label=name)
            for x, v in zip(positions, values):
                ax.annotate(f"{v:g}", (x, v), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8)
            continue
        offsets = [p - 0.4 + width * (k + 0.5) for p in positions]
        bars = (ax.barh if kind == "barh" else ax.bar)(offsets, values, width * 0.9, color=color, label=name)
        ax.bar_label(bars, labels=[f"{v:g}" for v in values], fontsize=8, padding=2)
    if kind == "barh":
        ax.set_yticks(list(positions), categories)
        ax.invert_yaxis()
        ax.margins(x=0.12)
    else:
        ax.set_xticks(list(positions), categories)
        ax.margins(y=0.15)
    if kind == "line" and min(v for values in series.values() for v in values) >= 0:
        ax.set_ylim(bottom=0, top=ax.get_ylim()[1])  # a line from zero: a rise is not drawn larger than it is
    value_axis = ax.xaxis if kind == "barh" else ax.yaxis
    if all(float(v).is_integer() for values in series.values() for v in values):
        value_axis.set_major_locator(MaxNLocator(integer=True))  # counts: no 12.5 部 on the axis
    if unit:  # written level at the value axis's end, never turned on its side
        if kind == "barh":
            ax.set_xlabel(f"单位：{unit}", loc="right", fontsize=9)
        else:
            ax.text(0.0, 1.02, f"单位：{unit}", transform=ax.transAxes, ha="left", va="bottom", fontsize=9)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if count > 1:
        ax.legend(frameon=False, fontsize=9)
