"""Regenerate the broken samples in this folder: `python tests/data/bad/make.py`.

Each sample's expected one-line message (a fragment of it) and line are in EXPECTED.json.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def document_xml(text: str) -> bytes:
    root = etree.Element(f"{{{W}}}document", nsmap={"w": W})
    run = etree.SubElement(
        etree.SubElement(etree.SubElement(root, f"{{{W}}}body"), f"{{{W}}}p"), f"{{{W}}}r"
    )
    etree.SubElement(run, f"{{{W}}}t").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def docx(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2014, 7, 2, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, data)
    return out.getvalue()


# Hostile XML must be written as literal bytes: no XML library would produce it.
XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE w:document [\n'
    b'  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
    b'<w:document xmlns:w="' + W.encode() + b'"><w:body><w:p><w:r><w:t>1. &xxe;</w:t>'
    b"</w:r></w:p></w:body></w:document>\n"
)
LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n  <!ENTITY lol "lol">\n'
    + b"".join(
        b'  <!ENTITY lol%d "%s">\n' % (k, (b"&lol%d;" % (k - 1) if k > 1 else b"&lol;") * 10)
        for k in range(1, 10)
    )
    + b']>\n<w:document xmlns:w="'
    + W.encode()
    + b'"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>\n'
)
GOOD = docx({"word/document.xml": document_xml("1. Recalling the resolutions,")})

SAMPLES: dict[str, bytes] = {
    "invalid-utf8.txt": b"# Title\n\n1. Caf\xe9 au lait,\n",
    "utf8-surrogate.txt": b"1. ok,\n2. \xed\xa0\x80 encoded surrogate\n",
    "lone-surrogate-utf16le.txt": codecs.BOM_UTF16_LE
    + "1. ok,\n2. ".encode("utf-16-le")
    + b"\x00\xd8"
    + "x\n".encode("utf-16-le"),
    "truncated-utf16be.txt": codecs.BOM_UTF16_BE + "1. ok,\n2. x".encode("utf-16-be")[:-1],
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    "nul.txt": b"1. text,\n2. te\x00xt\n",
    "utf16-without-bom.txt": "1. text,\n".encode("utf-16-le"),
    "garbage.bin": bytes(range(256)) * 4,
    "not-a-zip.docx": b"This is plain text, not a Word document.\n",
    "truncated.docx": GOOD[: len(GOOD) // 2],
    "no-document.docx": docx({"[Content_Types].xml": b"<Types/>"}),
    "malformed.docx": docx({"word/document.xml": b'<w:document xmlns:w="' + W.encode() + b'">'}),
    "no-body.docx": docx({"word/document.xml": b'<w:document xmlns:w="' + W.encode() + b'"/>'}),
    "doctype-xxe.docx": docx({"word/document.xml": XXE}),
    "billion-laughs.docx": docx({"word/document.xml": LAUGHS}),
    "zip-bomb.docx": docx({"word/document.xml": b" " * (150 * 1024 * 1024)}, zipfile.ZIP_BZIP2),
    "empty-body.docx": docx({"word/document.xml": document_xml("")}),
    "billion-laughs.html": LAUGHS.replace(b"lolz", b"html"),
    "xxe.xhtml": b'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b"<html><body><p>1. &xxe;</p></body></html>\n",
    "empty.md": b"",
    "blank.txt": b"\n\n   \r\n\t\n",
    "bom-only.md": codecs.BOM_UTF8,
}

if __name__ == "__main__":
    for name, data in SAMPLES.items():
        (HERE / name).write_bytes(data)
