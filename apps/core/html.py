"""User HTML, cleaned once when it is written so it can be shown as it is."""

import html
import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def sanitize_html(value: str) -> str:
    """Only formatting tags survive: no scripts, styles, event handlers or javascript: links."""
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow ugc",
    ).strip()


def html_to_text(value: str) -> str:
    """Plain text of sanitised HTML, for search, feeds and structured data."""
    text = re.sub(r"<(br|/p|/li|/h[34])\s*/?>", "\n", value or "")
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\n{3,}", "\n\n", html.unescape(text)).strip()
