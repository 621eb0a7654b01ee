"""Helpers the areas of the fake share: request-value checks, the account's core
records (agents, campaigns, records, customers) and their wire views, report
periods, seeded sample data and the base of the setup mixins.
"""
