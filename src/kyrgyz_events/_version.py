"""The three versions this project publishes, each defined here and nowhere else.

- ``__version__``: the Python package (the wheel on PyPI).
- ``SCHEMA_VERSION``: the table schemas (``schema/<version>/``); bumped by the rules in
  ``schema/CHANGELOG.md``.
- ``DATASET_VERSION``: the published data (``dataset/CHANGELOG.md``).
"""

__version__ = "0.1.0"
SCHEMA_VERSION = "2.0.0"
DATASET_VERSION = "2.0.0"
