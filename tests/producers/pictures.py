"""Small pictures to stand above figure captions: a bar chart drawn as plain shapes (no text, so
a picture never adds words to a text layer), different for every figure, the same every run."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

WIDTH, HEIGHT = 360, 180
COLOURS = [(68, 114, 196), (237, 125, 49), (112, 173, 71), (255, 192, 0), (91, 155, 213)]


def picture(folder: Path, key: str) -> Path:
    """The PNG for figure ``key`` (written once into ``folder``)."""
    from PIL import Image, ImageDraw

    seed = hashlib.sha256(key.encode()).digest()
    path = folder / f"figure-{seed.hex()[:12]}.png"
    if path.exists():
        return path
    image = Image.new("RGB", (WIDTH, HEIGHT), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH - 1, HEIGHT - 1], outline=(160, 160, 160))
    draw.line([30, HEIGHT - 20, WIDTH - 15, HEIGHT - 20], fill=(90, 90, 90), width=2)
    bars = 4 + seed[0] % 4
    step = (WIDTH - 60) // bars
    for i in range(bars):
        top = 25 + seed[i + 1] % (HEIGHT - 60)
        left = 40 + i * step
        draw.rectangle([left, top, left + step * 2 // 3, HEIGHT - 21], fill=COLOURS[(seed[9] + i) % len(COLOURS)])
    partial = path.with_suffix(f".{os.getpid()}.partial")
    image.save(partial, format="PNG")
    partial.replace(path)
    return path
