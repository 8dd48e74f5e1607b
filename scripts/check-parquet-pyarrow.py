#!/usr/bin/env python3
"""Reads `dateline export --format parquet` output with pyarrow (the reference
Parquet implementation) and checks it against the JSON Lines export of the
same store: same columns, INT64/DOUBLE/UTF-8 types, nullability, row counts
and every value.

    dateline export --db DB --format parquet -o PARQUET_DIR
    dateline export --db DB --format jsonl -o JSONL_DIR
    python3 scripts/check-parquet-pyarrow.py PARQUET_DIR JSONL_DIR

Needs pyarrow (`pip install pyarrow`); optional, not part of the test suite.
"""
import json
import pathlib
import sys

import pyarrow as pa
import pyarrow.parquet as pq


def main(parquet_dir: str, jsonl_dir: str) -> int:
    failures = 0
    for path in sorted(pathlib.Path(parquet_dir).glob("*.parquet")):
        table = pq.read_table(path)
        rows = [json.loads(line) for line in open(pathlib.Path(jsonl_dir) / f"{path.stem}.jsonl", encoding="utf-8")]
        problems = []
        if table.num_rows != len(rows):
            problems.append(f"{table.num_rows} rows, JSON Lines has {len(rows)}")
        # JSON Lines objects list their keys sorted; Parquet keeps table order.
        if rows and sorted(rows[0].keys()) != sorted(table.column_names):
            problems.append(f"columns {table.column_names} != {sorted(rows[0].keys())}")
        for field in table.schema:
            if not (pa.types.is_int64(field.type) or pa.types.is_float64(field.type) or pa.types.is_string(field.type)):
                problems.append(f"{field.name}: unexpected type {field.type}")
            if not field.nullable and any(r.get(field.name) is None for r in rows):
                problems.append(f"{field.name}: required but JSON Lines holds null")
        if table.to_pylist() != rows:
            problems.append("values differ from the JSON Lines export")
        status = "ok" if not problems else "FAIL: " + "; ".join(problems)
        print(f"{path.stem}: {table.num_rows} rows, {pq.ParquetFile(path).metadata.num_row_groups} row group(s), {status}")
        failures += bool(problems)
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
