"""The fake's CRM: customers, companies, notes and contact history, custom-field groups."""
