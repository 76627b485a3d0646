import pytest
from django.core.cache import cache

from api import matching


@pytest.fixture(autouse=True)
def fresh_state():
    """Rate-limit counters and the in-memory name index must not leak between tests."""
    cache.clear()
    matching._index = None
    yield
    cache.clear()
    matching._index = None
