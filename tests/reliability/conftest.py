"""Fixtures borrowed from the apps whose behaviour these tests load and break."""

from tests.certificates.conftest import programme  # noqa: F401
