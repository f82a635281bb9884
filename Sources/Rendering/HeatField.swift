import DataCore
import ViewCore

/// The heat-map's field over a grid of cells covering the map: per cell, the distance-weighted
/// mean of the values around it, and how much data stands behind it. The terminal draws it in
/// text cells, the exported chart in finer square cells; the radius is in text rows for both.
public struct HeatField {
    public let columns: Int
    public let rows: Int
    /// NaN where no data is near.
    public private(set) var values: [Double]
    public private(set) var weights: [Double]
    public private(set) var lo = Double.nan
    public private(set) var hi = Double.nan
    public private(set) var maxWeight = 0.0

    public var isEmpty: Bool { !(maxWeight > 0) }

    /// `pw`×`ph` are the pixels the viewport was made for, covered by `w`×`h` cells;
    /// `cellWidth`/`cellHeight` are a cell's size in text rows (a terminal cell is 0.5 × 1).
    public init(_ store: MeasurementStore, ids: [String], visible vis: ClosedRange<Int64>, valueRange vr: ClosedRange<Double>?,
                viewport v: MapViewport, pixelWidth pw: Int, pixelHeight ph: Int, columns w: Int, rows h: Int,
                cellWidth: Double, cellHeight: Double, radius rad: Int) {
        columns = w
        rows = h
        values = [Double](repeating: .nan, count: w * h)
        weights = [Double](repeating: 0, count: w * h)
        guard w > 0, h > 0 else { return }
        var sum = [Double](repeating: 0, count: w * h), cnt = [Double](repeating: 0, count: w * h)
        for id in ids {
            guard let c = store.column(id), c.hasPositions else { continue }
            if let (la, lo) = c.fixedPosition {
                // A fixed station adds to one cell: its count and sum come from the summary.
                let (px, py) = v.pixel(lat: Double(la), lon: Double(lo), pw: pw, ph: ph)
                guard px >= 0, py >= 0 else { continue }
                let cx = px * w / max(1, pw), cy = py * h / max(1, ph)
                guard cx < w, cy < h else { continue }
                let st = c.statistics(in: vis, valueRange: vr)
                sum[cy * w + cx] += st.sum
                cnt[cy * w + cx] += Double(st.count)
                continue
            }
            func cell(_ la: Float, _ lo: Float) -> (Int, Int) {
                let (px, py) = v.pixel(lat: Double(la), lon: Double(lo), pw: pw, ph: ph)
                return px < 0 || py < 0 ? (-1, -1) : (px * w / max(1, pw), py * h / max(1, ph))
            }
            let range = c.indices(in: vis)
            if c.positionRuns.usable(count: c.count) {
                // A stretch at one position adds to one cell: its sum from whole buckets.
                c.positionRuns.forEach(in: range) { r in
                    let la = c.lats[r.lowerBound]
                    guard !la.isNaN else { return }
                    let (cx, cy) = cell(la, c.lons[r.lowerBound])
                    guard cx >= 0, cy >= 0, cx < w, cy < h else { return }
                    let t = c.total(r, within: vr)
                    sum[cy * w + cx] += t.sum
                    cnt[cy * w + cx] += Double(t.count)
                }
                continue
            }
            var lastLat = Float.nan, lastLon = Float.nan, cx = 0, cy = 0
            for i in range {
                let la = c.lats[i], lo = c.lons[i]
                if la.isNaN { continue }
                if let vr, !vr.contains(c.values[i]) { continue }
                if la != lastLat || lo != lastLon {
                    (cx, cy) = cell(la, lo)
                    lastLat = la
                    lastLon = lo
                }
                guard cx >= 0, cy >= 0, cx < w, cy < h else { continue }
                sum[cy * w + cx] += c.values[i]
                cnt[cy * w + cx] += 1
            }
        }
        let (ws, vs) = Self.spread(sum: sum, count: cnt, columns: w, rows: h, cellWidth: cellWidth, cellHeight: cellHeight, radius: rad)
        for i in 0..<w * h where ws[i] > 0 {
            values[i] = vs[i] / ws[i]
            weights[i] = ws[i]
        }
        let real = values.filter { !$0.isNaN }
        guard let l = real.min(), let u = real.max(), let m = weights.max(), m > 0 else { return }
        lo = l
        hi = u
        maxWeight = m
    }

    /// Per cell, the distance-weighted sums of the counts and of the values within the radius.
    /// Each cell with data spreads its weight over the cells around it. Sources are few (one per
    /// station and cell), so this costs sources × kernel, not cells × kernel; visiting them row by
    /// row adds into each cell in the order that gathering from its neighbours would.
    static func spread(sum: [Double], count cnt: [Double], columns w: Int, rows h: Int,
                       cellWidth: Double, cellHeight: Double, radius rad: Int) -> (weights: [Double], sums: [Double]) {
        let rx = Int(Double(rad) / cellWidth), ry = Int(Double(rad) / cellHeight)
        var kernel: [(dx: Int, dy: Int, k: Double)] = []
        for dy in -ry...ry {
            for dx in -rx...rx {
                let ddx = Double(dx) * cellWidth, ddy = Double(dy) * cellHeight
                let d = (ddx * ddx + ddy * ddy).squareRoot()
                if d <= Double(rad) + 0.5 { kernel.append((dx, dy, 1 / (1 + d))) }
            }
        }
        var ws = [Double](repeating: 0, count: w * h), vs = [Double](repeating: 0, count: w * h)
        for sy in 0..<h {
            for sx in 0..<w where cnt[sy * w + sx] > 0 {
                let n = cnt[sy * w + sx], total = sum[sy * w + sx]
                for (dx, dy, k) in kernel {
                    // This source lies at (dx, dy) from the cell it adds to.
                    let x = sx - dx, y = sy - dy
                    guard x >= 0, x < w, y >= 0, y < h else { continue }
                    ws[y * w + x] += k * n
                    vs[y * w + x] += k * total
                }
            }
        }
        return (ws, vs)
    }

    /// Ramp level 0…7 of a cell's value.
    /// A spread within float rounding of the values (one station's mean reached along different
    /// weights) is no spread: it would paint rounding noise as the whole ramp.
    public func level(_ i: Int) -> Int {
        hi - lo > 1e-9 * max(abs(hi), abs(lo)) ? max(0, min(7, Int((values[i] - lo) / (hi - lo) * 7.999))) : 4
    }

    /// 0…1: how much data stands behind a cell, scaled by the intensity setting (1…10).
    public func density(_ i: Int, intensity: Int) -> Double {
        min(1, (weights[i] / maxWeight).squareRoot() * (Double(intensity) / 5))
    }
}
