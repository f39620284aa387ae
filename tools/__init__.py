"""Maintenance scripts run from the project root (`python -m tools.NAME`), not shipped."""
