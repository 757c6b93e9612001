"""Old binary Word/WPS files (.doc, .wps): converted to DOCX with LibreOffice when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError
from ..model import Document
from .docx import read_docx

CONVERT_SECONDS = 180


def read_legacy(path: Path) -> Document:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise InputError(str(path), "这是旧版 Word/WPS 格式（.doc/.wps），需要安装 LibreOffice 才能自动转换。"
                                    "请在 Word/WPS 中打开并“另存为” .docx 或导出为 PDF 后再试。")
    with tempfile.TemporaryDirectory(prefix="nianbao-convert-") as out:
        try:
            subprocess.run([office, "--headless", "--convert-to", "docx", "--outdir", out, str(path)],
                           capture_output=True, timeout=CONVERT_SECONDS, check=True)
        except (subprocess.SubprocessError, OSError):
            raise InputError(str(path), "用 LibreOffice 转换旧版 Word/WPS 文件失败（文件可能已损坏）。"
                                        "请在 Word/WPS 中打开并另存为 .docx 或导出为 PDF 后再试。") from None
        converted = Path(out) / f"{path.stem}.docx"
        if not converted.exists():
            raise InputError(str(path), "LibreOffice 未能转换这个文件。请在 Word/WPS 中打开并另存为 .docx 或导出为 PDF 后再试。")
        document = read_docx(converted)
    document.path, document.format = str(path), "doc"
    return document
