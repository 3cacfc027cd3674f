"""Analyzers: one module per rule family turning page facts into findings (plug-in API in api.py)."""
