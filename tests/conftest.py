"""Shared fixtures."""

from __future__ import annotations

import pytest
from builders import EXAMPLE

from zenplan.models import Scenario, load_scenario


@pytest.fixture
def example() -> Scenario:
    return load_scenario(EXAMPLE)
