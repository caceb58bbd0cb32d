"""Rules across tables, in SQL: every reference resolves, every record has evidence, the crosswalk columns
follow event_type, and the sentences agree with the evidence. ``cross.casualty_derivation`` re-derives in
Python (``validators.host_rules``)."""

from __future__ import annotations

from kyrgyz_events.rules.rule import RID, VALUE, Query, Rule, Specs, ident, lit

#: evidence.record_table -> the id column of that table
EVIDENCED = {"actors": "actor_id", "locations": "location_id", "events": "event_id", "claims": "claim_id"}
CROSSWALK_COLUMNS = ("acled_event_type", "acled_sub_event_type", "plover_event_type")


def _distinct(*columns: str, table: str, where: str = "") -> str:
    return f"(SELECT DISTINCT {', '.join(columns)} FROM {ident(table)}{where})"


def _references(specs: Specs) -> list[Query]:
    """Each reference a left join of its table to the distinct keys it points at (evidence also to the id
    of each record table): dangling where the key found none."""
    out: list[Query] = []
    for name, spec in specs.items():
        for fk in spec.foreign_keys:
            if fk.table not in specs:
                continue
            if len(fk.fields) != 1:
                raise NotImplementedError(f"{name}: a composite foreign key has no SQL rule yet")
            field, ref = fk.fields[0], fk.ref_fields[0]
            k = f"__ref_{field}"
            target = _distinct(f"{ident(ref)} AS __k", table=fk.table)
            out.append(
                Query(
                    "cross.reference",
                    name,
                    field,
                    f"{name}.{field} -> {fk.table}.{ref}: no such record",
                    where=f"{ident(field)} IS NOT NULL AND {k} IS NULL",
                    value=field,
                    columns=(f"{k}.__k AS {k}",),
                    joins=(f"LEFT JOIN {target} AS {k} ON {ident(field, 's')} = {k}.__k",),
                )
            )
    if "evidence" in specs:
        for table, id_col in EVIDENCED.items():
            if table not in specs:
                continue
            k = f"__ref_{table}"
            target = _distinct(f"{lit(table)} AS __t", f"{ident(id_col)} AS __k", table=table)
            out.append(
                Query(
                    "cross.reference",
                    "evidence",
                    "record_id",
                    f"evidence.record_id -> {table}.{id_col}: no such record",
                    where=f'"record_table" = {lit(table)} AND "record_id" IS NOT NULL AND {k} IS NULL',
                    value="record_id",
                    columns=(f"{k}.__k AS {k}",),
                    joins=(f'LEFT JOIN {target} AS {k} ON s."record_table" = {k}.__t AND s."record_id" = {k}.__k',),
                )
            )
    if "casualty_estimates" in specs and "claims" in specs:
        items = (
            'SELECT *, UNNEST("claim_ids") AS __claim FROM "casualty_estimates" '
            'WHERE "claim_ids" IS NOT NULL AND ARRAY_LENGTH("claim_ids") > 0'
        )
        claims = _distinct('"claim_id" AS __k', table="claims")
        out.append(
            Query(
                "cross.reference",
                "casualty_estimates",
                "claim_ids",
                "casualty_estimates.claim_ids -> claims.claim_id: no such record",
                where="__claim IS NOT NULL AND __k0 IS NULL",
                value="__claim",
                source=f"SELECT s.*, k.__k AS __k0 FROM ({items}) AS s LEFT JOIN {claims} AS k ON s.__claim = k.__k",
            )
        )
    return out


def _evidence_required(specs: Specs) -> list[Query]:
    if "evidence" not in specs:
        return []
    out = []
    for table, id_col in EVIDENCED.items():
        if table not in specs:
            continue
        cited = _distinct('"record_id" AS __k', table="evidence", where=f' WHERE "record_table" = {lit(table)}')
        out.append(
            Query(
                "cross.evidence_required",
                table,
                id_col,
                "record has no evidence",
                where=f"{ident(id_col)} IS NOT NULL AND __cited IS NULL",
                columns=("__evidence.__k AS __cited",),
                joins=(f"LEFT JOIN {cited} AS __evidence ON {ident(id_col, 's')} = __evidence.__k",),
            )
        )
    return out


def _crosswalk(specs: Specs) -> list[Query]:
    """Each crosswalk column against the mapping of event_type (models/crosswalk.py), as a CASE."""
    if "events" not in specs or not set(CROSSWALK_COLUMNS) <= set(specs["events"].column_names):
        return []
    from kyrgyz_events.models.crosswalk import EVENT_TYPE_CROSSWALK

    out = []
    for i, col in enumerate(CROSSWALK_COLUMNS):
        cases = []
        for event_type, codes in EVENT_TYPE_CROSSWALK.items():
            code = codes[i]
            expected = (
                f"{ident(col)} IS NOT NULL" if code is None else f"{ident(col)} IS DISTINCT FROM {lit(code.value)}"
            )
            cases.append(f"WHEN {lit(event_type.value)} THEN {expected}")
        where = f'CASE "event_type" {" ".join(cases)} ELSE FALSE END'
        out.append(
            Query("cross.crosswalk", "events", col, f"{col} is not the crosswalk of event_type", where=where, value=col)
        )
    return out


def _evidence_sentence(specs: Specs) -> list[Query]:
    if not {"evidence", "sentences"} <= set(specs):
        return []
    source = (
        'SELECT e.*, s."document_id" AS __s_document_id, s."start" AS __s_start, s."end" AS __s_end '
        'FROM "evidence" AS e JOIN "sentences" AS s ON e."sentence_id" = s."sentence_id"'
    )
    where = (
        '"sentence_id" IS NOT NULL AND ("document_id" <> __s_document_id OR "start" < __s_start OR "start" >= __s_end)'
    )
    return [
        Query(
            "cross.evidence_sentence",
            "evidence",
            "sentence_id",
            "the span does not start inside the sentence it names",
            where=where,
            value="sentence_id",
            source=source,
        )
    ]


_LISTED = (
    'SELECT DISTINCT "sentence_id", __record AS "record_id" FROM (SELECT "sentence_id", '
    'UNNEST("record_ids") AS __record FROM "sentences" WHERE "record_ids" IS NOT NULL '
    'AND ARRAY_LENGTH("record_ids") > 0) AS u WHERE __record IS NOT NULL'
)
_CITED = (
    'SELECT DISTINCT "sentence_id", "record_id" FROM "evidence" '
    'WHERE "sentence_id" IS NOT NULL AND "record_id" IS NOT NULL'
)


def _sentence_records(specs: Specs) -> list[Query]:
    if not {"evidence", "sentences"} <= set(specs):
        return []
    out = []
    for side, other, message in (
        (_LISTED, _CITED, "lists a record that has no evidence in this sentence"),
        (_CITED, _LISTED, "a record has evidence in this sentence but is not in record_ids"),
    ):
        select = (
            f'SELECT a."sentence_id" AS {ident(RID)}, a."record_id" AS {ident(VALUE)} FROM ({side}) AS a '
            f'LEFT JOIN ({other}) AS b ON a."sentence_id" = b."sentence_id" AND a."record_id" = b."record_id" '
            'WHERE b."sentence_id" IS NULL'
        )
        out.append(
            Query(
                "cross.sentence_records",
                "sentences",
                "record_ids",
                message,
                select=select,
            )
        )
    return out


RULES = (
    Rule(
        "cross.reference",
        "Every foreign key resolves: each reference (the finding names it) points at an "
        "existing record, including evidence -> its record and casualty_estimates.claim_ids -> claims.",
        _references,
    ),
    Rule(
        "cross.evidence_required",
        "Every actor, location, event and claim has at least one evidence row.",
        _evidence_required,
    ),
    Rule(
        "cross.casualty_derivation",
        "casualty_estimates equals a fresh derivation from the claims (kyrgyz_events.derive.casualty_estimates).",
    ),
    Rule(
        "cross.crosswalk",
        "events' ACLED and PLOVER columns equal the crosswalk (models/crosswalk.py) of their event_type.",
        _crosswalk,
    ),
    Rule(
        "cross.evidence_sentence",
        "evidence (1.1.0+): a span starts inside the sentence its sentence_id names, in the same document.",
        _evidence_sentence,
    ),
    Rule(
        "cross.sentence_records",
        "sentences (1.1.0+): record_ids are exactly the records whose evidence starts in the sentence "
        "(the coverage review agrees with the evidence).",
        _sentence_records,
    ),
)
