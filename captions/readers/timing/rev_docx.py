"""Rev's DOCX export: the same turns as the TXT export, one paragraph a line.

The document's paragraphs (body and table cells, in document order; headers and footers left
out) become lines of text, a blank line between paragraphs, and `parse_rev` reads them, so every
rule of the Rev text reader applies. Line numbers in words, stamps, warnings and errors are then
turned back into paragraph numbers, which is what a person can find in a word processor.
Paragraphs are found in one flat pass, so nested tables cost no more than flat ones; the limits
are the clean-text reader's (`captions.readers.clean.docx`).
"""
from __future__ import annotations

import io
import re
import zipfile

from ...errors import CaptionsError, InputError
from ...model import Anchor, Transcript, Turn, Word
from ..decoding import MAX_PACKAGE_BYTES, MAX_XML_BYTES, why_unreadable
from .rev import parse_rev


def docx_paragraphs(data: bytes, path: str = "<transcript>") -> list[str]:
    """The text of a .docx file's paragraphs, in order. A ZIP that is not a Word document, or a
    damaged one, is an `InputError` naming the file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            try:
                info = archive.getinfo("word/document.xml")
            except KeyError:
                raise InputError("a ZIP archive without word/document.xml: not a Word (.docx) document",
                                 path) from None
            if info.file_size > MAX_XML_BYTES:
                raise InputError(f"the document's text is {info.file_size // (1024 * 1024)} MiB unpacked; "
                                 f"the limit is {MAX_XML_BYTES // (1024 * 1024)} MiB", path)
            package = sum(member.file_size for member in archive.infolist())
            if package > MAX_PACKAGE_BYTES:
                raise InputError(f"the Word file unpacks to {package // (1024 * 1024)} MiB; the limit is "
                                 f"{MAX_PACKAGE_BYTES // (1024 * 1024)} MiB", path)
    except zipfile.BadZipFile as exc:
        raise InputError(f"a damaged ZIP/.docx file: {exc}", path) from None
    except (OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise InputError(f"cannot read the ZIP/.docx file: {exc}", path) from None

    import docx   # python-docx; only documents pay for importing it
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        return [Paragraph(p, document).text for p in document.element.body.iter(qn("w:p"))]
    except CaptionsError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx, zipfile and lxml raise many kinds
        raise InputError(f"cannot read the Word document: {why_unreadable(exc)}", path) from None


def parse_rev_docx(data: bytes, path: str = "<transcript>") -> Transcript:
    """A Rev transcript exported as .docx, read by the Rev text rules."""
    paragraphs = docx_paragraphs(data, path)
    lines: list[str] = []
    paragraph_of: list[int] = []    # text line (0-based) -> paragraph number (1-based)
    for number, text in enumerate(paragraphs, start=1):
        for line in text.split("\n"):   # a line break inside a paragraph
            lines.append(line)
            paragraph_of.append(number)
        lines.append("")
        paragraph_of.append(number)

    def para(line: int | None) -> int | None:
        return paragraph_of[line - 1] if line and 0 < line <= len(paragraph_of) else line

    try:
        t = parse_rev("\n".join(lines), path)
    except CaptionsError as exc:
        exc.line = para(exc.line)
        exc.args = (exc.message, exc.path, exc.line)
        raise
    prefix = re.compile(rf"^{re.escape(path)}:(\d+):")
    return Transcript(
        tuple(Word(w.text, w.turn, w.paragraph, para(w.line), w.placeholder) for w in t.words),
        tuple(Turn(u.speaker, u.first, u.end, para(u.line)) for u in t.turns),
        tuple(Anchor(a.word, a.time_ms, para(a.line), a.trusted, a.resolution_ms) for a in t.anchors),
        tuple(prefix.sub(lambda m: f"{path}:{para(int(m.group(1)))}:", w) for w in t.warnings),
    )
