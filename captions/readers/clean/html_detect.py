"""Does a text look like a web page? The sniff the clean-text dispatcher (`captions.readers.clean.text`)
makes before choosing a reader, kept apart from the HTML reader so neither imports the other."""
from __future__ import annotations

import re

__all__ = ["looks_like_html", "starts_with_tag"]


def looks_like_html(text: str) -> bool:
    """True when the text starts like an HTML document (``<!doctype html``, ``<html``, or an XML
    declaration followed by ``<html``), after white space and comments."""
    head = text[:4096].lstrip("\ufeff \t\r\n").lower()
    while head.startswith("<!--"):
        end = head.find("-->")
        if end < 0:
            return False
        head = head[end + 3:].lstrip()
    if head.startswith("<?xml"):
        return "<html" in head[:2048]
    return head.startswith("<!doctype html") or head.startswith("<html")


_FRAGMENT = re.compile(r"<(?:body|head|meta|div|p|article|section|main|span|h[1-6]|table|ul|ol|blockquote|br|b|"
                       r"strong|em|i|center|font)[\s/>]", re.I)


def starts_with_tag(text: str) -> bool:
    """True when the text starts with a common HTML element (``<div>``, ``<p>`` ...): a page
    fragment, such as a blog editor's HTML view copies."""
    return bool(_FRAGMENT.match(text[:4096].lstrip("\ufeff \t\r\n")))
