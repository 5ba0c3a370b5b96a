"""No customer's full name or full phone number from the data appears in any file of the output:
the binder, every PDF and DOCX, the report, the manifest, the revision trail and the build cache."""

from __future__ import annotations

import csv
import gzip
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "company_data" / "example"
CUSTOMER_TABLES = [("complaints/complaints.csv", "customer", "phone")] + [
    (f"satisfaction/{path.name}", "customer", "phone") for path in sorted((EXAMPLE / "satisfaction").glob("*.csv"))]


def _customers() -> tuple[set[str], set[str]]:
    names, phones = set(), set()
    for table, name_column, phone_column in CUSTOMER_TABLES:
        with (EXAMPLE / table).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                names.add(row[name_column].strip())
                phones.add(re.sub(r"\D", "", row.get(phone_column) or ""))
    # a customer who shares a name with someone the company's own files name (its staff) cannot be told apart
    own = "".join(path.read_text(encoding="utf-8") for path in EXAMPLE.glob("*.yaml"))
    return {n for n in names if len(n) >= 2 and n not in own}, {p for p in phones if len(p) >= 7}


def _text(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            xml = "".join(archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xml"))
        return xml + re.sub(r"<[^>]+>", "", xml)          # the markup, and the text with runs joined
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8")


def test_the_sample_has_customers_to_protect():
    names, phones = _customers()
    assert len(names) >= 100 and len(phones) >= 100


def _leaks(out, names, phones) -> list[tuple[str, str]]:
    """(file, value) of each name in the text, or phone in the digits, of every file of a build's output
    (which holds every kind of file a build writes)."""
    files = sorted(p for p in out.rglob("*") if p.is_file())
    assert {p.suffix for p in files} >= {".pdf", ".docx", ".html", ".json", ".gz"}
    leaks = []
    for path in files:
        text = _text(path)
        digits = re.sub(r"[\s\-]", "", text)
        leaks += [(path.name, name) for name in names if name in text]
        leaks += [(path.name, phone) for phone in phones if phone in digits]
    return leaks


def test_no_customer_name_or_phone_in_any_output_file(example_build):
    names, phones = _customers()
    leaks = _leaks(example_build[1], names, phones)
    assert not leaks, leaks[:20]


@pytest.mark.parametrize("shown", ["傅**", "詹**", "186****5256"])
def test_masked_forms_are_what_prints(example_build, shown):
    binder = _text(example_build[1] / "binder.pdf")
    assert shown in binder


# -- a company whose customers are of both kinds: persons (masked) and organisations (in full) --------------

PERSON_NAMES = ("苏明远", "王建华", "陈立新", "林女士")
PERSON_PHONES = ("13900000010", "13900000020", "13900000001")


@pytest.fixture(scope="module")
def mixed_build(tmp_path_factory):
    """A full build of the purifier with an organisation and a person among both its complaints and its survey
    answers (see test_business_customers)."""
    from dossier.build import run
    from test_business_customers import with_business_customers

    root = tmp_path_factory.mktemp("mixed")
    company = with_business_customers(root / "purifier")
    run(company.root, root / "out", jobs=2)
    return root / "out"


@pytest.mark.slow                  # a whole build of its own: in make test (CI), not in the quick loop
def test_no_person_name_or_phone_in_any_output_of_a_company_with_both_kinds(mixed_build):
    assert _leaks(mixed_build, PERSON_NAMES, PERSON_PHONES) == []


@pytest.mark.slow
def test_organisations_print_in_full_beside_masked_persons(mixed_build):
    binder = re.sub(r"\s+", "", _text(mixed_build / "binder.pdf"))
    complaints = re.sub(r"\s+", "", _text(next((mixed_build / "docx").glob("*-complaints.docx"))))
    for text in (binder, complaints):
        assert [shown for shown in ("金色家园物业服务有限公司联系人王**", "苏**", "139****0010") if shown not in text] == []
    assert "泉州市华侨医院联系人陈**" in binder
