"""The catalogue's built-in entries, one module per API family (what a model takes, its options with their API
field names, limits, price and typical duration); kie.catalog holds them in `CATALOG` and answers the lookups.

A new model of a family we speak is one `ModelSpec` in its family's module here, and its place in `BUILT_IN`: the
order in which forms list the models and the README's table shows them.
"""

from __future__ import annotations

from kie.catalog_entries.flux_kontext import FLUX_KONTEXT_MAX, FLUX_KONTEXT_PRO
from kie.catalog_entries.gpt_4o import GPT_4O
from kie.catalog_entries.market import (
    FLUX_2_FLEX,
    FLUX_2_PRO,
    GPT_IMAGE_2,
    IMAGEN_4,
    IMAGEN_4_FAST,
    IMAGEN_4_ULTRA,
    NANO_BANANA,
    NANO_BANANA_PRO,
    QWEN_IMAGE,
    SEEDREAM_40,
    SEEDREAM_45,
)
from kie.catalog_entries.market_tools import REMOVE_BACKGROUND, TOPAZ_UPSCALE
from kie.catalog_entries.midjourney import MIDJOURNEY, MIDJOURNEY_UPSCALE, MIDJOURNEY_VARY

BUILT_IN = (
    GPT_4O, GPT_IMAGE_2, NANO_BANANA_PRO, NANO_BANANA, IMAGEN_4_FAST, IMAGEN_4, IMAGEN_4_ULTRA, SEEDREAM_45,
    SEEDREAM_40, MIDJOURNEY, FLUX_KONTEXT_PRO, FLUX_KONTEXT_MAX, FLUX_2_PRO, FLUX_2_FLEX, QWEN_IMAGE,
    TOPAZ_UPSCALE, REMOVE_BACKGROUND, MIDJOURNEY_UPSCALE, MIDJOURNEY_VARY,
)

__all__ = ["BUILT_IN", "GPT_4O"]
