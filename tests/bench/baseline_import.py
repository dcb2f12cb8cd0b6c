#!/usr/bin/env python3
"""Baseline importer for the benchmark: Python standard library only (json + sqlite3).

Streams an OTLP/JSON Lines file (plain or gzip), parses each line with json.loads and inserts one row
per span with executemany, committing every batch. This is what a reasonable script would do, and it
is the yardstick that `loopbench import` is compared with (see import_bench.py).

    baseline_import.py FILE [--db PATH] [--batch ROWS]

Prints "spans N seconds S" on the last line.
"""

import argparse
import gzip
import json
import os
import sqlite3
import sys
import tempfile
import time


def open_input(path):
    with open(path, "rb") as f:
        magic = f.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, "r", encoding="utf-8")


def any_value(v):
    """The Python value of an OTLP AnyValue."""
    if "stringValue" in v:
        return v["stringValue"]
    if "intValue" in v:
        return int(v["intValue"])
    if "doubleValue" in v:
        return v["doubleValue"]
    if "boolValue" in v:
        return v["boolValue"]
    if "arrayValue" in v:
        return [any_value(x) for x in v["arrayValue"].get("values", [])]
    if "kvlistValue" in v:
        return {kv["key"]: any_value(kv.get("value", {})) for kv in v["kvlistValue"].get("values", [])}
    if "bytesValue" in v:
        return v["bytesValue"]
    return None


def rows(line):
    request = json.loads(line)
    for rs in request.get("resourceSpans", []):
        for ss in rs.get("scopeSpans", []):
            for span in ss.get("spans", []):
                attributes = {a["key"]: any_value(a.get("value", {})) for a in span.get("attributes", [])}
                yield (
                    span["traceId"],
                    span["spanId"],
                    span.get("parentSpanId") or None,
                    span.get("name", ""),
                    int(span.get("startTimeUnixNano", 0)),
                    int(span.get("endTimeUnixNano", 0)),
                    json.dumps(attributes),
                )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file")
    parser.add_argument("--db", help="SQLite file to write (default: a temporary file, deleted afterwards)")
    parser.add_argument("--batch", type=int, default=5000, help="rows per executemany and commit")
    args = parser.parse_args()

    temp = None
    db_path = args.db
    if not db_path:
        fd, temp = tempfile.mkstemp(suffix=".sqlite")
        os.close(fd)
        db_path = temp
    elif os.path.exists(db_path):
        os.remove(db_path)

    started = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(
        "CREATE TABLE spans (trace_id TEXT, span_id TEXT, parent_id TEXT, name TEXT,"
        " start INTEGER, end INTEGER, attributes TEXT)"
    )
    insert = "INSERT INTO spans VALUES (?, ?, ?, ?, ?, ?, ?)"
    total = 0
    batch = []
    with open_input(args.file) as f:
        for line in f:
            if not line.strip():
                continue
            batch.extend(rows(line))
            if len(batch) >= args.batch:
                db.executemany(insert, batch)
                db.commit()
                total += len(batch)
                batch.clear()
    if batch:
        db.executemany(insert, batch)
        db.commit()
        total += len(batch)
    db.close()
    seconds = time.perf_counter() - started
    if temp:
        for suffix in ("", "-wal", "-shm"):
            try:
                os.remove(temp + suffix)
            except FileNotFoundError:
                pass
    print(f"spans {total} seconds {seconds:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
