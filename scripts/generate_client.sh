#!/usr/bin/env bash
# Regenerate the typed Python client in clients/python from the service's OpenAPI document
# (written to clients/openapi.json), with openapi-python-client (in the dev extra).
#   scripts/generate_client.sh            # with python3 from PATH (e.g. an active venv)
#   PYTHON=/path/to/python scripts/generate_client.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
BIN=$(dirname "$("$PYTHON" -c 'import sys; print(sys.executable)')")
export PATH="$BIN:$PATH"  # the post hooks run ruff from the same environment

"$PYTHON" - <<'PY'
import json
import tempfile
from pathlib import Path

from zenplan.api.app import create_app
from zenplan.api.settings import Settings

with tempfile.TemporaryDirectory() as folder:
    settings = Settings(environment="development", database_url=f"sqlite:///{folder}/x.db")
    document = create_app(settings).openapi()
Path("clients/openapi.json").write_text(json.dumps(document, indent=2) + "\n")
PY

"$PYTHON" -m openapi_python_client generate \
    --path clients/openapi.json \
    --output-path clients/python \
    --config clients/openapi-python-client.yaml \
    --overwrite
echo "clients/python regenerated from clients/openapi.json"
