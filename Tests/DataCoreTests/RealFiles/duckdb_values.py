# Reads one CSV with DuckDB's read_csv and prints, as JSON, the sorted non-null values of the
# asked columns (wide) or of the value column grouped by key columns (long). Used only by tests.
#   duckdb_values.py FILE 'READ_CSV ARGS' wide COL…
#   duckdb_values.py FILE 'READ_CSV ARGS' long VALUECOL KEYCOL…
import json, sys
import duckdb

path, args, mode, *cols = sys.argv[1:]
src = f"read_csv('{path}'{', ' + args if args else ''})"
con = duckdb.connect()
out = {}
if mode == "wide":
    for c in cols:
        q = f'SELECT CAST("{c}" AS DOUBLE) FROM {src} WHERE "{c}" IS NOT NULL ORDER BY 1'
        out[c] = [r[0] for r in con.execute(q).fetchall()]
else:
    value, keys = cols[0], cols[1:]
    key = " || ' · ' || ".join(f'CAST("{k}" AS VARCHAR)' for k in keys)
    q = f'SELECT {key} AS k, CAST("{value}" AS DOUBLE) FROM {src} WHERE "{value}" IS NOT NULL ORDER BY 1, 2'
    for k, v in con.execute(q).fetchall():
        out.setdefault(k, []).append(v)
print(json.dumps(out))
