"""Markup families: the CMSs that draw the sandbox's sites, one module each (base.py: the interface).

``family(name)`` returns the (stateless, shared) family object; ``FAMILY_NAMES`` lists them all and
``HALL_ONLY`` the ones only a 政务服务网 uses. plan.py draws each site's family from the seed.
"""

from __future__ import annotations

from functools import lru_cache

#: family name -> "module:Class" (imported on first use)
FAMILIES = {
    "ul": "classic:ClassicUl", "table": "classic:ClassicTable", "dl": "classic:ClassicDl",
    "trs": "trs:TrsWcm", "hanweb": "hanweb:Hanweb", "vsb": "vsb:Vsb", "ucap": "ucap:Ucap",
    "lonsun": "lonsun:Lonsun", "hycloud": "hycloud:Hycloud", "plain": "plain:Plain", "zwfw": "zwfw:ZwfwHall",
}
FAMILY_NAMES = tuple(FAMILIES)
#: the original three families (before issue 9)
CLASSIC = ("ul", "table", "dl")
#: families only service halls are drawn in
HALL_ONLY = ("zwfw",)


@lru_cache(maxsize=None)
def family(name: str):
    """The family object called ``name`` (ValueError names the known ones)."""
    try:
        module, cls = FAMILIES[name].split(":")
    except KeyError:
        raise ValueError(f"unknown markup family {name!r}; known: {', '.join(FAMILY_NAMES)}") from None
    from importlib import import_module

    return getattr(import_module(f"govspider.sandbox.families.{module}"), cls)()
