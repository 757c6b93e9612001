"""The draft's charts drawn with matplotlib from their specs, with a CJK font set explicitly (no tofu).
Each spec is drawn once per process, however many writers ask for it."""

from __future__ import annotations

import io
import subprocess
from functools import cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from ..compile.draft import ChartSpec, DraftFigure  # noqa: E402
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


def figure_png(figure: DraftFigure) -> bytes:
    """The figure's picture, or its chart drawn."""
    return figure.png if figure.chart is None else draw(figure.chart)


@cache
def draw(spec: ChartSpec) -> bytes:
    """A PNG of the chart."""
    kind, categories, series, unit = spec.kind, list(spec.categories), {name: list(v) for name, v in spec.series}, spec.unit
    plt.rcParams["font.family"] = [cjk_font()]
    plt.rcParams["axes.unicode_minus"] = False
    fig, ax = plt.subplots(figsize=(6.4, 3.4), dpi=150)
    try:
        if kind == "pie":
            _pie(ax, categories, next(iter(series.values())))
        else:
            _axes_chart(ax, kind, categories, series, unit)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(fig)


def _pie(ax, categories: list[str], values: list[float]) -> None:
    wedges, _, _ = ax.pie(values, colors=PALETTE[: len(values)], autopct="%1.1f%%", startangle=90,
                          counterclock=False, pctdistance=0.75, wedgeprops={"linewidth": 1, "edgecolor": "white"},
                          textprops={"fontsize": 8, "color": "white"})
    ax.legend(wedges, [f"{c}（{v:g}）" for c, v in zip(categories, values)], loc="center left",
              bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=9)
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
        ax.set_xlabel(unit)
        ax.margins(x=0.12)
    else:
        ax.set_xticks(list(positions), categories)
        ax.set_ylabel(unit)
        ax.margins(y=0.15)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if count > 1:
        ax.legend(frameon=False, fontsize=9)
