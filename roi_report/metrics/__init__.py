"""The metrics: pure computation over a read workbook, no I/O."""
