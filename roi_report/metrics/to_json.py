"""Metrics as JSON-ready data with stable keys (documented in docs/metrics-json.md)."""

from __future__ import annotations

import dataclasses
from datetime import date

from roi_report.errors import Problem
from roi_report.metrics.compute import Metrics
from roi_report.workbook.models import Settings

SCHEMA = "roi-report/metrics/1"


def _plain(value):
    if dataclasses.is_dataclass(value):
        # `return_` is `return` in JSON: the trailing underscore only dodges the keyword.
        return {
            f.name.rstrip("_"): _plain(getattr(value, f.name)) for f in dataclasses.fields(value)
        }
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def metric_at(data: dict, path: tuple):
    """The value at a path of keys and list indexes, e.g. ("channels", 0, "roi_pct"); None
    where the path passes through a null (a goal without pacing: its pace is null)."""
    for part in path:
        if data is None:
            return None
        data = data[part]
    return data


def metrics_to_dict(metrics: Metrics, settings: Settings, warnings=()) -> dict:
    data = {
        "schema": SCHEMA,
        "client": settings.client,
        "title": settings.title,
        "currency": settings.currency,
        "language": settings.language,
        "shared_costs": settings.shared_costs,
        "band_thresholds": {"slow_below": settings.slow_below, "fast_from": settings.fast_from},
    }
    data.update(_plain(metrics))
    data["warnings"] = [
        {"where": w.where, "message": w.message, "severity": w.severity}
        for w in warnings
        if isinstance(w, Problem)
    ]
    return data
