"""Glossaries: per series and target locale, stored entries and the names casting gives."""
