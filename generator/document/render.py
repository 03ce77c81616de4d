"""Render the tender document (.docx) of a :class:`Tender`.

How the pieces fit:

1. The **base template** (the bundled ``base-<lang>.docx`` or an authority's ``--template``) is opened;
   its styles, list numbering, page setup and settings are kept, its body and headers/footers are
   dropped.
2. The **content template** ``tender-document.docx`` supplies the body, header and footer with
   docxtpl tags. They are copied into the base with every style reference translated to the base's
   own style IDs (:class:`~generator.document.styles.StyleMap`), which copies house styles the base
   lacks.
3. docxtpl renders the result in a sandboxed, autoescaping Jinja environment: clause text is data,
   so ``&``, ``<`` and ``{{ x }}`` in it come out literally (python-docx-template #557, #549).
4. Finishing touches: the TOC field's cached result, tables fitted to the base's text width,
   ``w:updateFields``, the document language and the core properties, all dated ``built``.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

import docxtpl
from docx.document import Document
from docx.enum.section import WD_HEADER_FOOTER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import qn
from docx.oxml.parser import element_class_lookup
from docxtpl import DocxTemplate
from jinja2 import Environment, FileSystemBytecodeCache, FunctionLoader, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from .. import cache
from ..archive import normalize
from ..models.tender import Tender
from ..resources import templates_dir
from . import layout, ooxml
from .context import build_context
from .styles import StyleMap, open_template

CONTENT_TEMPLATE = "tender-document.docx"
LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}
_HEADINGS = ("Heading1", "Heading2")  # house style IDs of the levels the TOC lists
_ALL_HEADINGS = ("Heading1", "Heading2", "Heading3")
_TOC_LEVELS = ("TOC1", "TOC2")
_HEADER_FOOTER_TYPES = {"default": WD_HEADER_FOOTER.PRIMARY, "first": WD_HEADER_FOOTER.FIRST_PAGE,
                        "even": WD_HEADER_FOOTER.EVEN_PAGE}


class _Sandbox(SandboxedEnvironment):
    """A sandboxed, autoescaping Jinja environment that compiles each template source once.

    docxtpl compiles the whole document XML with ``from_string`` on every render, which costs more
    than the rendering itself. Here each source is served through a loader keyed by its SHA-256, so
    Jinja keeps the compiled template in memory and, across processes, as bytecode in tenderpack's
    per-user cache (:mod:`generator.cache`). A fresh ``tenderpack build`` then skips compiling the
    body, headers and footers again.
    """

    def __init__(self) -> None:
        self._sources: dict[str, str] = {}
        super().__init__(autoescape=True, undefined=StrictUndefined, loader=FunctionLoader(self._source),
                         bytecode_cache=_bytecode_cache(), cache_size=64)

    def _source(self, name: str) -> tuple[str, None, Callable[[], bool]] | None:
        source = self._sources.get(name)
        return None if source is None else (source, None, lambda: True)

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - Jinja's signature
        """The compiled template of ``source``, compiled on first use (in this process or any earlier one)."""
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        name = hashlib.sha256(source.encode("utf-8")).hexdigest()
        if len(self._sources) >= 64:
            self._sources.clear()
        self._sources[name] = source
        return self.get_template(name)

    def getattr(self, obj, attribute):  # noqa: A003 - Jinja's name
        """``obj.attribute`` in a template: for a plain ``dict``, the key straight away.

        Jinja tries the attribute first and takes the key only after an ``AttributeError``; the
        context is plain dicts, so every ``item.title`` raised and caught an exception (thousands per
        document). A name that is no attribute of ``dict`` ends up at the key either way, so the
        result, and what the sandbox allows, are the same.
        """
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Jinja's bytecode cache in tenderpack's cache folder, or none when caching is off."""
    folder = cache.cache_dir()
    return None if folder is None else FileSystemBytecodeCache(str(folder), "jinja-%s.cache")


_DICT_ATTRIBUTES = frozenset(dir(dict))
_ENV = _Sandbox()
_STRICT = etree.XMLParser(resolve_entities=False, huge_tree=True)
_STRICT.set_element_class_lookup(element_class_lookup)  # python-docx's classes, so ``.body`` etc. work
_DOC_PR = qn("wp:docPr")


class _Renderer(DocxTemplate):
    """docxtpl's renderer with its string passes short-cut, a strict parse, and no tree grafting.

    ``patch_xml`` (regex clean-up of the template XML) gives the same result for the same source, so
    it is computed once per source and kept in memory and in the per-user cache. ``resolve_listing`` (turning ``\\n``, ``\\t``, ``\\a``, ``\\f`` in
    rendered text into breaks, tabs and paragraphs) is skipped when none of those characters occurs.
    The template is the whole ``w:document``, not only its body, so the parsed result replaces the
    document's XML as it is.
    """

    _patched: ClassVar[dict[str, str]] = {}

    def get_xml(self) -> str:
        """The template source: the whole main document part (docxtpl takes only ``w:body``).

        docxtpl parses the rendered body on its own and grafts it into the document, which makes
        lxml visit every node to move it between documents; a parsed whole document is used as is.
        Namespace declarations in inserted XML (docxtpl's inline images) then stay where they are,
        redundant but harmless, instead of being dropped by the graft.
        """
        return self.xml_to_string(self.docx.element)

    def patch_xml(self, src_xml: str) -> str:
        """``DocxTemplate.patch_xml``, cached by source (and by docxtpl's version, on disk)."""
        if src_xml not in self._patched:
            if len(self._patched) >= 32:
                self._patched.clear()
            digest = hashlib.sha256(f"{docxtpl.__version__}\0{src_xml}".encode()).hexdigest()
            entry = f"docxtpl-{digest}.xml"
            stored = cache.read(entry)
            if stored is None:
                patched = super().patch_xml(src_xml)
                cache.write(entry, patched.encode("utf-8"))
            else:
                patched = stored.decode("utf-8")
            self._patched[src_xml] = patched
        return self._patched[src_xml]

    def render_xml_part(self, src_xml: str, part, context: dict, jinja_env: Environment | None = None) -> str:
        """``DocxTemplate.render_xml_part`` with string replacements instead of its two ``re.sub`` passes.

        docxtpl starts each ``<w:p`` on a line of its own, so that a Jinja error can quote the lines
        around it, and joins the lines again after rendering. Python 3.11's ``re.sub`` expands its
        replacement in Python for each of the thousands of paragraphs, which costs more than the
        Jinja rendering; ``str.replace`` gives the same text.
        """
        if jinja_env is None:
            return super().render_xml_part(src_xml, part, context, jinja_env)
        src_xml = src_xml.replace("<w:p ", "\n<w:p ").replace("<w:p>", "\n<w:p>")
        try:
            self.current_rendering_part = part
            dst_xml = jinja_env.from_string(src_xml).render(context)
        except TemplateError as exc:
            if getattr(exc, "lineno", None) is not None:
                first = max(exc.lineno - 4, 0)
                lines = src_xml.splitlines()[first:first + 7]
                exc.docx_context = [re.sub(r"<[^>]+>", "", line) for line in lines]
            raise
        dst_xml = dst_xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        if "{_" in dst_xml or "_}" in dst_xml:  # docxtpl's escapes of literal {{, }}, {% and %}: rare
            for escape, tag in (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}")):
                dst_xml = dst_xml.replace(escape, tag)
        return self.resolve_listing(dst_xml)

    def resolve_listing(self, xml: str) -> str:
        """``DocxTemplate.resolve_listing``, skipped when there is nothing to resolve."""
        return super().resolve_listing(xml) if any(c in xml for c in "\t\n\a\f") else xml

    def fix_tables(self, xml: str) -> etree._Element:
        """Parse the rendered document strictly, into python-docx's element classes.

        docxtpl's own version re-parses with ``recover=True``, which silently drops whatever is not
        well-formed (python-docx-template #634), and then repairs ``{%tc %}`` column loops, which this
        template does not use. A strict parse turns any such defect into an error instead. The text is
        parsed as it is: ``get_xml`` gives it no XML declaration, so it needs no encoding to bytes first.
        """
        return etree.fromstring(xml, _STRICT)

    def fix_docpr_ids(self, tree: etree._Element) -> None:
        """Number the drawings (``wp:docPr/@id``) from 1001 on, as docxtpl does, without its XPath scan.

        Drawing IDs must be unique in the document; ``iter`` finds the few drawings faster than
        docxtpl's ``//wp:docPr`` query.
        """
        for doc_pr in tree.iter(_DOC_PR):
            self.docx_ids_index += 1
            doc_pr.attrib["id"] = str(self.docx_ids_index)

    def map_tree(self, tree: etree._Element) -> None:
        """Make the rendered document the XML of the main document part."""
        # python-docx has no public setter for a part's XML; the Document proxies the same element.
        self.docx.part._element = self.docx._element = tree


def base_template(lang: str) -> Path:
    """The bundled base template of language ``lang``."""
    return templates_dir() / f"base-{lang}.docx"


@lru_cache(maxsize=4)
def _content(name: str) -> Document:
    """The content template ``name``, opened once per process; callers copy from it, never modify it."""
    return open_template(templates_dir() / name)


@lru_cache(maxsize=8)
def _shades_cells(name: str) -> bool:
    """Whether content template ``name`` uses docxtpl's ``{% cellbg %}``, which puts ``w:shd`` first in
    ``w:tcPr``; the other templates' cell properties are in schema order as written, and need no walk
    over every cell of the rendered document to check."""
    return b"cellbg" in etree.tostring(_content(name).element)


def _stories(content: Document, kind: str) -> dict[str, object]:
    """The content template's header or footer elements by type (``default``, ``first``)."""
    sect_pr = content.element.body.sectPr
    out = {}
    for ref in sect_pr.findall(qn(f"w:{kind}Reference")):
        out[ref.get(qn("w:type"))] = content.part.related_parts[ref.get(qn("r:id"))].element
    return out


def _install(base: Document, content: Document, styles: StyleMap) -> None:
    """Replace the base's body, headers and footers by the content template's, styles translated."""
    body = base.element.body
    sect_pr = body.sectPr
    if sect_pr is None:
        sect_pr = copy.deepcopy(content.element.body.sectPr)
        body.append(sect_pr)
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    # One copy and one pass over the whole body: per child they cost more than the copying itself.
    house_body = copy.deepcopy(content.element.body)
    styles.remap(house_body)
    for child in list(house_body):
        if child.tag != qn("w:sectPr"):
            sect_pr.addprevious(child)
    for ref in [r for r in sect_pr if r.tag in (qn("w:headerReference"), qn("w:footerReference"))]:
        sect_pr.remove(ref)
    # Drop every header and footer of the base, also those of sections whose breaks went with its
    # body: docxtpl renders each related header/footer part as a template.
    for rid, rel in list(base.part.rels.items()):
        if rel.reltype in (RT.HEADER, RT.FOOTER):
            base.part.drop_rel(rid)
    even_pages = base.settings.odd_and_even_pages_header_footer
    for kind, add_part, add_ref in (("header", base.part.add_header_part, sect_pr.add_headerReference),
                                    ("footer", base.part.add_footer_part, sect_pr.add_footerReference)):
        stories = _stories(content, kind)
        if even_pages:
            stories["even"] = stories["default"]
        for type_name, element in stories.items():
            part, rid = add_part()
            clone = copy.deepcopy(element)
            styles.remap(clone)
            part._element = clone  # python-docx has no public setter for a story part's XML
            add_ref(_HEADER_FOOTER_TYPES[type_name], rid)
    sect_pr.titlePg_val = True


def _set_core_properties(document: Document, tender: Tender, built: dt.datetime, kind: str) -> None:
    """Title, reference, authority, revision and dates in the package's core properties."""
    props = document.core_properties
    when = built.astimezone(dt.UTC).replace(tzinfo=None) if built.tzinfo else built
    # python-docx refuses core-property texts over 255 characters.
    props.title = tender.title[:255]
    props.subject = f"{kind} {tender.reference}"[:255]
    props.identifier = tender.reference
    props.author = tender.authority.name[:255]
    props.last_modified_by = "tenderpack"
    props.language = LANGUAGE_TAGS[tender.language]
    props.keywords = tender.reference
    props.version = str(tender.revision)
    props.revision = tender.revision
    props.comments = ""
    props.category = kind
    props.created = when
    props.modified = when


def render_tender_document(tender: Tender, template: Path | None = None, *, built: dt.datetime) -> bytes:
    """The tender document of ``tender`` as .docx bytes.

    ``template`` is the base template whose styles, numbering and page setup the document takes
    (``None``: the bundled base template of ``tender.language``). The text is dated by the current
    revision (:func:`~generator.timeline.tender_date`); ``built`` dates the core properties and zip
    entries. The current time is never used, so the same inputs give byte-identical output. Raises
    :class:`~generator.errors.TemplateError` when the template cannot be opened or
    lacks a required style.
    """
    context = build_context(tender)
    return render_content(CONTENT_TEMPLATE, lambda renderer: context, tender, kind=context["w"]["doc_kind"],
                          built=built, template=template)


def render_content(name: str, context: Callable[[DocxTemplate], dict], tender: Tender, *, kind: str,
                   built: dt.datetime, template: Path | None = None) -> bytes:
    """The content template ``name`` rendered with ``context(renderer)`` on a base template, as .docx bytes.

    Every house-style document (tender document, agreement annex, progress report) goes through here:
    the base template's styles, numbering and page setup, the content template's body, header and
    footer with their styles mapped, docxtpl in the sandboxed autoescaping environment, then the
    finishing touches. ``context`` receives the renderer so it can make docxtpl ``InlineImage`` or
    ``RichText`` values. ``template`` is the base template (``None``: the bundled one of
    ``tender.language``); ``kind`` names the document in its core properties. The same inputs give
    byte-identical output. Raises :class:`~generator.errors.TemplateError` when the base template
    cannot be used.
    """
    path = Path(template) if template is not None else base_template(tender.language)
    base = open_template(path)
    content = _content(name)
    styles = StyleMap(base, content, path)
    _install(base, content, styles)
    # docxtpl renders the base's core properties as templates too (render_properties); empty them so
    # nothing the authority typed there is interpreted, and fill them after rendering.
    props = base.core_properties
    for field in ("author", "comments", "identifier", "language", "subject", "title"):
        setattr(props, field, "")
    renderer = _Renderer(path)
    renderer.docx = base  # render the composed document instead of reloading ``path``
    renderer.render(context(renderer), jinja_env=_ENV, autoescape=True)
    _finish(base, styles, tender, built, kind, order_cells=_shades_cells(name))
    return _save(base, built)


def _finish(document: Document, styles: StyleMap, tender: Tender, built: dt.datetime, kind: str, *,
            order_cells: bool) -> None:
    """The steps after rendering: TOC, cell order (when ``order_cells``), table widths and ties,
    fields, language, properties."""
    body = document.element.body
    headings = [styles[h] for h in _HEADINGS]
    numbering = next((rel.target_part.element for rel in document.part.rels.values()
                      if rel.reltype == RT.NUMBERING and not rel.is_external), None)
    formats = ooxml.heading_number_formats(document.styles.element, numbering, headings)
    ooxml.fill_toc(body, headings, [styles[t] for t in _TOC_LEVELS], formats)
    if order_cells:
        layout.order_cell_properties(body)
    layout.fit_tables(body, ooxml.text_width(body.sectPr))
    layout.tie_tables_to_text(body, 160, {styles[h] for h in _ALL_HEADINGS})
    ooxml.set_update_fields(document.settings.element)
    ooxml.set_language(document.styles.element, LANGUAGE_TAGS[tender.language])
    _set_core_properties(document, tender, built, kind)


class _StoredZip:
    """Stands in for python-docx's zip writer (``PhysPkgWriter``), storing each part uncompressed."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        """Add the part ``pack_uri`` with content ``blob``."""
        self._archive.writestr(pack_uri.membername, blob)


def _save(document: Document, built: dt.datetime) -> bytes:
    """The .docx bytes of ``document``, every entry dated ``built`` (:func:`normalize`) and deflated once.

    python-docx's ``save`` always deflates, and normalize() would inflate and deflate every part
    again; so the three steps of python-docx's ``PackageWriter.write`` (its private helpers, stable
    across python-docx 1.x) run here on a zip that stores.
    """
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        writer = _StoredZip(archive)
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, parts)
    return normalize(out.getvalue(), built)
