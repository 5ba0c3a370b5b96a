#!/bin/sh
# Move to the newest versions that pyproject.toml's ranges allow, deliberately: resolve a new lock,
# install it into a fresh virtual environment, run the whole test suite there, and only when it is
# green replace requirements.lock (and the project's .venv). A red run keeps the old lock.
#   make lock                      the same as: sh scripts/refresh-lock.sh
#   sh scripts/refresh-lock.sh -P weasyprint   upgrade one package only (pip-compile's -P)
#   sh scripts/refresh-lock.sh --no-upgrade   keep every pin, add what pyproject.toml newly asks for
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
work=".venv-lock"
lock="requirements.lock"
candidate="$work/requirements.lock"

rm -rf "$work"
"$PYTHON" -m venv "$work/tools"
"$work/tools/bin/python" -m pip install -q "pip-tools>=7.4,<8"
if [ "$#" -eq 0 ]; then set -- --upgrade; fi
cp "$lock" "$candidate" 2>/dev/null || true
CUSTOM_COMPILE_COMMAND="make lock" "$work/tools/bin/pip-compile" -q "$@" --generate-hashes --allow-unsafe \
    --strip-extras --extra test --build-deps-for editable --no-emit-index-url --no-emit-find-links \
    -o "$candidate" pyproject.toml

"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --require-hashes -r "$candidate"
"$work/venv/bin/python" -m pip install -q --no-deps --no-build-isolation -e .
# shellcheck disable=SC2086  # the options are words
if ! "$work/venv/bin/python" -m pytest ${PYTEST_OPTS:--q -p no:cacheprovider -n auto --dist loadgroup}; then
    echo "the tests fail with the new versions: $lock is unchanged; the candidate lock is $candidate" >&2
    exit 1
fi
if cmp -s "$candidate" "$lock"; then
    echo "$lock is already current"
else
    diff "$lock" "$candidate" | grep -E '^[<>] [A-Za-z0-9_.-]+==' || true
    cp "$candidate" "$lock"
    rm -f .venv/.installed-stamp
    echo "$lock updated, tests green; commit it (the next make reinstalls .venv from it)"
fi
rm -rf "$work"
