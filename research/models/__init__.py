"""Models of the research centre: precomputed catalogue aggregates, reports and projects."""

from research.models.aggregates import AggregateCell, AggregateState, GapField, OutdatedAdoption

__all__ = ["AggregateCell", "AggregateState", "GapField", "OutdatedAdoption"]
