#!/usr/bin/env bash
# Install what the tests need, then lint, type-check and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[dev]'

echo "== ruff"
python3 -m ruff check .
python3 -m ruff format --check .
echo "== mypy (core packages)"
python3 -m mypy models constraints scheduler charts
echo "== pytest"
python3 -m pytest -q "$@"
