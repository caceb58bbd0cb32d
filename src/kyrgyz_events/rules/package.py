"""Rules on a package as files: readable, confined, within limits, versioned, described and sealed.
Checked in Python on the files themselves (``validators.package_rules``, ``validators.inputs``),
before and beside the row rules."""

from __future__ import annotations

from kyrgyz_events.rules.rule import Rule

RULES = (
    Rule(
        "package.readable",
        "Every file the descriptor lists exists and can be read: no truncated Parquet, "
        "no malformed JSON line (else the input is unusable).",
    ),
    Rule(
        "package.confined",
        "Every path the descriptor names is relative, has no '..', resolves (symbolic links followed) inside "
        "the package folder and is a regular file; anything else is not opened and makes the input unusable.",
    ),
    Rule(
        "package.limits",
        "Every file is within the documented limits (docs/guarantees.md): descriptor size, JSON Lines line "
        "length and nesting depth, Parquet declared uncompressed size; a file beyond one is not parsed (unusable).",
    ),
    Rule(
        "package.duplicate_key",
        "No JSON object (a JSON Lines record, datapackage.json) holds the same key twice, on which readers "
        "would disagree (unusable).",
    ),
    Rule(
        "package.schema_version",
        "datapackage.json, every resource and every Parquet file declare a schema "
        "version this installation knows, and the same one (an unknown version makes the input unusable).",
    ),
    Rule(
        "package.profile",
        "datapackage.json is valid against the Frictionless Data Package v2 profile "
        "(vendored in kyrgyz_events/validators/profiles, never fetched).",
    ),
    Rule(
        "package.release",
        "datapackage.json says what the release of its schema version defines: the profile URL and, for every "
        "table file, type, format, media type, encoding, description, Table Schema and JSON Schema URL.",
    ),
    Rule(
        "package.files_listed",
        "Every file in the package folder is datapackage.json, a resource, or listed in its x-files with "
        "bytes and sha256 equal to the file's (croissant.json, the data card): no published file goes unchecked.",
    ),
    Rule(
        "package.croissant",
        "A croissant.json in the package is what datapackage.json and the Parquet files yield "
        "(kyrgyz_events.package_io.croissant): each differing top-level key is named.",
    ),
    Rule("package.file_integrity", "Every resource's bytes and sha256 hash equal the file's."),
    Rule("package.twin_agreement", "Each table's Parquet file and its JSON Lines twin hold the same rows."),
    Rule(
        "package.partitions",
        "A partitioned table's hive folders (column=value/) name columns of the table that its parts also "
        "store, and every row of a part holds the values its folders name.",
    ),
)
