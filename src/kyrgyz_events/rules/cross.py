"""Rules across tables, in SQL: every reference resolves, every record has evidence, the sentences agree
with the evidence, an attributed claim's evidence holds its attribution, and a contradicted claim is not
asserted. ``cross.casualty_derivation`` and ``cross.scheme_derivation`` re-derive in Python
(``validators.host_rules``)."""

from __future__ import annotations

from kyrgyz_events.rules.rule import RID, VALUE, Query, Rule, Specs, ident, lit

#: evidence.record_table -> the id column of that table
EVIDENCED = {"actors": "actor_id", "locations": "location_id", "events": "event_id", "claims": "claim_id"}
#: List columns that hold references: (table, list column, referenced table, referenced column).
LIST_REFERENCES = (
    ("casualty_estimates", "claim_ids", "claims", "claim_id"),
    ("acled_events", "event_ids", "events", "event_id"),
    ("ucdp_events", "event_ids", "events", "event_id"),
)
#: The first schema version with the attribution and contradiction rules on claims.
CLAIM_RULES_SINCE = "2.0.0"


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
    for table, column, target, key in LIST_REFERENCES:
        if table not in specs or target not in specs:
            continue
        items = (
            f"SELECT *, UNNEST({ident(column)}) AS __item FROM {ident(table)} "
            f"WHERE {ident(column)} IS NOT NULL AND ARRAY_LENGTH({ident(column)}) > 0"
        )
        keys = _distinct(f"{ident(key)} AS __k", table=target)
        out.append(
            Query(
                "cross.reference",
                table,
                column,
                f"{table}.{column} -> {target}.{key}: no such record",
                where="__item IS NOT NULL AND __k0 IS NULL",
                value="__item",
                source=f"SELECT s.*, k.__k AS __k0 FROM ({items}) AS s LEFT JOIN {keys} AS k ON s.__item = k.__k",
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


def _since(specs: Specs, version: str) -> bool:
    from kyrgyz_events.schema_versions import version_key

    return any(version_key(spec.version) >= version_key(version) for spec in specs.values())


_MENTIONS = (
    'SELECT "actor_id", "name" AS __mention FROM "actors" WHERE "name" IS NOT NULL UNION ALL '
    'SELECT "actor_id", __alias AS __mention FROM (SELECT "actor_id", UNNEST("aliases") AS __alias FROM "actors" '
    'WHERE "aliases" IS NOT NULL AND ARRAY_LENGTH("aliases") > 0) AS a WHERE __alias IS NOT NULL'
)


def _attribution(specs: Specs) -> list[Query]:
    """PARC: the cue, and the claimant by a name or alias, stand in the claim's evidence (not for the
    author's own claims: a claimant named as the document's publisher)."""
    if not {"claims", "evidence", "actors", "documents"} <= set(specs) or not _since(specs, CLAIM_RULES_SINCE):
        return []
    spans = 'FROM "claims" AS c JOIN "evidence" AS e ON e."record_table" = \'claims\' AND e."record_id" = c."claim_id" '
    cue = (
        'SELECT c."claim_id" AS __k, MAX(CASE WHEN STRPOS(e."exact", c."cue") > 0 THEN 1 ELSE 0 END) AS __has '
        f'{spans}WHERE c."cue" IS NOT NULL GROUP BY c."claim_id"'
    )
    source = (
        'SELECT c."claim_id" AS __k, MAX(CASE WHEN STRPOS(e."exact", m.__mention) > 0 THEN 1 ELSE 0 END) AS __has '
        f'{spans}JOIN ({_MENTIONS}) AS m ON m."actor_id" = c."claimant_actor_id" '
        'WHERE c."cue" IS NOT NULL GROUP BY c."claim_id"'
    )
    claimants = _distinct('"actor_id" AS __k', table="actors")
    authors = (
        '(SELECT DISTINCT a."actor_id" AS __k FROM "actors" AS a JOIN "documents" AS d ON a."name" = d."publisher")'
    )
    return [
        Query(
            "cross.attribution_evidence",
            "claims",
            "cue",
            "the cue is not in the claim's evidence: quote the words that attribute it",
            where='"cue" IS NOT NULL AND COALESCE(__cue_has, 0) = 0',
            value="cue",
            columns=("__cue.__has AS __cue_has",),
            joins=(f'LEFT JOIN ({cue}) AS __cue ON s."claim_id" = __cue.__k',),
        ),
        Query(
            "cross.attribution_evidence",
            "claims",
            "claimant_actor_id",
            "the claimant (by its name or an alias) is not in the claim's evidence: quote the source",
            where='"cue" IS NOT NULL AND __claimant_k IS NOT NULL AND __author_k IS NULL '
            "AND COALESCE(__source_has, 0) = 0",  # a dangling claimant is cross.reference's finding
            value="claimant_actor_id",
            columns=("__source.__has AS __source_has", "__author.__k AS __author_k", "__claimant.__k AS __claimant_k"),
            joins=(
                f'LEFT JOIN ({source}) AS __source ON s."claim_id" = __source.__k',
                f'LEFT JOIN {authors} AS __author ON s."claimant_actor_id" = __author.__k',
                f'LEFT JOIN {claimants} AS __claimant ON s."claimant_actor_id" = __claimant.__k',
            ),
        ),
    ]


def _contradicted(specs: Specs) -> list[Query]:
    if not {"claims", "claim_relations"} <= set(specs) or not _since(specs, CLAIM_RULES_SINCE):
        return []
    sides = (
        '(SELECT DISTINCT __k FROM (SELECT "claim_id" AS __k, "relation" FROM "claim_relations" UNION ALL '
        'SELECT "related_claim_id" AS __k, "relation" FROM "claim_relations") AS r '
        "WHERE \"relation\" IN ('contradicts', 'denies'))"
    )
    return [
        Query(
            "cross.contradicted_not_asserted",
            "claims",
            "factuality",
            "the claim is contradicted or denied in the text: it is not asserted (use disputed or denied)",
            where="\"factuality\" = 'asserted' AND __opposed_k IS NOT NULL",
            value="factuality",
            columns=("__opposed.__k AS __opposed_k",),
            joins=(f'LEFT JOIN {sides} AS __opposed ON s."claim_id" = __opposed.__k',),
        )
    ]


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
        "existing record, including evidence -> its record and the list references (LIST_REFERENCES).",
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
        "cross.scheme_derivation",
        "acled_events, ucdp_events and plover_events (2.0.0+): every derived column equals a fresh derivation "
        "from the core tables (kyrgyz_events.scheme_views), and each row can be derived (one place, a date).",
    ),
    Rule(
        "cross.attribution_evidence",
        "claims (2.0.0+): a claim with a cue has evidence holding the cue and, unless it is the author's own, "
        "the claimant by its name or an alias (the PARC source, cue and content).",
        _attribution,
    ),
    Rule(
        "cross.contradicted_not_asserted",
        "claims (2.0.0+): a claim in a contradicts or denies relation is not asserted.",
        _contradicted,
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
