#!/usr/bin/env python3
"""Generate the bundled sample data for dataviewer (deterministic, stdlib only).

Run from anywhere:  python3 sample-data/generate.py
Writes, next to this script:
  city-air.csv.gz   long layout, gzip (mtime=0), ~300k rows, Utrecht (NL) air/noise network
  weather-wide.csv  wide layout, hourly, 2 stations, a few NA/empty cells
  bad-rows.csv      long layout, 32 good rows + 4 deliberately bad rows

All randomness comes from random.Random instances with fixed seeds; nothing
depends on the current time, the locale or PYTHONHASHSEED, so every run writes
byte-identical files.

bad-rows.csv -- deliberately bad lines (line 1 is the header; line numbers are
1-based file lines; the script asserts these positions):
  line  7  value is "abc"                -> not a number
           2026-10-28T00:00:00Z,Centrum,noise,abc,dB(A),52.0907,5.1214
  line 14  time is "yesterday"           -> unparseable time
           yesterday,Centrum,PM10,12.7,µg/m³,52.0907,5.1214
  line 22  only 5 of 7 columns           -> too few columns (lat, lon missing)
           2026-10-28T00:30:00Z,Centrum,NO2,15.9,µg/m³
  line 31  lat is "north"                -> non-numeric latitude
           2026-10-28T00:40:00Z,Centrum,noise,46.9,dB(A),north,5.1214
All other data lines (32) are valid and are copies of rows in city-air.csv.gz
(Centrum, 2026-10-28T00:00Z..00:50Z, 6 phenomena each).

Times are UTC. The whole period lies in Dutch winter time (CET = UTC+1; DST
ended 2026-10-25), so daily cycles, rush hours and bike rides follow local
time = UTC+1: e.g. the 07:30-09:00 local morning ride is 06:30-08:00 UTC.
"""

import gzip
import math
import os
import random
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261028
UTC = timezone.utc
LOCAL_OFFSET_H = 1  # CET; no DST switch inside the generated period

MAIN_START = datetime(2026, 10, 28, tzinfo=UTC)
MAIN_DAYS = 28
WIDE_START = datetime(2026, 10, 14, tzinfo=UTC)
WIDE_DAYS = 42
WX_START = WIDE_START  # weather model covers both files
WX_DAYS = 44
STEP_S = 600           # fixed stations: every 10 minutes
BIKE_STEP_S = 5        # mobile sensor: one GPS fix + reading every 5 s while riding
                       # (set to 60 for one per minute: ~170k rows instead of ~300k)

HEADER = "time,station,phenomenon,value,unit,lat,lon"

PHENOMENA = [  # name, unit
    ("PM10", "µg/m³"),
    ("PM2.5", "µg/m³"),
    ("NO2", "µg/m³"),
    ("temperature", "°C"),
    ("humidity", "%"),
    ("noise", "dB(A)"),
]
UNIT = dict(PHENOMENA)
ALL = [p for p, _ in PHENOMENA]

# name, lat, lon, traffic weight, urban-heat offset (°C), noise (night, day) dB(A), phenomena
STATIONS = [
    ("Centrum",       52.0907, 5.1214, 1.00,  0.9, (49, 67), ALL),
    ("Griftpark",     52.0985, 5.1263, 0.35,  0.5, (42, 56), [p for p in ALL if p != "NO2"]),
    ("Kanaleneiland", 52.0702, 5.0987, 1.25,  0.4, (52, 69), ALL),
    ("Overvecht",     52.1146, 5.1102, 0.75,  0.2, (45, 61), ALL),
    ("Leidsche Rijn", 52.0893, 5.0568, 0.85,  0.0, (47, 63), ALL),
    ("De Uithof",     52.0853, 5.1748, 0.55, -0.4, None, [p for p in ALL if p != "noise"]),
    ("Zuilen",        52.1083, 5.0962, 0.65,  0.1, None, [p for p in ALL if p != "noise"]),
]
BIKE = "Bike 1"
BIKE_PHENOMENA = ["PM10", "PM2.5", "noise"]

# Outages: (station, phenomenon or None for all, start, end)  -- [start, end)
OUTAGES = [
    ("Overvecht", None, datetime(2026, 11, 3, 8, 40, tzinfo=UTC), datetime(2026, 11, 3, 15, 10, tzinfo=UTC)),
    ("Leidsche Rijn", None, datetime(2026, 11, 16, 22, 0, tzinfo=UTC), datetime(2026, 11, 17, 6, 30, tzinfo=UTC)),
    ("Kanaleneiland", "NO2", datetime(2026, 11, 20, 9, 0, tzinfo=UTC), datetime(2026, 11, 21, 14, 0, tzinfo=UTC)),
]
DROP_P = 0.0015         # single missing readings (row simply absent)
BIKE_DROP_P = 0.002     # missing GPS fixes (all three bike rows absent)

# Events
SMOG_RISE = (datetime(2026, 11, 9, 0, tzinfo=UTC), datetime(2026, 11, 10, 18, tzinfo=UTC))
SMOG_FALL = (datetime(2026, 11, 12, 6, tzinfo=UTC), datetime(2026, 11, 13, 0, tzinfo=UTC))
FIREWORKS_T = datetime(2026, 11, 14, 20, 0, tzinfo=UTC)   # Saturday 21:00 local
FIREWORKS_POS = (52.0890, 5.1300)
DUST = ("Kanaleneiland", datetime(2026, 11, 18, 7, 0, tzinfo=UTC), datetime(2026, 11, 18, 10, 30, tzinfo=UTC))
GLITCH = ("Zuilen", datetime(2026, 11, 6, 3, 40, tzinfo=UTC))
BIKE_SKIP_DAYS = {datetime(2026, 11, 19).date()}
BIKE_BATTERY_EMPTY = datetime(2026, 11, 2, 16, 47, tzinfo=UTC)  # evening ride ends early
RIDES_LOCAL = [((7, 30), (9, 0)), ((16, 30), (18, 30))]


def rng_for(name):
    return random.Random(f"{SEED}:{name}")


def fmt_time(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def fmt1(x):
    s = f"{x:.1f}"
    return "0.0" if s == "-0.0" else s


def clamp(x, lo, hi):
    return lo if x < lo else hi if x > hi else x


def dist_km(a, b):
    dlat = (a[0] - b[0]) * 111.32
    dlon = (a[1] - b[1]) * 111.32 * math.cos(math.radians(52.09))
    return math.hypot(dlat, dlon)


def ramp(t, a, b):
    """0 before a, 1 after b, cosine-smooth in between."""
    if t <= a:
        return 0.0
    if t >= b:
        return 1.0
    f = (t - a).total_seconds() / (b - a).total_seconds()
    return 0.5 - 0.5 * math.cos(math.pi * f)


def local_hour_dow(dt):
    loc = dt + timedelta(hours=LOCAL_OFFSET_H)
    return loc.hour + loc.minute / 60 + loc.second / 3600, loc.weekday(), loc.date()


def gauss_peak(h, c, s):
    return math.exp(-0.5 * ((h - c) / s) ** 2)


def traffic(h, dow):
    """Relative traffic intensity 0..~1.3 by local hour and weekday."""
    if dow < 5:
        plateau = 1 / (1 + math.exp(-(h - 6.5) / 0.4)) * 1 / (1 + math.exp((h - 20.0) / 0.8))
        return 0.08 + 0.95 * gauss_peak(h, 8.0, 0.9) + 0.85 * gauss_peak(h, 17.4, 1.2) + 0.30 * plateau
    scale = 0.55 if dow == 5 else 0.40
    return 0.08 + scale * gauss_peak(h, 14.0, 3.5)


def activity(h, dow):
    """Human activity (noise) 0..1 by local hour."""
    if dow < 5:
        return 1 / (1 + math.exp(-(h - 6.8) / 0.5)) * 1 / (1 + math.exp((h - 21.0) / 1.0))
    return 0.85 / (1 + math.exp(-(h - 9.0) / 0.7)) / (1 + math.exp((h - 22.5) / 1.0))


def magnus(t):
    return math.exp(17.625 * t / (243.04 + t))


class AR1:
    """Stationary AR(1) noise with given standard deviation and lag-1 correlation."""

    def __init__(self, rng, sd, phi):
        self.rng, self.sd, self.phi = rng, sd, phi
        self.x = rng.gauss(0, sd)
        self.inn = sd * math.sqrt(1 - phi * phi)

    def next(self):
        self.x = self.phi * self.x + self.rng.gauss(0, self.inn)
        return self.x


# --------------------------------------------------------------------------- weather
class Weather:
    """Regional weather + background pollution every 10 minutes from WX_START."""

    def __init__(self):
        r = rng_for("weather")
        nk = WX_DAYS + 3
        # daily knots at 12:00 UTC of day k-1 (knot 0 = day -1)
        ta, ca, wa, pa = 0.0, 0.0, 0.0, 0.0
        temp_k, cloud_k, wind_k, pres_k, rainy_k, dry_k = [], [], [], [], [], []
        for k in range(nk):
            day = (WX_START + timedelta(days=k - 1)).date()
            ta = 0.75 * ta + r.gauss(0, 1.4)
            ca = 0.55 * ca + r.gauss(0, 0.22)
            wa = 0.6 * wa + r.gauss(0, 1.6)
            pa = 0.8 * pa + r.gauss(0, 4.0)
            cloud = clamp(0.65 + ca, 0.05, 1.0)
            wind = clamp(4.2 + wa, 1.0, 10.5)
            temp_k.append(ta)
            cloud_k.append(cloud)
            wind_k.append(wind)
            pres_k.append(1014 - 2.2 * (wind - 4.2) + pa)
            rainy_k.append(cloud > 0.75 and r.random() < 0.65)
            dry_k.append(clamp(r.gauss(0.9, 0.7), 0.0, 2.5))
            # anticyclonic smog episode (calm, clear, foggy nights) and the front that ends it
            # (temp anomaly, cloud, wind, pressure, rainy, dryness)
            override = {
                (11, 8): (-0.5, 0.45, 3.0, 1024, False, 0.6),
                (11, 9): (-1.5, 0.35, 1.8, 1029, False, 0.2),
                (11, 10): (-2.5, 0.25, 1.2, 1033, False, 0.0),
                (11, 11): (-2.5, 0.30, 1.0, 1034, False, 0.0),
                (11, 12): (-1.5, 0.50, 1.6, 1029, False, 0.2),
                (11, 13): (1.5, 0.95, 7.5, 1008, True, 0.5),
            }.get((day.month, day.day))
            if override:
                ta, cloud, wind, pres, rainy, dry = override
                temp_k[-1], cloud_k[-1], wind_k[-1], pres_k[-1], rainy_k[-1], dry_k[-1] = override
                wa = wind - 4.2
                ca = cloud - 0.65
        self.n = WX_DAYS * 144
        T, Td, cloud, wind, pres, rain, E, wash = ([] for _ in range(8))
        n25 = AR1(r, 1.6, 0.985)
        nco = AR1(r, 1.0, 0.98)
        nno2 = AR1(r, 2.0, 0.97)
        nt = AR1(r, 0.35, 0.97)
        npres = AR1(r, 0.3, 0.99)
        raining, intensity, wet = False, 0.0, 0.0
        self.bg25, self.bgco, self.bgno2 = [], [], []
        for j in range(self.n):
            dt = WX_START + timedelta(seconds=j * STEP_S)
            days = j / 144
            x = days + 0.5
            i = int(x)
            f = x - i
            w = 0.5 - 0.5 * math.cos(math.pi * f)

            def interp(arr):
                return arr[i] * (1 - w) + arr[i + 1] * w

            c = interp(cloud_k)
            wd = interp(wind_k)
            h, dow, date = local_hour_dow(dt)
            # rain: hourly Markov chain, more likely on rainy days
            if j % 6 == 0:
                rainy = rainy_k[i] if f < 0.5 else rainy_k[i + 1]
                if raining:
                    raining = r.random() < (0.72 if rainy else 0.4)
                else:
                    raining = r.random() < (0.22 if rainy else (0.02 if c > 0.6 else 0.0))
                intensity = r.expovariate(1 / 1.3) if raining else 0.0
            wet = wet * math.exp(-STEP_S / (6 * 3600)) + intensity * STEP_S / 3600
            clim = 11.5 - 5.0 * days / 42
            amp = 1.2 + 3.8 * (1 - c)
            if intensity > 0:
                amp *= 0.5
            shape = math.cos(2 * math.pi * (h - 14.5) / 24) + 0.15 * math.cos(4 * math.pi * (h - 12.0) / 24)
            tmean = clim + interp(temp_k)
            t = tmean + amp * shape + nt.next() - 0.6 * min(intensity, 3)
            spread = 0.6 + 0.8 * amp + interp(dry_k) + 1.5 * (1 - c) * min(1.0, wd / 5.0)
            if intensity > 0 or wet > 1.5:
                spread = min(spread, 0.5 + 0.4 * r.random())
            td = tmean - spread
            e = ramp(dt, *SMOG_RISE) * (1 - ramp(dt, *SMOG_FALL))
            ventil = 3 / (wd + 1)
            night = 0.5 + 0.5 * math.cos(2 * math.pi * (h - 3) / 24)
            inv = night * (1 - c) * min(1.5, ventil)
            washf = 1 / (1 + 0.35 * wet)
            T.append(t)
            Td.append(td)
            cloud.append(c)
            wind.append(wd)
            pres.append(interp(pres_k) + npres.next() - 1.5 * min(intensity, 2))
            rain.append(intensity)
            E.append(e)
            wash.append(washf)
            self.bg25.append(max(1.0, (4 + 5 * ventil + 24 * e + (2 + 7 * e) * inv) * washf + n25.next()))
            self.bgco.append(max(0.5, (3.5 + 0.7 * wd + 5 * e) * washf + nco.next()))
            self.bgno2.append(max(2.0, 7 + 7 * ventil + 20 * e + 6 * inv + nno2.next()))
        self.T, self.Td, self.cloud, self.wind = T, Td, cloud, wind
        self.pres, self.rain, self.E, self.wash = pres, rain, E, wash

    def index(self, dt):
        return int((dt - WX_START).total_seconds()) // STEP_S


# --------------------------------------------------------------------------- bike track
BIKE_LOOP = [
    (52.0907, 5.1190), (52.0950, 5.1215), (52.0985, 5.1263), (52.1040, 5.1200),
    (52.1146, 5.1110), (52.1120, 5.1020), (52.1083, 5.0962), (52.1000, 5.0850),
    (52.0930, 5.0700), (52.0893, 5.0575), (52.0800, 5.0700), (52.0702, 5.0987),
    (52.0760, 5.1150), (52.0830, 5.1300), (52.0853, 5.1600), (52.0853, 5.1740),
    (52.0900, 5.1550), (52.0920, 5.1350),
]
M_PER_DEG_LAT = 111320.0
M_PER_DEG_LON = 111320.0 * math.cos(math.radians(52.09))


class BikeTrack:
    def __init__(self, rng):
        self.r = rng
        pts = BIKE_LOOP + [BIKE_LOOP[0]]
        self.seg = []
        total = 0.0
        for a, b in zip(pts, pts[1:]):
            dy = (b[0] - a[0]) * M_PER_DEG_LAT
            dx = (b[1] - a[1]) * M_PER_DEG_LON
            L = math.hypot(dx, dy)
            self.seg.append((total, L, a, dx, dy))
            total += L
        self.length = total
        self.s = 0.0
        self.v = 4.2
        self.stop = 0
        self.ex = AR1(rng, 3.0, 0.8)
        self.ey = AR1(rng, 3.0, 0.8)

    def step(self, dt_s):
        r = self.r
        if self.stop > 0:
            self.stop -= 1
            v = 0.0
        else:
            if r.random() < 0.012:
                self.stop = r.randint(2, 8)
            self.v = clamp(self.v + 0.15 * (4.3 - self.v) + r.gauss(0, 0.35), 2.0, 6.8)
            v = self.v
        self.s = (self.s + v * dt_s) % self.length
        return v

    def position(self):
        for start, L, a, dx, dy in self.seg:
            if self.s < start + L:
                break
        f = (self.s - start) / L
        # streets are not straight: bow each segment a little sideways
        bow = 70.0 * math.sin(math.pi * f) * (1 if int(start) % 2 else -1)
        nx, ny = -dy / L, dx / L
        x = dx * f + nx * bow + self.ex.next()
        y = dy * f + ny * bow + self.ey.next()
        return a[0] + y / M_PER_DEG_LAT, a[1] + x / M_PER_DEG_LON


def idw_traffic(pos):
    num = den = 0.0
    for name, lat, lon, tw, *_ in STATIONS:
        d = max(0.2, dist_km(pos, (lat, lon)))
        num += tw / d ** 2
        den += 1 / d ** 2
    return num / den


# --------------------------------------------------------------------------- main data
def humidity_growth(rh):
    return 1 + 0.25 * max(0.0, (rh - 80) / 20) ** 2


def fireworks(dt, pos):
    d = dist_km(pos, FIREWORKS_POS)
    delay = d * 8.0
    dtm = (dt - FIREWORKS_T).total_seconds() / 60 - delay
    if dtm <= 0:
        return 0.0
    return 300 * math.exp(-d / 1.3) * (1 - math.exp(-dtm / 4)) * math.exp(-dtm / 40)


def generate_main(wx):
    rows = []
    st_state = {}
    for name, lat, lon, tw, uhi, noise, phen in STATIONS:
        r = rng_for("station:" + name)
        st_state[name] = dict(
            r=r,
            pm_gain=r.uniform(0.92, 1.08),
            no2_gain=r.uniform(0.9, 1.1),
            t_bias=r.gauss(0, 0.2),
            rh_bias=r.gauss(0, 1.5),
            a25=AR1(r, 1.0, 0.9), aco=AR1(r, 0.8, 0.9), ano2=AR1(r, 2.0, 0.9),
            at=AR1(r, 0.15, 0.95), arh=AR1(r, 1.0, 0.95), anoise=AR1(r, 1.2, 0.7),
        )
    drop = rng_for("drops")
    br = rng_for("bike")
    track = BikeTrack(br)
    b25, bco, bnoise = AR1(br, 1.5, 0.95), AR1(br, 1.5, 0.95), AR1(br, 2.0, 0.8)
    puff = 0.0

    def offline(name, p, dt):
        for s, ph, a, b in OUTAGES:
            if s == name and (ph is None or ph == p) and a <= dt < b:
                return True
        return False

    n_slots = MAIN_DAYS * 144
    for k in range(n_slots):
        dt = MAIN_START + timedelta(seconds=k * STEP_S)
        ts = fmt_time(dt)
        j = wx.index(dt)
        h, dow, date = local_hour_dow(dt)
        tr = traffic(h, dow)
        wd = wx.wind[j]
        ventil = 3 / (wd + 1)
        act = activity(h, dow)
        for name, lat, lon, tw, uhi, noise, phen in STATIONS:
            S = st_state[name]
            r = S["r"]
            night = 0.5 + 0.5 * math.cos(2 * math.pi * (h - 3) / 24)
            temp = wx.T[j] + uhi * (0.4 + 0.6 * night) + S["t_bias"] + S["at"].next() + r.gauss(0, 0.08)
            rh = 100 * magnus(wx.Td[j]) / magnus(temp) + S["rh_bias"] + S["arh"].next() + r.gauss(0, 0.4)
            rh = clamp(rh, 15, 100)
            g = humidity_growth(rh)
            pm25 = (wx.bg25[j] * S["pm_gain"] + tr * tw * 3.5 * ventil + S["a25"].next()) * g
            pm25 += r.gauss(0, 0.04 * pm25 + 0.4)
            coarse = wx.bgco[j] * S["pm_gain"] + tr * tw * 5.0 * min(ventil, 1.2) + S["aco"].next()
            coarse += r.gauss(0, 0.05 * coarse + 0.4)
            fw = fireworks(dt, (lat, lon))
            pm25 += 0.85 * fw
            coarse += 0.15 * fw
            if name == DUST[0] and DUST[1] <= dt < DUST[2] and r.random() < 0.7:
                coarse += r.uniform(20, 90)
            if name == GLITCH[0] and dt == GLITCH[1]:
                pm25 += 175.0
                coarse += 15.0
            pm25 = max(0.5, pm25)
            pm10 = pm25 + max(0.3, coarse * g)
            no2 = wx.bgno2[j] * S["no2_gain"] + tr * tw * 30 * min(ventil, 1.3) + S["ano2"].next()
            no2 = max(1.0, no2 + r.gauss(0, 1.0))
            vals = {"PM10": pm10, "PM2.5": pm25, "NO2": no2, "temperature": temp, "humidity": rh}
            if noise:
                nb, nd = noise
                db = nb + (nd - nb) * act + 2.5 * tr * tw + 0.8 * max(0.0, wd - 7)
                db += (2.0 if wx.rain[j] > 0 else 0.0) + S["anoise"].next() + r.gauss(0, 1.2)
                if act > 0.3 and r.random() < 0.03:
                    db += r.uniform(3, 10)  # passing truck, siren, ...
                if FIREWORKS_T <= dt < FIREWORKS_T + timedelta(minutes=20):
                    db += 24 * math.exp(-dist_km((lat, lon), FIREWORKS_POS) / 1.5)
                vals["noise"] = clamp(db, 35, 95)
            slat, slon = f"{lat:.4f}", f"{lon:.4f}"
            for p in ALL:
                if p not in phen:
                    continue
                v = vals[p]  # always computed, so RNG streams do not depend on drops
                if offline(name, p, dt) or drop.random() < DROP_P:
                    continue
                if p == "humidity":
                    v = min(v, 100.0)
                rows.append(f"{ts},{name},{p},{fmt1(v)},{UNIT[p]},{slat},{slon}")

        # mobile sensor: rides in local time, weekdays only
        if dow >= 5 or date in BIKE_SKIP_DAYS:
            continue
        for (h0, m0), (h1, m1) in RIDES_LOCAL:
            a = h0 + m0 / 60
            b = h1 + m1 / 60
            for sub in range(0, STEP_S, BIKE_STEP_S):
                bt = dt + timedelta(seconds=sub)
                bh = h + sub / 3600
                if not (a <= bh < b):
                    continue
                if bt >= BIKE_BATTERY_EMPTY and bt.date() == BIKE_BATTERY_EMPTY.date() and bh >= 12:
                    continue
                v = track.step(BIKE_STEP_S)
                blat, blon = track.position()
                frac = sub / STEP_S
                jj = min(j + 1, wx.n - 1)
                bg25 = wx.bg25[j] * (1 - frac) + wx.bg25[jj] * frac
                bgco = wx.bgco[j] * (1 - frac) + wx.bgco[jj] * frac
                expo = 0.6 + idw_traffic((blat, blon))
                if br.random() < 0.02:
                    puff += br.uniform(10, 60)  # bus / scooter exhaust
                puff *= 0.6
                btr = traffic(bh, dow)
                rh = clamp(100 * magnus(wx.Td[j]) / magnus(wx.T[j]), 15, 100)
                g = humidity_growth(rh)
                pm25 = max(0.5, (bg25 + btr * expo * 3 * ventil + puff * 0.7 + b25.next()) * g
                           + br.gauss(0, 0.08 * bg25 + 0.6))
                pm10 = pm25 + max(0.3, (bgco + btr * expo * 3.5 + puff * 0.3 + bco.next()) * g
                                  + br.gauss(0, 0.8))
                db = 54 + 6 * btr * expo + 1.0 * v + bnoise.next() + br.gauss(0, 1.5)
                if br.random() < 0.04:
                    db += br.uniform(3, 12)
                db = clamp(db, 45, 95)
                if drop.random() < BIKE_DROP_P:
                    continue
                bts = fmt_time(bt)
                slat, slon = f"{blat:.5f}", f"{blon:.5f}"
                for p, val in (("PM10", pm10), ("PM2.5", pm25), ("noise", db)):
                    rows.append(f"{bts},{BIKE},{p},{fmt1(val)},{UNIT[p]},{slat},{slon}")
    return rows


# --------------------------------------------------------------------------- wide file
WIDE_STATIONS = [  # name, lat, lon, temp offset, wind factor, pressure offset
    ("De Bilt", 52.1017, 5.1772, 0.0, 1.0, 0.0),
    ("Cabauw", 51.9700, 4.9262, -0.3, 1.25, 0.4),
]
WIDE_HEADER = "timestamp,station,lat,lon,temp (°C),humidity [%],wind speed (m/s),pressure (hPa)"


def generate_wide(wx):
    r = rng_for("wide")
    noise = {n: (AR1(r, 0.25, 0.9), AR1(r, 0.6, 0.9), AR1(r, 0.2, 0.8)) for n, *_ in WIDE_STATIONS}
    rows = []
    for hour in range(WIDE_DAYS * 24):
        dt = WIDE_START + timedelta(hours=hour)
        j = wx.index(dt)
        for name, lat, lon, dtemp, fwind, dpres in WIDE_STATIONS:
            nt, nw, nrh = noise[name]
            t = wx.T[j] + dtemp + nt.next()
            rh = clamp(100 * magnus(wx.Td[j]) / magnus(t) + 3 * nrh.next(), 20, 100)
            ws = max(0.0, wx.wind[j] * fwind * (0.75 + 0.35 * (1 - math.cos(math.pi * ((hour + 1) % 24) / 12)) / 2)
                     + nw.next())
            p = wx.pres[j] + dpres
            rows.append([fmt_time(dt), name, f"{lat:.4f}", f"{lon:.4f}",
                         fmt1(t), f"{rh:.0f}", fmt1(ws), fmt1(p)])
    # a few missing values: NA in some cells, empty in others
    cells = set()
    while len(cells) < 14:
        cells.add((r.randrange(len(rows)), r.randrange(4, 8)))
    for n, (ri, ci) in enumerate(sorted(cells)):
        rows[ri][ci] = "NA" if n % 2 == 0 else ""
    return [",".join(row) for row in rows]


# --------------------------------------------------------------------------- bad rows
BAD_LINES = {7: "value", 14: "time", 22: "columns", 31: "lat"}  # 1-based file line numbers


def generate_bad(main_rows):
    good = [row for row in main_rows if row.split(",")[1] == "Centrum"][:36]
    out = [HEADER]
    for i, row in enumerate(good):
        line_no = i + 2
        f = row.split(",")
        kind = BAD_LINES.get(line_no)
        if kind == "value":
            f[3] = "abc"
        elif kind == "time":
            f[0] = "yesterday"
        elif kind == "columns":
            f = f[:5]
        elif kind == "lat":
            f[5] = "north"
        out.append(",".join(f))
    assert len(out) == 37 and good[-1].startswith("2026-10-28T00:50:00Z")
    # the documented bad lines (see the comment at the top) are exactly these
    for n, line in enumerate(out, 1):
        f = line.split(",")
        bad = (len(f) != 7 or f[0] == "yesterday" or f[3] == "abc" or f[5] == "north")
        assert bad == (n in BAD_LINES), (n, line)
    return out


# --------------------------------------------------------------------------- write
def write_text(path, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")


def main():
    wx = Weather()
    rows = generate_main(wx)
    main_path = os.path.join(HERE, "city-air.csv.gz")
    data = (HEADER + "\n" + "\n".join(rows) + "\n").encode("utf-8")
    with open(main_path, "wb") as raw:
        with gzip.GzipFile(filename="city-air.csv", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(data)
    wide = generate_wide(wx)
    write_text(os.path.join(HERE, "weather-wide.csv"), [WIDE_HEADER] + wide)
    bad = generate_bad(rows)
    write_text(os.path.join(HERE, "bad-rows.csv"), bad)

    series = {}
    for row in rows:
        f = row.split(",", 3)
        series[(f[1], f[2])] = series.get((f[1], f[2]), 0) + 1
    print(f"city-air.csv.gz   {len(rows)} data rows, {len(series)} series, "
          f"{rows[0][:20]} .. {rows[-1][:20]}, {os.path.getsize(main_path)} bytes "
          f"({len(data)} uncompressed)")
    print(f"weather-wide.csv  {len(wide)} data rows")
    print(f"bad-rows.csv      {len(bad) - 1} data rows ({len(BAD_LINES)} bad, lines "
          f"{', '.join(str(n) for n in sorted(BAD_LINES))})")


if __name__ == "__main__":
    main()
