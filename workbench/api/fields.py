"""Field limits shared by the API: numbers every database can hold."""
import django_filters
from django import forms

# Ids and counters in the API stay below this (SQLite and PostgreSQL bigint both hold it).
MAX_INT = 10**18 - 1


class IdFilter(django_filters.NumberFilter):
    """Filter by an id: an integer in range, not a decimal of any size."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_INT)
        super().__init__(*args, **kwargs)
