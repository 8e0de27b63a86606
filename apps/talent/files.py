"""Deciding what an uploaded CV really is, from its bytes alone."""

import zipfile

CV_MAX_BYTES = 10 * 1024 * 1024
CVS_PER_PERSON = 20
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}


def detect_cv_type(upload) -> str | None:
    """`pdf`, `docx` or `odt` when the content is one, else None (names and headers ignored)."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf" if _pdf_has_an_end(upload) else None
    if head.startswith(b"PK\x03\x04"):
        return _office_type(upload)
    return None


def _pdf_has_an_end(upload) -> bool:
    upload.seek(0, 2)
    size = upload.tell()
    upload.seek(max(0, size - 2048))
    tail = upload.read()
    upload.seek(0)
    return b"%%EOF" in tail


def _office_type(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                # ODF keeps its type, uncompressed, as the archive's first entry.
                info = archive.getinfo("mimetype")
                if info.file_size <= 100 and archive.read("mimetype").strip() == ODT_MIMETYPE:
                    return "odt" if "content.xml" in names else None
                return None
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
            return None
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    finally:
        upload.seek(0)
