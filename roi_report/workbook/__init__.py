"""The workbook: its contract, reading and validation."""
