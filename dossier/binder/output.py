"""The binder written out: its parts' segments numbered into one PDF file, with what only the whole binder
has (the page tree, one stamp stream per page, the merged fonts, the named destinations, the catalog and
its metadata), streamed to a file object in one pass.

Numbers are given first, from the segments' headers alone: each object of each segment in turn, except
that an object whose digest another segment's object already has is that object (one image, one font
program, one colour space for the whole binder). Then every object is written once, its markers
resolved, and the cross-reference table and trailer last, the file identifier a digest of all that came
before it: the same segments always give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass, field
from typing import BinaryIO, Callable

from pypdf.generic import DictionaryObject, NameObject, create_string_object

from ..render.fontshare import subset_tag, to_unicode_cmap, width_array
from . import pieces
from .objects import Templater, fill
from .segment import Segment
from .stamp import OPENING

__all__ = ["BinderFile", "write_binder", "Face", "merge_faces", "encode_face"]

_HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


@dataclass
class Face:
    """A system face as the whole binder uses it: the glyphs of all its copies, the first copy's
    dictionaries as the model (and the segment they were written in), its merged program."""

    postscript: str
    basefont: str
    model: dict
    model_segment: int
    widths: dict = field(default_factory=dict)
    unicode: dict = field(default_factory=dict)
    encoded: bytes = b""        # its program, ToUnicode map and widths as written (encode_face)


def merge_faces(segments: list[Segment]) -> dict[str, Face]:
    """The faces of all segments, in order of first use, with the union of their glyphs."""
    faces: dict[str, Face] = {}
    for index, segment in enumerate(segments):
        for name, entry in segment.meta.get("faces", {}).items():
            face = faces.get(name)
            if face is None:
                face = faces[name] = Face(name, entry["basefont"], entry["model"], index)
            face.widths.update({int(k): v for k, v in entry["widths"].items()})
            face.unicode.update({int(k): v for k, v in entry["unicode"].items()})
    return faces


@dataclass(frozen=True)
class BinderFile:
    pages: int
    sha256: str
    size: int


class _Out:
    """A file being written, with its offset and a running digest."""

    def __init__(self, target: BinaryIO):
        self.target, self.offset, self.digest = target, 0, hashlib.sha256()

    def write(self, data: bytes) -> None:
        self.target.write(data)
        self.digest.update(data)
        self.offset += len(data)


def _pairs(pairs: list[tuple[bytes, bytes]]) -> bytes:
    return b"<<" + b"".join(b"\n" + k + b" " + v for k, v in pairs) + b"\n>>"


def _name(key: str) -> bytes:
    return NameObject(key).renumber()


def write_binder(target: BinaryIO, parts: list[Segment], objects: dict[str, Segment], stamps: list[bytes],
                 faces: dict[str, Face], *, attachments: dict[str, int], info: dict[str, str],
                 outline: str | None) -> BinderFile:
    """Write the binder: ``parts`` (segments with pages, in order), ``objects`` (segments of loose objects
    by the marker they stand for: the stamp font, the seal, the outline), ``stamps`` (each page's stamp
    stream), ``faces`` (merged, with their programs), ``attachments`` (id → 0-based first page),
    ``info`` (the document information), ``outline`` (the marker of the outline's root in ``objects``)."""
    count = 0

    def new() -> int:
        nonlocal count
        count += 1
        return count

    catalog, tree, info_number, opening = new(), new(), new(), new()
    names_number = new() if any(s.meta.get("names") for s in parts) else None
    segments = parts + list(objects.values())
    shared: dict[str, int] = {}
    maps: list[list[int]] = []
    for segment in segments:
        numbers = [0]
        for digest in segment.shared:
            number = shared.get(digest) if digest is not None else None
            if number is None:
                number = new()
                if digest is not None:
                    shared[digest] = number
            numbers.append(number)
        maps.append(numbers)
    page_numbers = [maps[i][p] for i, segment in enumerate(parts) for p in segment.pages]
    stamp_numbers = [new() for _ in page_numbers]
    face_numbers = {name: [new() for _ in range(5)] for name in faces}     # font, descendant, descriptor, program, map
    form = next(((i, s) for i, s in enumerate(parts) if "acroform" in s.meta), None)
    form_number = new() if form is not None else None
    firsts, first = [], 0
    for segment in parts:
        firsts.append(first)
        first += len(segment.pages)

    def resolver(index: int) -> Callable[[bytes], int]:
        numbers = maps[index]
        start = firsts[index] if index < len(parts) else 0

        def resolve(name: bytes) -> int:
            if name.isdigit():
                return numbers[int(name)]
            text = name.decode("ascii")
            if text == pieces.PARENT:
                return tree
            if text == pieces.OPENING_MARK:
                return opening
            kind, _, rest = text.partition("/")
            if kind == "@stamp":
                return stamp_numbers[start + int(rest)]
            if kind == "@page":
                return page_numbers[int(rest) - 1]
            if kind == "@attachment":
                return page_numbers[attachments[rest]]
            if kind == ":font":
                return face_numbers[rest][0]
            if text in objects:
                position = len(parts) + list(objects).index(text)
                return resolvers[position](objects[text].meta["roots"][0].encode("ascii"))
            raise ValueError(f"no object for the marker {text!r}")
        return resolve

    resolvers = [resolver(i) for i in range(len(segments))]
    offsets: dict[int, int] = {}
    out = _Out(target)
    out.write(_HEADER)

    def emit(number: int, body: bytes, stream: bytes | None = None) -> None:
        if number in offsets:
            return
        offsets[number] = out.offset
        out.write(b"%d 0 obj\n" % number)
        out.write(body)
        if stream is not None:
            out.write(b"\nstream\n")
            out.write(stream)
            out.write(b"\nendstream")
        out.write(b"\nendobj\n")

    for index, segment in enumerate(segments):
        resolve, numbers = resolvers[index], maps[index]
        for local, (template, stream) in enumerate(segment.objects, 1):
            if numbers[local] not in offsets:
                emit(numbers[local], fill(template, resolve), stream)
    for number, data in zip(stamp_numbers, stamps):
        emit(number, b"<<\n/Length %d\n>>" % len(data), data)
    emit(opening, b"<<\n/Length %d\n>>" % len(OPENING), OPENING)
    for name, face in faces.items():
        _emit_face(emit, face, face_numbers[name], resolvers[face.model_segment])
    emit(tree, b"<<\n/Type /Pages\n/Count %d\n/Kids [%s ]\n>>"
         % (len(page_numbers), b"".join(b" %d 0 R" % n for n in page_numbers)))
    if names_number is not None:
        _emit_names(emit, names_number, parts, resolvers)
    if form is not None:
        index, segment = form
        fields = [b"%d 0 R" % resolvers[i](str(f).encode("ascii")) for i, s in enumerate(parts)
                  for f in s.meta.get("fields", ())]
        unique = list(dict.fromkeys(fields))
        pairs = [(k.encode("latin-1"), fill(v.encode("latin-1"), resolvers[index]))
                 for k, v in segment.meta["acroform"]]
        emit(form_number, _pairs(pairs + [(b"/Fields", b"[" + b"".join(b" " + f for f in unique) + b" ]")]))
    emit(info_number, Templater(lambda obj: None).value(
        DictionaryObject({NameObject(k): create_string_object(v) for k, v in info.items()})))
    entries = [(b"/Type", b"/Catalog"), (b"/Pages", b"%d 0 R" % tree)]
    if outline is not None:
        entries.append((b"/Outlines", b"%d 0 R" % resolvers[len(parts) + list(objects).index(outline)](
            objects[outline].meta["roots"][0].encode("ascii"))))
    if names_number is not None:
        entries.append((b"/Names", b"%d 0 R" % names_number))
    entries.append((b"/PageLabels", b"<<\n/Nums [ 0 <<\n/S /D\n/St 1\n>> ]\n>>"))
    entries.append((b"/PageMode", b"/UseOutlines"))
    if form_number is not None:
        entries.append((b"/AcroForm", b"%d 0 R" % form_number))
    threads = [b"%d 0 R" % resolvers[i](str(t).encode("ascii")) for i, s in enumerate(parts)
               for t in s.meta.get("threads", ())]
    if threads:
        entries.append((b"/Threads", b"[" + b"".join(b" " + t for t in threads) + b" ]"))
    emit(catalog, _pairs(entries))
    missing = [n for n in range(1, count + 1) if n not in offsets]
    if missing:
        raise RuntimeError(f"binder objects never written: {missing[:10]}")
    xref = out.offset
    table = [b"xref\n0 %d\n0000000000 65535 f \n" % (count + 1)]
    table += [b"%010d 00000 n \n" % offsets[n] for n in range(1, count + 1)]
    out.write(b"".join(table))
    token = out.digest.copy().hexdigest()[:32].encode("ascii")     # of everything before the trailer
    out.write(b"trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [ <%s> <%s> ]\n>>\nstartxref\n%d\n%%%%EOF\n"
              % (count + 1, catalog, info_number, token, token, xref))
    return BinderFile(len(page_numbers), out.digest.hexdigest(), out.offset)


def encode_face(face: Face, program: bytes) -> bytes:
    """What the binder writes of a merged face besides its model's dictionaries: the subset tag, the
    compressed program and ToUnicode map, and the widths array; as bytes (JSON head, then the streams)."""
    program_data = zlib.compress(program)
    cmap = zlib.compress(to_unicode_cmap(face.unicode))
    head = json.dumps({"tag": subset_tag(program), "program": len(program_data), "cmap": len(cmap),
                       "widths": Templater(lambda obj: None).value(width_array(face.widths)).decode("ascii")})
    head = head.encode("ascii")
    return b"%d\n" % len(head) + head + program_data + cmap


def _decode_face(data: bytes) -> tuple[dict, bytes, bytes]:
    length, _, rest = data.partition(b"\n")
    head = json.loads(rest[:int(length)])
    body = rest[int(length):]
    return head, body[:head["program"]], body[head["program"]:head["program"] + head["cmap"]]


def _emit_face(emit, face: Face, numbers: list[int], resolve) -> None:
    """The merged face: the model's dictionaries with the merged program, widths and ToUnicode map."""
    font, descendant, descriptor, program, cmap = numbers
    head, program_data, cmap_data = _decode_face(face.encoded)
    base = _name("/" + head["tag"] + "+" + face.basefont[8:])
    values = {"font": {"/BaseFont": base, "/DescendantFonts": b"[ %d 0 R ]" % descendant,
                       "/ToUnicode": b"%d 0 R" % cmap},
              "descendant": {"/BaseFont": base, "/FontDescriptor": b"%d 0 R" % descriptor,
                             "/W": head["widths"].encode("ascii")},
              "descriptor": {"/FontName": base, "/FontFile3": b"%d 0 R" % program}}

    def dictionary(kind: str) -> bytes:
        pairs = []
        for key, template in face.model[kind]:
            value = values[kind].get(key) if template is None else fill(template.encode("latin-1"), resolve)
            if value is not None:
                pairs.append((_name(key), value))
        missing = [(_name(k), v) for k, v in values[kind].items() if k not in {k for k, _ in face.model[kind]}]
        return _pairs(pairs + missing)

    emit(font, dictionary("font"))
    emit(descendant, dictionary("descendant"))
    emit(descriptor, dictionary("descriptor"))
    emit(program, b"<<\n/Subtype /CIDFontType0C\n/Filter /FlateDecode\n/Length %d\n>>" % len(program_data),
         program_data)
    emit(cmap, b"<<\n/Filter /FlateDecode\n/Length %d\n>>" % len(cmap_data), cmap_data)


def _emit_names(emit, number: int, parts: list[Segment], resolvers) -> None:
    """The named destinations of all parts, the first part's where two share a name, sorted by name (as
    pypdf merges them)."""
    chosen: dict[str, bytes] = {}
    for index, segment in enumerate(parts):
        for title, template in segment.meta.get("names", ()):
            if title not in chosen:
                chosen[title] = fill(template.encode("latin-1"), resolvers[index])
    writer = Templater(lambda obj: None)
    items = b"".join(b" " + writer.value(create_string_object(title)) + b" " + chosen[title]
                     for title in sorted(chosen))
    emit(number, b"<<\n/Dests <<\n/Names [%s ]\n>>\n>>" % items)
