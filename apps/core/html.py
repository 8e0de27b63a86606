"""User HTML, cleaned once when it is written so it can be shown as it is."""

import html
import re

import nh3
from markdown_it import MarkdownIt

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


# CommonMark as people type it: a single line break stays a line break, and HTML written
# by hand (or stored before Markdown) passes through, to be sanitised like everything else.
_markdown = MarkdownIt("commonmark", {"breaks": True, "html": True})
# Page titles are h1/h2; a heading in user text becomes h3 or h4.
_HEADING_TAGS = {"h1": "h3", "h2": "h3", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}


def markdown_to_html(value: str) -> str:
    """Markdown (blank lines, "- " lists, **bold**, [links](…)) as sanitised HTML."""
    tokens = _markdown.parse(value or "")
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = _HEADING_TAGS[token.tag]
    return sanitize_html(_markdown.renderer.render(tokens, _markdown.options, {}))


def html_to_text(value: str) -> str:
    """Plain text of sanitised HTML, for search, feeds and structured data."""
    text = re.sub(r"<(br|/p|/li|/h[34])\s*/?>", "\n", value or "")
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\n{3,}", "\n\n", html.unescape(text)).strip()
