"""A Word document (.docx) to the clean text's plain lines.

Each paragraph of the body is a line (a line break inside it, Shift+Enter, is one too); an empty
paragraph is a blank line, the break between blocks. A heading or title paragraph starts a block
of its own, and so does a paragraph that opens with a bold ``Name:`` (a speaker label), the label
on a line of its own as blog copies have it (so a speaker who talks once is still found). Tables
give their cells' paragraphs (a table inside a cell where it stands, once); text in tracked
deletions, text boxes, comments, footnotes and the page header and footer is not the article's
and is left out.

Bounds: the document part may unpack to at most `MAX_XML_BYTES` and the whole package to
`MAX_PACKAGE_BYTES` (python-docx reads every part); XML nested deeper than the parser's limit of
256 elements is refused (a real document nests a few dozen), which also bounds the recursion here.
"""
from __future__ import annotations

import io
import zipfile

from ...errors import InputError
from ..decoding import MAX_PACKAGE_BYTES, MAX_XML_BYTES, one_line, why_unreadable

__all__ = ["docx_to_text", "is_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_DOCUMENT = "word/document.xml"
# Not the article's text: deletions, moved-away text, drawings and text boxes, field codes.
_SKIP = {_W + "del", _W + "moveFrom", _W + "drawing", _W + "pict", _W + "object", _W + "pPr",
         _W + "rPr", _W + "instrText", _W + "delText", _W + "fldChar", _W + "commentReference",
         _W + "footnoteReference", _W + "endnoteReference", _MC + "Fallback", _W + "txbxContent"}
_FALSE = {"0", "false", "off", "none"}


def is_docx(data: bytes) -> bool:
    """True when the bytes are a ZIP archive holding a Word document part."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _DOCUMENT in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False


def docx_to_text(data: bytes, path: str = "<docx>") -> str:
    """The body text of a .docx (its bytes) as plain lines. Raises `InputError` naming ``path``
    for a file that is not a readable Word document."""
    _check_archive(data, path)
    try:
        import docx   # python-docx; loaded here so reading plain text never pays for it
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:   # python-docx raises many kinds on damaged packages
        raise InputError(f"not a readable Word document: {why_unreadable(exc)}", path) from None
    lines: list[str] = []
    _blocks(body, _Styles(document), lines)
    return "\n".join(lines).strip("\n") + "\n"


def _check_archive(data: bytes, path: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if _DOCUMENT not in names:
                what = ("an OpenDocument file (.odt)" if "content.xml" in names
                        else "an Excel workbook" if "xl/workbook.xml" in names
                        else "a PowerPoint file" if "ppt/presentation.xml" in names
                        else "a ZIP archive")
                raise InputError(f"this is {what}, not a Word document (.docx); save the text as "
                                 ".docx, .txt, .md or .html", path)
            size = archive.getinfo(_DOCUMENT).file_size
            package = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise InputError(f"not a readable Word document (damaged ZIP: {one_line(exc)})", path) from None
    except (ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise InputError(f"not a readable Word document: {one_line(exc)}", path) from None
    if size > MAX_XML_BYTES:
        raise InputError(f"the document unpacks to {size // (1024 * 1024)} MiB; the limit is "
                         f"{MAX_XML_BYTES // (1024 * 1024)} MiB", path)
    if package > MAX_PACKAGE_BYTES:
        raise InputError(f"the Word file unpacks to {package // (1024 * 1024)} MiB; the limit is "
                         f"{MAX_PACKAGE_BYTES // (1024 * 1024)} MiB", path)


_WRAPPERS = (_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins", _W + "moveTo")


def _blocks(container, styles: _Styles, lines: list[str]) -> None:
    """Paragraphs and tables of a body, cell or content control, in document order."""
    for child in container:
        tag = child.tag
        if tag == _W + "p":
            _paragraph(child, styles, lines)
        elif tag == _W + "tbl":
            _blank(lines)
            for cell in _cells(child):
                _blocks(cell, styles, lines)
            _blank(lines)
        elif tag in _WRAPPERS:
            _blocks(child, styles, lines)


def _cells(table):
    """The cells of a table's own rows, in order (rows and cells may sit in content controls),
    not those of a table nested in a cell: each cell gives its text once, where it stands."""
    stack = [iter(table)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == _W + "tc":
            yield child
        elif child.tag == _W + "tr" or child.tag in _WRAPPERS:
            stack.append(iter(child))


def _paragraph(p, styles: _Styles, lines: list[str]) -> None:
    runs: list[tuple[str, bool]] = []
    _runs(p, False, runs)
    text = "".join(t for t, _ in runs)
    if not text.strip():
        _blank(lines)
        return
    heading = _is_heading(p, styles)
    label = _bold_label(runs)
    if heading or label:
        _blank(lines)
    if label:   # a speaker label on a line of its own, as the blog copies have it
        lines.append(label[0])
        text = label[1]
    lines.extend(text.split("\n") if text.strip() else [])
    if heading:
        _blank(lines)


def _runs(element, bold: bool, out: list[tuple[str, bool]]) -> None:
    """The text of a paragraph's runs with each run's boldness, skipping what is not shown."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _W + "r":
            run_bold = _run_bold(child)
            for part in child:
                ptag = part.tag
                if ptag == _W + "t":
                    out.append((part.text or "", run_bold))
                elif ptag in (_W + "tab", _W + "ptab"):
                    out.append((" ", run_bold))
                elif ptag in (_W + "br", _W + "cr"):
                    out.append(("\n", run_bold))
                elif ptag == _W + "noBreakHyphen":
                    out.append(("-", run_bold))
                elif ptag == _MC + "AlternateContent":
                    _runs(part, run_bold, out)
        elif tag == _W + "p":
            continue   # a paragraph nested in a text box or similar: not the body's
        else:
            _runs(child, bold, out)


def _run_bold(run) -> bool:
    rpr = run.find(_W + "rPr")
    if rpr is None:
        return False
    b = rpr.find(_W + "b")
    if b is not None:
        return str(b.get(_W + "val", "true")).lower() not in _FALSE
    style = rpr.find(_W + "rStyle")
    return style is not None and "strong" in str(style.get(_W + "val", "")).lower()


def _bold_label(runs: list[tuple[str, bool]]) -> tuple[str, str] | None:
    """The speaker label a paragraph opens with and the text after it: bold text ending in a colon
    (**Elon Musk:** I don't know), or bold text the colon follows (**Elon Musk**: I don't know)."""
    head = ""
    for i, (text, bold) in enumerate(runs):
        if not head and not text.strip():
            continue
        if bold and "\n" not in text:
            head += text
            if len(head) > 60:
                return None
            continue
        rest = "".join(t for t, _ in runs[i:])
        if head.rstrip().endswith((":", "：")):
            return head.strip(), rest.strip(" ")
        if head.strip() and rest.lstrip(" ").startswith((":", "：")):
            return head.strip() + rest.lstrip(" ")[0], rest.lstrip(" ")[1:].strip(" ")
        return None
    return (head.strip(), "") if head.rstrip().endswith((":", "：")) else None


def _is_heading(p, styles: _Styles) -> bool:
    ppr = p.find(_W + "pPr")
    if ppr is None:
        return False
    level = ppr.find(_W + "outlineLvl")
    if level is not None and str(level.get(_W + "val", "9")) != "9":   # 9 is body text
        return True
    pstyle = ppr.find(_W + "pStyle")
    return pstyle is not None and styles.is_heading(str(pstyle.get(_W + "val", "")))


class _Styles:
    """Whether a paragraph style is a heading, looked up once a style: python-docx searches
    every style of the document for each lookup."""

    def __init__(self, document) -> None:
        self.document = document
        self.headings: dict[str, bool] = {}

    def is_heading(self, style_id: str) -> bool:
        if style_id not in self.headings:
            name = style_id
            try:
                from docx.enum.style import WD_STYLE_TYPE

                style = self.document.part.get_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
                name = style.name or style_id
            except Exception:
                pass
            name = name.lower().replace(" ", "")
            self.headings[style_id] = name.startswith("heading") or name in {"title", "subtitle"}
        return self.headings[style_id]


def _blank(lines: list[str]) -> None:
    if lines and lines[-1]:
        lines.append("")
