"""The PDF report: context, charts, brand and rendering."""
