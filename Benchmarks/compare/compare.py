"""Runs dataviewer-bench, VisiData, DuckDB and Polars on the same generated CSV and prints one report.

Called by scripts/bench-compare, which builds the release binaries and makes the virtualenv;
run that, not this. Progress goes to stderr, the report to stdout. Asserts nothing: it exits 0
whether targets are met or not (non-zero only when a tool could not run).

Every load runs in a fresh process (peak RSS never goes down), from the page cache (the file is
read once before the first timed load). Load time is wall time of the load alone, without process
start or imports, for every tool. A size's runs are interleaved tool by tool so that a change
in machine load hits all tools alike; the table shows the median time and the highest peak RSS.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
LOAD_PY = os.path.join(HERE, 'load.py')


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def cached(path: str) -> float | None:
    """The part of the file in the page cache now (fincore, from util-linux), or None without it:
    a load that reads part of a big file from disk measures the disk, not the tool."""
    try:
        out = subprocess.run(['fincore', '--bytes', '--noheadings', '--output', 'RES,SIZE', path],
                             check=True, capture_output=True, text=True).stdout.split()
        return int(out[0]) / max(1, int(out[1]))
    except (OSError, subprocess.CalledProcessError, ValueError, IndexError):
        return None


def loadavg() -> float:
    with open('/proc/loadavg') as f:
        return float(f.read().split()[0])


def run(cmd: list[str]) -> str:
    log('  $ ' + ' '.join(cmd))
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f'{cmd[0]} exited {p.returncode}:\n{p.stdout}\n{p.stderr}')
    return p.stdout


def num(pattern: str, text: str, what: str) -> tuple[float, ...]:
    m = re.search(pattern, text, re.M)
    if not m:
        raise RuntimeError(f'no "{what}" line in dataviewer-bench output:\n{text}')
    return tuple(float(g) for g in m.groups())


def data_path(rows: int) -> str:
    # Where dataviewer-bench caches it: NSTemporaryDirectory() is $TMPDIR, else /tmp.
    tmp = os.environ.get('TMPDIR') or '/tmp'
    return os.path.join(tmp, f'dataviewer-bench-{rows}.csv')


# ---- dataviewer -------------------------------------------------------------------------------

def dataviewer_load(bench: str, rows: int, keys: bool) -> dict:
    out = run([bench, 'keys' if keys else 'load', str(rows)])
    r = {'out': out}
    (r['rows'],) = num(r'^== load: .*?, (\d+) measurements', out, 'load')
    (r['load_s'],) = num(r'^load time:\s+([\d.]+) s', out, 'load time')
    (r['frame_ms'],) = num(r'^first frame \S+:\s+([\d.]+) ms', out, 'first frame')
    (r['store_bpm'],) = num(r'^store:\s+([\d.]+) bytes/measurement', out, 'store')
    mb, _, before = num(r'^peak RSS:\s+([\d.]+) MB = ([\d.]+) bytes/measurement \(([\d.]+) MB before', out, 'peak RSS')
    r['peak_rss'], r['base_rss'] = mb * 1e6, before * 1e6
    if keys:
        # Two blocks: with the value summaries, then the same keys on raw points (as before them).
        blocks = re.split(r'^== keystroke → frame.*$', out, flags=re.M)[1:]
        if not blocks:
            raise RuntimeError('no keystroke lines in dataviewer-bench output:\n' + out)

        def key_lines(text):
            # Wall p50 and p99, and the p99 of the frame thread's CPU time: on a shared machine one
            # frame that waited for a core sets the wall p99 of 80 frames; the CPU p99 shows it.
            return [(m[0].strip(), float(m[1]), float(m[2]), float(m[3]))
                    for m in re.findall(r'^(\S.*?)\s+p50\s+([\d.]+) ms\s+p99\s+([\d.]+) ms\s+max.*CPU p50 [\d.]+, p99 ([\d.]+) ms', text, re.M)]
        r['keys'] = key_lines(blocks[0])
        r['keys_raw'] = key_lines(blocks[1]) if len(blocks) > 1 else []
        if not r['keys']:
            raise RuntimeError('no keystroke lines in dataviewer-bench output:\n' + out)
    return r


def generate_with_duckdb(rows: int, path: str) -> None:
    # The shape dataviewer-bench writes (100 stations × 5 phenomena per 10-minute step, in time
    # order), but from one parallel DuckDB COPY: minutes for 100M rows instead of most of an hour.
    import duckdb
    tmp = path + '.part'
    con = duckdb.connect(':memory:')
    con.execute('SET preserve_insertion_order = true')
    con.execute(f'''
        COPY (
          SELECT strftime(make_timestamp((1790000000000 + (i // 500) * 600000) * 1000), '%Y-%m-%dT%H:%M:%SZ') AS time,
                 'Station ' || ((i // 5) % 100) AS station,
                 ['PM10', 'PM2.5', 'NO2', 'temperature', 'humidity'][i % 5 + 1] AS phenomenon,
                 floor(random() * 10000) / 100 AS value,
                 ['µg/m³', 'µg/m³', 'µg/m³', '°C', '%'][i % 5 + 1] AS unit,
                 52.0 + ((i // 5) % 100 % 10) * 0.01 AS lat,
                 5.0 + ((i // 5) % 100 // 10) * 0.01 AS lon
          FROM range({int(rows)}) t(i)
        ) TO '{tmp}' (HEADER, DELIMITER ',')''')
    con.close()
    os.replace(tmp, path)


def other_load(python: str, tool: str, path: str, threads: int | None) -> dict:
    cmd = [python, LOAD_PY, tool, path] + (['--threads', str(threads)] if threads else [])
    out = run(cmd)
    kv = dict(part.split('=', 1) for part in out.split())
    return {'rows': int(kv['rows']), 'load_s': float(kv['load_s']),
            'peak_rss': float(kv['peak_rss']), 'base_rss': float(kv['base_rss'])}


# ---- report helpers ---------------------------------------------------------------------------

def size_label(n: int) -> str:
    return f'{n // 1_000_000}M' if n % 1_000_000 == 0 else f'{n:,}'


def fmt_s(s: float) -> str:
    return f'{s:.2f} s' if s < 100 else f'{s:.0f} s'


def fmt_mb(b: float) -> str:
    return f'{b / 1e6:,.0f} MB'


def table(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]

    def line(r):
        return '  '.join(str(c).rjust(w) if i in right else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()
    return [line(header), line(['-' * w for w in widths])] + [line(r) for r in rows]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument('--bench', required=True)
    ap.add_argument('--dataviewer', required=True)
    ap.add_argument('--sample', required=True)
    ap.add_argument('--sizes', default='1000000,10000000')
    ap.add_argument('--runs', type=int, default=3, help='load runs per tool below 5M rows')
    ap.add_argument('--big-runs', type=int, default=1, help='load runs per tool at 5M rows and above')
    ap.add_argument('--render-runs', type=int, default=10)
    ap.add_argument('--versions', default='')
    ap.add_argument('--no-visidata-from', type=int, default=50_000_000,
                    help='leave VisiData out from this size on (it needs ~6 GB and 70 s per 10M rows)')
    a = ap.parse_args()
    python = sys.executable
    sizes = [int(s) for s in a.sizes.split(',') if s]
    started = time.time()
    la_start = loadavg()

    all_tools = [('dataviewer', None), ('duckdb', None), ('polars', None), ('duckdb', 1), ('visidata', None)]
    results: dict[tuple[int, str], dict] = {}
    keys: dict[int, list] = {}
    keys_raw: dict[int, list] = {}
    failed = False
    for n in sizes:
        runs = a.runs if n < 5_000_000 else a.big_runs
        log(f'== {size_label(n)} rows: {runs} run(s) per tool')
        tools = [t for t in all_tools if not (t[0] == 'visidata' and n >= a.no_visidata_from)]
        if not os.path.exists(data_path(n)) and n >= 50_000_000:
            log(f'  generating {data_path(n)} with DuckDB COPY (once; not timed) …')
            generate_with_duckdb(n, data_path(n))
        if not os.path.exists(data_path(n)):
            # Generate the CSV in a run of its own: a load in the process that just wrote 600 MB
            # of text is slower and its peak RSS higher than a cold start's.
            log(f'  generating {data_path(n)} (once; not timed) …')
            run([a.bench, 'load', str(n)])
            if not os.path.exists(data_path(n)):
                raise SystemExit(f'bench-compare: dataviewer-bench did not write {data_path(n)}')
        samples: dict[str, list] = {}
        las: dict[str, list] = {}
        cache: dict[str, list] = {}
        for i in range(runs):
            for tool, threads in tools:
                name = tool if not threads else f'{tool} ({threads} thread)'
                if name in samples and samples[name] is None:
                    continue  # failed before
                if i == 0:
                    # Into the page cache before each tool's first load: the tools before (VisiData's
                    # 6 GB at 10M) may have pushed a big file out, and every load is meant from memory.
                    with open(data_path(n), 'rb') as f:
                        while f.read(1 << 24):
                            pass
                la, inc = loadavg(), cached(data_path(n))
                try:
                    if tool == 'dataviewer':
                        r = dataviewer_load(a.bench, n, keys=(i == 0))
                        if i == 0:
                            keys[n], keys_raw[n] = r['keys'], r['keys_raw']
                    else:
                        r = other_load(python, tool, data_path(n), threads)
                except Exception as e:  # report it and go on with the other tools
                    log(f'  {name} failed: {e}')
                    samples[name] = None
                    failed = True
                    continue
                log(f'  {name}: {r["load_s"]:.3f} s, peak RSS {fmt_mb(r["peak_rss"])}, {r["rows"]:,.0f} rows, load avg {la:.2f}'
                    + (f', {inc:.0%} of the file cached' if inc is not None else ''))
                samples.setdefault(name, []).append(r)
                las.setdefault(name, []).append(la)
                cache.setdefault(name, []).append(inc)
        for name, rs in samples.items():
            if rs is None:
                results[(n, name)] = None
                continue
            agg = {
                'rows': rs[0]['rows'],
                'load_s': statistics.median(r['load_s'] for r in rs),
                'peak_rss': max(r['peak_rss'] for r in rs),
                'base_rss': max(r['base_rss'] for r in rs),
                'loadavg': statistics.mean(las[name]),
                'cached': None if None in cache[name] else min(cache[name]),
                'runs': len(rs),
            }
            if name == 'dataviewer':
                agg['frame_ms'] = statistics.median(r['frame_ms'] for r in rs)
                agg['store_bpm'] = rs[0]['store_bpm']
            results[(n, name)] = agg

    log('== autosave, sessions dialog')
    la_misc = loadavg()
    misc_out = run([a.bench, 'autosave']) + run([a.bench, 'sessions'])
    auto = num(r'^autosave write:\s+p50 ([\d.]+) ms\s+p99 ([\d.]+) ms', misc_out, 'autosave write')
    sopen = num(r'^open \(list\+render\):\s+p50 ([\d.]+) ms\s+p99 ([\d.]+) ms', misc_out, 'sessions open')
    sfilter = num(r'^filter per keystroke:\s+p50 ([\d.]+) ms\s+p99 ([\d.]+) ms', misc_out, 'sessions filter')
    sessions_n = re.search(r'with ([\d,]+) sessions', misc_out)

    log(f'== start on sample data → first frame: {a.render_runs} runs of dataviewer render')
    la_render = loadavg()
    with tempfile.TemporaryDirectory(prefix='dv-bench-compare-') as tmp:
        cmd = [a.dataviewer, 'render', '--fresh', '--size', '120x40', '--library', os.path.join(tmp, 'library.sqlite'), a.sample]
        log('  $ ' + ' '.join(cmd))
        subprocess.run(cmd, check=True, capture_output=True)  # warm-up: page cache, library created
        starts = []
        for _ in range(a.render_runs):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            starts.append((time.perf_counter() - t0) * 1000)
    start_med, start_min = statistics.median(starts), min(starts)

    # ---- the report ---------------------------------------------------------------------------
    out: list[str] = []
    p = out.append
    p(f'== bench-compare  {time.strftime("%Y-%m-%d %H:%M", time.localtime(started))}  {os.cpu_count()} cores  '
      f'load avg (1 min) {la_start:.2f} at start, {loadavg():.2f} at end  ({time.time() - started:.0f} s)')
    if a.versions:
        p(a.versions)
    p('Load = wall time of the load alone (median of the runs), from the page cache; peak RSS = the')
    p('whole process (highest of the runs), including the runtime before loading; B/meas = peak RSS / rows.')
    p('×dv = this tool / dataviewer at the same size (time ×dv 10.0 = ten times slower than dataviewer).')
    p('cached = the least of the file that was in the page cache before a load (below 100 %, that load read from disk).')
    p('')
    rows = []
    for n in sizes:
        dv = results.get((n, 'dataviewer'))
        for tool, threads in all_tools:
            name = tool if not threads else f'{tool} ({threads} thread)'
            if (n, name) not in results:
                continue
            r = results.get((n, name))
            if r is None:
                rows.append([name, size_label(n), 'failed', '', '', '', '', '', '', '', ''])
                continue
            ratio_t = f'{r["load_s"] / dv["load_s"]:.1f}×' if dv else '?'
            ratio_m = f'{r["peak_rss"] / dv["peak_rss"]:.1f}×' if dv else '?'
            frame = f'{r["frame_ms"]:.1f} ms' if 'frame_ms' in r else '—'
            rows.append([name, size_label(n), f'{r["load_s"]:.3f} s', frame, fmt_mb(r['peak_rss']),
                         fmt_mb(r['base_rss']), f'{r["peak_rss"] / r["rows"]:.0f}', ratio_t, ratio_m,
                         f'{r["loadavg"]:.2f}', '?' if r['cached'] is None else f'{r["cached"]:.0%}'])
    for line in table(['tool', 'rows', 'load', '1st frame', 'peak RSS', '(before)', 'B/meas', 'time ×dv', 'RSS ×dv', 'load avg', 'cached'],
                      rows, right={2, 3, 4, 5, 6, 7, 8, 9, 10}):
        p(line)
    for n in sizes:
        dv = results.get((n, 'dataviewer'))
        if dv:
            p(f'dataviewer {size_label(n)}: store {dv["store_bpm"]:.1f} bytes/measurement; '
              f'{dv["rows"]:,.0f} measurements; {dv["runs"]} run(s)')
    counts = {(n, name): r['rows'] for (n, name), r in results.items() if r}
    for n in sizes:
        got = {name: c for (m, name), c in counts.items() if m == n}
        if len(set(got.values())) > 1:
            p(f'NOTE {size_label(n)}: the tools counted different rows: {got}')

    p('')
    p(f'keystroke → frame (key map + reduce + render 200x60), p50 / p99 ms; "raw" = the same keys with the')
    p(f'value summaries dropped (every frame reads raw points, as before the summaries)')
    names = []
    for n in sizes:
        for k, *_ in keys.get(n, []):
            if k not in names:
                names.append(k)
    krows = []
    for k in names:
        row = [k]
        for n in sizes:
            for src in (keys, keys_raw):
                hit = [x for x in src.get(n, []) if x[0] == k]
                row.append(f'{hit[0][1]:.2f} / {hit[0][2]:.2f}' if hit else '—')
        krows.append(row)
    heads = [f'{size_label(n)}{" raw" if src else ""}' for n in sizes for src in (0, 1)]
    for line in table(['action'] + heads, krows, right=set(range(1, len(heads) + 1))):
        p(line)
    p('')
    p(f'autosave write:          p50 {auto[0]:.3f} ms  p99 {auto[1]:.3f} ms   (load avg {la_misc:.2f})')
    label = f'sessions dialog ({sessions_n.group(1)} sessions)' if sessions_n else 'sessions dialog'
    p(f'{label}: open p50 {sopen[0]:.2f} ms  p99 {sopen[1]:.2f} ms; filter per keystroke p50 {sfilter[0]:.2f} ms  p99 {sfilter[1]:.2f} ms')
    p(f'start → first frame:     median {start_med:.1f} ms  min {start_min:.1f} ms  of {len(starts)} runs '
      f'(dataviewer render --fresh --size 120x40, {os.path.basename(a.sample)}; load avg {la_render:.2f})')

    # ---- targets ------------------------------------------------------------------------------
    p('')
    p('== targets')
    marks = []

    def target(label: str, value: str, ok: bool | None):
        mark = 'not run' if ok is None else ('met' if ok else 'MISSED')
        marks.append((label, mark))
        p(f'{mark:>7}  {label}: {value}')

    def get(n, name):
        return results.get((n, name))

    M1, M10 = 1_000_000, 10_000_000
    dv1, vd1, dk1 = get(M1, 'dataviewer'), get(M1, 'visidata'), get(M1, 'duckdb')
    if dv1:
        t = dv1['load_s'] + dv1['frame_ms'] / 1000
        target('1M load + first frame ≤ 1.0 s', f'{t:.3f} s', t <= 1.0)
    else:
        target('1M load + first frame ≤ 1.0 s', 'not run', None)
    if dv1 and vd1:
        x = vd1['load_s'] / dv1['load_s']
        target('1M ≥ 10× faster than VisiData', f'{x:.1f}× ({vd1["load_s"]:.2f} s vs {dv1["load_s"]:.3f} s)', x >= 10)
    else:
        target('1M ≥ 10× faster than VisiData', 'not run', None)
    if dv1 and dk1:
        x = dv1['load_s'] / dk1['load_s']
        target('1M within 2× of DuckDB', f'{x:.2f}× DuckDB\'s time ({dv1["load_s"]:.3f} s vs {dk1["load_s"]:.3f} s)', x <= 2)
    else:
        target('1M within 2× of DuckDB', 'not run', None)
    dv10 = get(M10, 'dataviewer')
    if dv10:
        t = dv10['load_s'] + dv10['frame_ms'] / 1000
        target('10M load + first frame ≤ 10 s', f'{t:.2f} s', t <= 10)
        target('10M peak RSS ≤ 400 MB', fmt_mb(dv10['peak_rss']), dv10['peak_rss'] <= 400e6)
    else:
        target('10M load + first frame ≤ 10 s', 'not run', None)
        target('10M peak RSS ≤ 400 MB', 'not run', None)
    for n, limit in ((M1, 16), (M10, 50)):
        ks = keys.get(n)
        label = f'{size_label(n)} keystroke p99 ≤ {limit} ms'
        if ks:
            worst = max((k for k in ks if k[0] != 'all keys'), key=lambda k: k[2])
            target(label, f'worst {worst[2]:.2f} ms ({worst[0]})', worst[2] <= limit)
        else:
            target(label, 'not run', None)
    target('autosave p99 ≤ 1 ms', f'{auto[1]:.3f} ms', auto[1] <= 1)
    target('start → first frame ≤ 150 ms', f'median {start_med:.1f} ms', start_med <= 150)

    # The targets for 100 million measurements: per size, load against the faster of DuckDB and
    # Polars (both multi-threaded), load absolute, peak RSS, and the worst keystroke p99.
    p('')
    p('== targets for 100M measurements, interactive (per size: figure / target)')
    goals = {1_000_000: (0.15, 60e6, 8), 10_000_000: (1.2, 200e6, 16), 100_000_000: (12, 1.6e9, 33)}
    grow = []
    for n, (t_goal, rss_goal, key_goal) in goals.items():
        dv, dk, pl = get(n, 'dataviewer'), get(n, 'duckdb'), get(n, 'polars')
        cells = [size_label(n)]

        def cell(value, goal_text, ok):
            mark = 'not run' if ok is None else ('met' if ok else 'MISSED')
            if ok is not None:
                marks.append((f'{size_label(n)} {goal_text}', mark))
            cells.append(f'{value} ≤ {goal_text.split("≤ ")[-1]} {mark}' if ok is not None else 'not run')
        peers = [r for r in (dk, pl) if r]
        if dv and peers:
            best = min(peers, key=lambda r: r['load_s'])
            x = dv['load_s'] / best['load_s']
            cell(f'{x:.2f}×', 'load vs faster peer ≤ 1.0×', x <= 1.0)
        else:
            cell('', 'load vs faster peer ≤ 1.0×', None)
        cell(f'{dv["load_s"]:.3f} s' if dv else '', f'load ≤ {t_goal} s', dv['load_s'] <= t_goal if dv else None)
        cell(fmt_mb(dv['peak_rss']) if dv else '', f'peak RSS ≤ {fmt_mb(rss_goal)}', dv['peak_rss'] <= rss_goal if dv else None)
        ks = keys.get(n)
        if ks:
            worst = max((k for k in ks if k[0] != 'all keys'), key=lambda k: k[2])
            cell(f'{worst[2]:.2f} ms ({worst[0]}; CPU {worst[3]:.2f})', f'keystroke p99 ≤ {key_goal} ms', worst[2] <= key_goal)
        else:
            cell('', f'keystroke p99 ≤ {key_goal} ms', None)
        grow.append(cells)
    for line in table(['size', 'load vs faster of DuckDB/Polars', 'load', 'peak RSS', 'keystroke → frame p99 (worst; its CPU p99)'], grow, right=set()):
        p(line)
    for n in goals:
        dk, pl = get(n, 'duckdb'), get(n, 'polars')
        if dk or pl:
            p(f'{size_label(n)} peers: ' + ', '.join(f'{nm} {r["load_s"]:.3f} s' for nm, r in (('DuckDB', dk), ('Polars', pl)) if r))
    met = sum(1 for _, m in marks if m == 'met')
    missed = [l for l, m in marks if m == 'MISSED']
    notrun = sum(1 for _, m in marks if m == 'not run')
    p(f'targets: {met} met, {len(missed)} MISSED{", " + str(notrun) + " not run" if notrun else ""}'
      + (f' — MISSED: {"; ".join(missed)}' if missed else ''))
    print('\n'.join(out), flush=True)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
