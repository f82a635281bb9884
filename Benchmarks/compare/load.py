"""Loads one CSV with VisiData, DuckDB or Polars, in this process only, and prints one line of figures.

    python load.py visidata|duckdb|polars FILE [--threads N]

Prints `rows=… load_s=… peak_rss=… base_rss=…`: rows loaded, wall time of the load alone (imports
and interpreter start excluded, as dataviewer-bench excludes process start), the process's peak RSS
in bytes at the end (getrusage, like dataviewer-bench), and its peak RSS just before loading.
Run it in a fresh process per measurement: peak RSS never goes down.
"""
import argparse
import resource
import sys
import time


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def load_visidata(path: str, threads: int | None) -> int:
    # Headless, as VisiData opens a file: openSource picks the loader from the extension (CsvSheet),
    # reload() starts the loader thread (@asyncthread), vd.sync() waits for every loader thread.
    # Rows stay lists of strings, as in the interactive viewer; no config or plugins are read.
    from visidata import vd
    sheet = vd.openSource(path)
    global _t0
    _t0 = time.perf_counter()
    sheet.reload()
    vd.sync()
    if vd.lastErrors:
        sys.exit('visidata: ' + '\n'.join('\n'.join(map(str, e)) for e in vd.lastErrors))
    return len(sheet.rows)


def load_duckdb(path: str, threads: int | None) -> int:
    # An in-memory database, as a table the way one would explore the file in DuckDB.
    import duckdb
    con = duckdb.connect(':memory:')
    if threads:
        con.execute(f'SET threads = {int(threads)}')
    global _t0
    _t0 = time.perf_counter()
    con.execute('CREATE TABLE t AS SELECT * FROM read_csv(?)', [path])
    return con.execute('SELECT count(*) FROM t').fetchone()[0]


def load_polars(path: str, threads: int | None) -> int:
    # An eager DataFrame (read_csv parses on all cores); POLARS_MAX_THREADS is read at import.
    import polars as pl
    global _t0
    _t0 = time.perf_counter()
    df = pl.read_csv(path)
    return df.height


_t0 = 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument('tool', choices=['visidata', 'duckdb', 'polars'])
    ap.add_argument('file')
    ap.add_argument('--threads', type=int)
    a = ap.parse_args()
    # Import before the clock starts and before the baseline RSS is taken.
    if a.tool == 'polars' and a.threads:
        import os
        os.environ['POLARS_MAX_THREADS'] = str(a.threads)
    if a.tool == 'visidata':
        import visidata  # noqa: F401
    elif a.tool == 'duckdb':
        import duckdb  # noqa: F401
    else:
        import polars  # noqa: F401
    base = peak_rss()
    loader = {'visidata': load_visidata, 'duckdb': load_duckdb, 'polars': load_polars}[a.tool]
    rows = loader(a.file, a.threads)
    t1 = time.perf_counter()
    print(f'rows={rows} load_s={t1 - _t0:.6f} peak_rss={peak_rss()} base_rss={base}', flush=True)


if __name__ == '__main__':
    main()
