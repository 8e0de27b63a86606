"""Deciding what an uploaded CV really is, from its bytes alone."""

import zipfile

from django.http.multipartparser import MultiPartParser, MultiPartParserError
from rest_framework.parsers import MultiPartParser as DRFMultiPartParser

CV_MAX_BYTES = 10 * 1024 * 1024
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


def file_name_problem(name: str) -> str | None:
    """Why a user-given file name is refused, or None when it is fine."""
    if not name or not name.strip():
        return "The file needs a name."
    if any(character in name for character in ("/", "\\", "\x00")) or name.strip() in (".", ".."):
        return "The file name must not contain a path."
    if len(name) > 200:
        return "The file name may be at most 200 characters."
    return None


class _PathRefusingMultiPartParser(MultiPartParser):
    def sanitize_file_name(self, file_name):
        # Django would quietly strip a path; the API refuses it so the caller knows.
        if file_name and any(character in file_name for character in ("/", "\\")):
            raise MultiPartParserError("File names must not contain a path.")
        return super().sanitize_file_name(file_name)


class StrictMultiPartParser(DRFMultiPartParser):
    """DRF's multipart parser, refusing uploads whose file name carries a path."""

    def parse(self, stream, media_type=None, parser_context=None):
        from django.conf import settings
        from rest_framework.exceptions import ParseError
        from rest_framework.parsers import DataAndFiles

        parser_context = parser_context or {}
        request = parser_context["request"]
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        meta = request.META.copy()
        meta["CONTENT_TYPE"] = media_type
        try:
            parser = _PathRefusingMultiPartParser(meta, stream, request.upload_handlers, encoding)
            data, files = parser.parse()
            return DataAndFiles(data, files)
        except MultiPartParserError as error:
            raise ParseError(f"Multipart form parse error - {error}") from error
