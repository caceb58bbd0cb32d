"""Fault injection for the validator: a small valid package, an editor that rewrites a package's files
consistently, and the corpus of single corruptions with the findings each must produce."""
