"""The binder made of cached pieces: segments stored and read back whole or not at all, shared objects, a
rebuilt binder the same bytes as one made from nothing, the front matter laid out only as often as needed,
and unchanged cache files linked into the new output instead of written again."""

from __future__ import annotations

import gzip
import io
import json
import os

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

from conftest import EXAMPLE
from documents import dossier_of
from dossier.binder import assemble_binder, load_attachments
from dossier.binder import front as front_module
from dossier.binder.cached import Segments
from dossier.binder.objects import marker
from dossier.binder.segment import Segment, shared_digests
from dossier.build.cache import CACHE_DIR, RenderCache, Stored, load_reads, reads_bytes
from dossier.build.publish import Staging


def _segment() -> Segment:
    image = b"<<\n/Type /XObject\n/Length 3\n>>"
    objects = [(b"<<\n/Type /Page\n/Parent " + marker("@parent") + b"\n/Resources " + marker(2) + b"\n>>", None),
               (b"<<\n/XObject <<\n/I " + marker(3) + b"\n>>\n>>", None),
               (image, b"abc"),
               (b"<<\n/P " + marker(1) + b"\n>>", None),                 # refers to the page
               (b"<<\n/Next " + marker(6) + b"\n>>", None),              # 5 and 6 refer to each other
               (b"<<\n/Prev " + marker(5) + b"\n>>", None)]
    return Segment(objects, [1], {"names": [["a", "[ " + marker(1).decode("latin-1") + " /Fit ]"]]})


def test_a_segment_reads_back_as_it_was_stored():
    segment = _segment()
    again = Segment.decode(segment.encode())
    assert (again.objects, again.pages, again.meta, again.shared) == \
        (segment.objects, segment.pages, segment.meta, segment.shared)


@pytest.mark.parametrize("damage", ["flip", "cut", "empty", "other"])
def test_a_damaged_segment_is_not_read(damage):
    data = _segment().encode()
    damaged = {"flip": data[:40] + bytes([data[40] ^ 1]) + data[41:], "cut": data[:-1], "empty": b"",
               "other": b"%PDF-1.7\n" + data[9:]}[damage]
    assert Segment.decode(damaged) is None


def test_only_objects_that_do_not_depend_on_their_place_are_shared():
    digests = _segment().shared
    page, resources, image, annotation, first, second = digests
    assert page is None and annotation is None                       # a page, and what refers to one
    assert first is None and second is None                          # a cycle
    assert resources is not None and image is not None
    other = shared_digests([(b"<<\n/XObject <<\n/I " + marker(2) + b"\n>>\n>>", None),
                            (b"<<\n/Type /XObject\n/Length 3\n>>", b"abc")], [])
    assert other == [resources, image]            # the same resources over the same image, numbered otherwise
    assert shared_digests([(b"<<\n/Type /XObject\n/Length 3\n>>", b"abd")], [])[0] != image


def _pdf(text: bytes) -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(595.276, 841.89)
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 12 Tf 72 700 Td (" + text + b") Tj ET")
    page[NameObject("/Contents")] = writer._add_object(content)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({
        NameObject("/F1"): writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/FirstChar"): NumberObject(32)}))})})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _kept(cache: RenderCache, folder) -> None:
    (folder / CACHE_DIR).mkdir(parents=True, exist_ok=True)
    for name, data in cache.entries.items():
        (folder / CACHE_DIR / name).write_bytes(data)


def test_a_segment_is_made_again_only_when_what_it_is_made_from_changed(tmp_path):
    first = RenderCache(None)
    made = Segments(first).document(_pdf(b"one"), ())
    _kept(first, tmp_path)
    again = RenderCache(tmp_path)
    assert Segments(again).document(_pdf(b"one"), ()).objects == made.objects
    assert [type(v) for v in again.entries.values()] == [Stored]        # read, to be linked
    changed = RenderCache(tmp_path)
    Segments(changed).document(_pdf(b"two"), ())
    linked = RenderCache(tmp_path)
    Segments(linked).document(_pdf(b"one"), ((0, (10, 10, 20, 20), "binder:attachment/E01"),))
    assert [type(v) for v in changed.entries.values()] == [type(v) for v in linked.entries.values()] == [bytes]
    assert set(changed.entries).isdisjoint(first.entries) and set(linked.entries).isdisjoint(first.entries)


def test_a_damaged_cache_entry_is_made_again(tmp_path):
    first = RenderCache(None)
    made = Segments(first).document(_pdf(b"one"), ())
    _kept(first, tmp_path)
    [path] = (tmp_path / CACHE_DIR).iterdir()
    data = path.read_bytes()
    path.write_bytes(data[:100] + bytes([data[100] ^ 0xFF]) + data[101:])
    again = RenderCache(tmp_path)
    assert Segments(again).document(_pdf(b"one"), ()).objects == made.objects
    assert again.entries == first.entries and not isinstance(again.entries[path.name], Stored)


@pytest.fixture(scope="module")
def sample(example_build):
    """The sample's dossier, its documents as the shared build rendered them, its attachments, the binder it
    bound, and its front matter's length."""
    result, out = example_build
    dossier = dossier_of(str(EXAMPLE))
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    return dossier, list(result.documents), (out / "binder.pdf").read_bytes(), manifest["binder"]["front_pages"]


def test_a_binder_bound_from_its_cached_pieces_is_the_same_bytes(sample, tmp_path):
    """Bound with no cache, with a cache being filled, from that cache, and from it with one piece damaged:
    the same bytes each time, and the bytes of the build's own binder."""
    dossier, documents, built, front_pages = sample
    alone = assemble_binder(dossier, documents, load_attachments(dossier), front_pages)
    filling = RenderCache(None)
    filled = assemble_binder(dossier, documents, load_attachments(dossier, filling), front_pages, filling)
    _kept(filling, tmp_path)
    warm = RenderCache(tmp_path)
    again = assemble_binder(dossier, documents, load_attachments(dossier, warm), front_pages, warm)
    assert alone.data == filled.data == again.data == built
    assert warm.entries == filling.entries and all(isinstance(v, Stored) for v in warm.entries.values())
    segment = next(p for p in (tmp_path / CACHE_DIR).iterdir() if p.name.startswith("seg-"))
    segment.write_bytes(segment.read_bytes()[:-1])
    damaged = RenderCache(tmp_path)
    assert assemble_binder(dossier, documents, load_attachments(dossier, damaged), front_pages, damaged).data == built
    assert not isinstance(damaged.entries[segment.name], Stored)


def test_the_front_matter_is_laid_out_once_when_its_length_is_known_and_not_at_all_when_cached(sample, tmp_path,
                                                                                             monkeypatch):
    dossier, documents, _built, front_pages = sample
    layouts = []
    layout = front_module._layout
    monkeypatch.setattr(front_module, "_layout", lambda html, root: layouts.append(1) or layout(html, root))
    attachments = load_attachments(dossier)
    cache = RenderCache(None)
    guessed = assemble_binder(dossier, documents, attachments, front_pages, cache)
    assert len(layouts) == 1
    _kept(cache, tmp_path)
    cached = RenderCache(tmp_path)
    assert assemble_binder(dossier, documents, attachments, front_pages, cached).data == guessed.data
    assert len(layouts) == 1
    wrong = assemble_binder(dossier, documents, attachments, front_pages + 2)   # a wrong guess: laid out again
    assert len(layouts) == 3 and wrong.data == guessed.data


def test_staging_links_what_the_previous_output_holds(tmp_path):
    previous = tmp_path / "previous.bin"
    previous.write_bytes(b"kept bytes")
    with Staging(tmp_path / "out") as staging:
        linked = staging.write("a.bin", Stored(previous.read_bytes(), previous))
        written = staging.write("b.bin", b"new bytes")
        previous_changed = tmp_path / "changed.bin"
        previous_changed.write_bytes(b"kept bytes, then changed")
        stale = staging.write("c.bin", Stored(b"kept bytes", previous_changed))
        staging.commit()
    out = tmp_path / "out"
    assert os.stat(out / "a.bin").st_ino == os.stat(previous).st_ino
    assert (out / "b.bin").read_bytes() == b"new bytes" and os.stat(out / "b.bin").st_nlink == 1
    assert (out / "c.bin").read_bytes() == b"kept bytes" and os.stat(out / "c.bin").st_nlink == 1
    assert (linked.name, written.name, stale.name) == ("a.bin", "b.bin", "c.bin")


def test_reads_loaded_unchanged_are_written_back_as_they_were(tmp_path):
    from dossier.model.tracking import Reads

    reads = Reads()
    reads.note((("attr", "company"), ("attr", "name")), "闽安")
    reads.note((("attr", "outlets"), ("item", 0), ("attr", "phone")), "0591-1")
    (tmp_path / CACHE_DIR).mkdir()
    stored = tmp_path / CACHE_DIR / "01-x.reads.json.gz"
    stored.write_bytes(reads_bytes(reads))
    loaded = load_reads(tmp_path, "01-x")
    assert reads_bytes(loaded) == stored.read_bytes() == reads_bytes(reads)
    added = (("attr", "outlets"), ("item", 1), ("attr", "phone"))
    loaded.note(added, "0591-2")
    assert json.loads(gzip.decompress(reads_bytes(loaded)))[-1][1] == loaded.notes[added]

