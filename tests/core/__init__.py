"""Tests of the package's own modules: converter, errors, input checks, paginator, public API."""
