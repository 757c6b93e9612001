"""Pictures a chapter embeds (``![标题](images/x.png)``) are untrusted input: the path must stay inside
the project folder (symbolic links resolved), the content must be a raster image (its bytes decide,
not its name), and bytes and pixels are bounded. GIF, BMP and WebP become PNG, so every writer
(WeasyPrint, python-docx) gets PNG or JPEG."""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import InputError
from .draft import Picture

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 8000 × 5000: more than any printed page needs
FORMAT_NAMES = "PNG、JPEG、GIF、BMP 或 WebP"
KEPT = {"png", "jpeg"}  # what both writers take as they are


def sniff(head: bytes) -> str | None:
    """The raster format the first bytes announce, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"BM") and len(head) >= 26:
        return "bmp"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def locate(written: str, chapter: Path, root: Path) -> Path:
    """The file a chapter names, relative to the chapter's folder or else to the project folder,
    refused when it resolves (links followed) outside the project."""
    inside = root.resolve()
    candidates = [(chapter.parent / written).resolve(), (root / written).resolve()]
    for path in candidates:
        if path.is_relative_to(inside) and path.is_file():
            return path
    if not any(path.is_relative_to(inside) for path in candidates):
        raise ValueError(f"图片“{written}”不在项目文件夹内。只能使用项目 images/ 文件夹中的图片，请把图片复制进去并改用 images/ 下的路径。")
    raise ValueError(f"图片文件“{written}”不存在。请把图片放到项目的 images/ 文件夹并检查路径。")


def load_picture(written: str, chapter: Path, root: Path, where: str) -> Picture:
    """The picture a chapter names, checked; an InputError at ``where`` (file and line) otherwise."""
    try:
        path = locate(written, chapter, root)
    except ValueError as problem:
        raise InputError(where, str(problem)) from None
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(where, f"图片“{written}”有 {size / 1024 / 1024:.0f} MB，超过 {MAX_BYTES // 1024 // 1024} MB 的上限。"
                                "请压缩或缩小后再用。")
    data = path.read_bytes()
    kind = sniff(data[:32])
    if kind is None:
        raise InputError(where, f"“{written}”不是 {FORMAT_NAMES} 格式的图片（按文件内容判断）。"
                                "SVG 等矢量图或其他文件请先导出为 PNG 或 JPEG。")
    return Picture(*_checked(data, kind, written, where))


def _checked(data: bytes, kind: str, written: str, where: str) -> tuple[bytes, str]:
    from PIL import Image

    damaged = InputError(where, f"图片“{written}”已损坏或不完整，无法读取。请重新导出图片后再试。")
    too_large = f"超过 {MAX_PIXELS // 10000} 万像素的上限。请缩小后再用（印刷用图 300 dpi 即可）。"
    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise InputError(where, f"图片“{written}”为 {width}×{height} 像素，{too_large}")
            image.verify()
    except InputError:
        raise
    except Image.DecompressionBombError:  # Pillow's own, far higher limit, met before ours
        raise InputError(where, f"图片“{written}”的像素数{too_large}") from None
    except Exception:  # Pillow raises many kinds for a damaged file
        raise damaged from None
    if kind in KEPT:
        return data, kind
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.seek(0)  # an animated GIF prints its first frame
            out = io.BytesIO()
            image.convert("RGBA" if image.mode in ("P", "LA", "RGBA") else "RGB").save(out, format="PNG")
    except Exception:
        raise damaged from None
    return out.getvalue(), "png"
