"""The standardized template: `init`, its Instructions sheet and example data."""
