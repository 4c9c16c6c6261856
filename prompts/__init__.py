"""The question bank, one TOML file per Leadership Principle.

This file only makes the folder the package ``assistant.prompts`` (pyproject.toml
maps it there), so the bank ships inside the wheel and is read through
``importlib.resources`` the same way from a checkout, an editable install or a wheel.
"""
