"""Writing a data package: Parquet and JSON Lines per table, and the Frictionless descriptor."""
