"""A first visit stays light for members on slow links: the budget is 100 KB compressed."""

import gzip

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from bench.run import FIRST_LOAD_BUDGET_BYTES, AssetFinder


def first_load_bytes(client, path: str) -> dict[str, int]:
    compressed = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert compressed["Content-Encoding"] == "gzip"
    html = gzip.decompress(compressed.content)
    finder = AssetFinder()
    finder.feed(html.decode())
    sizes = {"page": len(compressed.content)}
    for address in finder.assets:
        assert address.startswith(settings.STATIC_URL), f"{address} is not one of our files"
        path = finders.find(address.removeprefix(settings.STATIC_URL))
        assert path, f"{address} does not exist"
        with open(path, "rb") as asset:  # whitenoise serves it gzip-compressed
            sizes[address] = len(gzip.compress(asset.read()))
    return sizes


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/", "/ar/", "/zh-hans/members/", "/ru/about/"])
def test_a_first_visit_is_within_the_budget(client, path):
    sizes = first_load_bytes(client, path)

    assert {"page", "/static/css/sironet.css"} <= set(sizes)
    assert sum(sizes.values()) <= FIRST_LOAD_BUDGET_BYTES, sizes
