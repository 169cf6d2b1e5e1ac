"""The packed-sort orderings equal numpy's stable argsort and unique, packed or not."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from resolver.ordering import distinct, stable_order

# small keys take the packed sort; keys near 2^62 leave no room for positions (argsort)
_KEYS = st.lists(st.integers(0, 50) | st.integers(2**61, 2**62), max_size=200)


@given(_KEYS)
def test_stable_order_is_numpys_stable_argsort(keys: list[int]) -> None:
    key = np.array(keys, dtype=np.int64)
    assert stable_order(key).tolist() == np.argsort(key, kind="stable").tolist()


@given(_KEYS)
def test_distinct_gives_each_keys_first_position_and_every_positions_key(keys: list[int]) -> None:
    key = np.array(keys, dtype=np.int64)
    one, inverse = distinct(key)
    values, first, where = np.unique(key, return_index=True, return_inverse=True)
    assert one.tolist() == first.tolist()
    assert inverse.tolist() == where.tolist()
    assert key[one].tolist() == values.tolist()
