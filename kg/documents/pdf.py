"""PDF → text through ``pypdf`` (optional: ``pip install pypdf``).

Pages are joined with a blank line; metadata comes from the PDF's document
information (title, author, creation date). A scanned PDF without a text layer
gives no text and is reported as such.
"""

from __future__ import annotations

from pathlib import Path

from kg.documents.errors import DocumentError


def to_text(path: Path) -> tuple[str, dict[str, str]]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise DocumentError(str(path), "reading PDF needs the 'pypdf' package: run '.venv/bin/pip install pypdf' (or save the document as text or HTML)") from None
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001 - any failure means we cannot read it
                raise DocumentError(str(path), "the PDF is encrypted; save an unencrypted copy") from None
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        info = reader.metadata or {}
    except DocumentError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError) as exc:
        raise DocumentError(str(path), f"not a readable PDF ({exc})") from None
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise DocumentError(str(path), "the PDF has no text layer (a scan?); run OCR first or provide a text copy")
    meta: dict[str, str] = {}
    for field, name in (("/Title", "title"), ("/Author", "publisher")):
        value = info.get(field) if hasattr(info, "get") else None
        if value:
            meta[name] = str(value).strip()
    created = info.get("/CreationDate") if hasattr(info, "get") else None
    if created and str(created).startswith("D:") and len(str(created)) >= 10:
        raw = str(created)[2:10]
        meta["date"] = f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"
    return text, meta
