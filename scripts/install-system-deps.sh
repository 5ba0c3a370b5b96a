#!/bin/sh
# Install the Debian packages dossier needs, only those that are missing.
#   sh scripts/install-system-deps.sh          what building needs (make demo)
#   sh scripts/install-system-deps.sh --test   and what the tests use (make test, make check, make lock)
#   fonts-noto-cjk       Noto Serif/Sans CJK SC, the fonts every document is set in
#   libharfbuzz-subset0  fast font subsetting in weasyprint (10x slower without it)
#   python3-venv         only where $PYTHON cannot make a virtual environment (Debian's python3 without ensurepip)
# with --test:
#   poppler-utils        pdftoppm/pdftotext, used by the tests and for looking at pages
#   qpdf                 qpdf --check, used by the tests
#   libreoffice-calc-nogui  LibreOffice Calc, which writes the workbooks the tests read (as a company's would be)
# with --bench, all of --test and:
#   libreoffice-writer-nogui  LibreOffice Writer, the usual pipeline benchmarks/run.py compares against
set -eu
PYTHON="${PYTHON:-python3}"
packages="fonts-noto-cjk libharfbuzz-subset0"
case "${1:-}" in
    --test) packages="$packages poppler-utils qpdf libreoffice-calc-nogui" ;;
    --bench) packages="$packages poppler-utils qpdf libreoffice-calc-nogui libreoffice-writer-nogui" ;;
esac
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if ! "$PYTHON" -c "import ensurepip, venv" 2>/dev/null; then
    missing="$missing python3-venv"
fi
[ -z "$missing" ] && exit 0
echo "installing system packages:$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
