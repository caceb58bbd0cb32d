"""Package plumbing, once: the low-level jobs every layer that reads or writes a package shares.

- :mod:`~kyrgyz_events.package_io.json_text`: the one JSON layout of committed files, values as JSON;
- :mod:`~kyrgyz_events.package_io.limits` and :mod:`~kyrgyz_events.package_io.confine`: the input limits
  and the confinement of paths to a folder, checked before anything is opened or parsed;
- :mod:`~kyrgyz_events.package_io.descriptor`: read ``datapackage.json`` and its declared version, write
  it, the keys that describe files rather than the package;
- :mod:`~kyrgyz_events.package_io.files`: a file's bytes and sha256, every file of a package folder;
- :mod:`~kyrgyz_events.package_io.parts`: a table resource's files: one file, or a partitioned table's
  parts (listed, or a folder, hive-style or not), each confined; their bytes and sha256;
- :mod:`~kyrgyz_events.package_io.release`: what a release defines for the resource of a table file;
- :mod:`~kyrgyz_events.package_io.croissant`: the Croissant document a package's files yield;
- :mod:`~kyrgyz_events.package_io.conform`: rows and frames as a table of a release's schema;
- :mod:`~kyrgyz_events.package_io.atomic`: stage a folder and swap it in, in one step.

It imports only the kernel below it (``models``, ``contracts``, ``paths``, ``_version``), never the
validators, annotations, publish, evolution or the CLI above; this package itself imports nothing, so
that ``kyrgyz_events.load`` (pyarrow only) can use the descriptor reader.
"""
