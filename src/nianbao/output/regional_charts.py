"""Distribution charts of the regional report (matplotlib, Chinese labels, PNG as data URIs)."""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from ..evaluate.regional import Regional  # noqa: E402

CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "WenQuanYi Zen Hei", "SimHei")
MAX_BOX_CHARTS = 12


def _use_cjk_font() -> None:
    available = {font.name for font in font_manager.fontManager.ttflist}
    plt.rcParams["font.sans-serif"] = [f for f in CJK_FONTS if f in available] + ["DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def score_histogram(regional: Regional) -> str:
    _use_cjk_font()
    figure, axes = plt.subplots(figsize=(7, 3.2))
    scores = [s.score for s in regional.schools] or [0.0]
    low, high = min(scores), max(scores)
    # The scores' real range, not 0–100 (a score never passes 100).
    span = (low - 0.5, min(high + 0.5, 100.0)) if high - low < 1 else (low, high)
    levels = regional.levels
    # Stacked, one colour per level: overlaid translucent bars mixed their colours.
    axes.hist([[s.score for s in regional.schools if s.level == level] for level in levels] or [scores], bins=10,
              range=span, stacked=True, label=levels or None, edgecolor="white")
    axes.set_xlabel("合规性得分")
    axes.set_ylabel("学校数")
    axes.set_title("合规性得分分布")
    if levels:
        axes.legend()
    return _png(figure)


def indicator_boxes(regional: Regional) -> list[tuple[str, str]]:
    """One box plot per indicator (by level) for the indicators most schools report."""
    _use_cjk_font()
    covered = sorted(regional.indicators, key=lambda item: -item[1].n)[:MAX_BOX_CHARTS]
    charts = []
    for indicator, _, _ in covered:
        data, labels = [], []
        for level in regional.levels:
            values = [s.values[indicator.id] for s in regional.schools if s.level == level and indicator.id in s.values]
            if values:
                data.append(values)
                labels.append(f"{level}（{len(values)}校）")
        figure, axes = plt.subplots(figsize=(3.6, 2.8))
        axes.boxplot(data, tick_labels=labels)
        axes.set_title(f"{indicator.name}（{indicator.unit}）", fontsize=10)
        charts.append((indicator.name, _png(figure)))
    return charts
