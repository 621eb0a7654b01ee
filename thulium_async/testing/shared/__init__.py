"""Helpers every area of the fake uses: request-value checks (``_validate``), report
periods (``_periods``), seeded sample data (``_seed``) and the base of the setup
mixins (``_setup``).
"""
