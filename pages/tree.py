"""The page-tree generation: a number in the shared cache that is part of the key of everything derived
from the page tree (routes, sites, view restrictions, course outlines). Publishing, unpublishing,
moving, saving or deleting any page, any change to a site and any saved or deleted view restriction
start a new one (the signals are connected in pages.routing)."""

from lms.cache import Generation

TREE = Generation("page-routes:generation")
TIMEOUT = 24 * 3600  # derived entries; a new generation makes them unreachable long before


def tree_generation() -> int:
    return TREE.current()


def forget_routes(**kwargs) -> None:
    """A page or site changed: every cache keyed by the tree generation is worked out again."""
    TREE.bump()
