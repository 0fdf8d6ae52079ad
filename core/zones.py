"""The time zones people choose from: the IANA zones named by area and city, and UTC."""

import functools
import zoneinfo


@functools.cache
def zone_names() -> tuple[str, ...]:
    """Read once: listing the zones walks the time zone database's files. The legacy aliases
    (`EST5EDT`, `Zulu`, …) are left out; the zones' own names remain valid everywhere."""
    return tuple(
        name for name in sorted(zoneinfo.available_timezones()) if "/" in name or name == "UTC"
    )


@functools.cache
def _known() -> frozenset[str]:
    return frozenset(zone_names())


def is_zone_name(name: str) -> bool:
    return name in _known()
