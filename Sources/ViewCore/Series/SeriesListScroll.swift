/// Which row of the series list is at the top, so that the cursor stays in view.
public enum SeriesListScroll {
    public static func firstRow(cursor: Int, rows: Int, count: Int) -> Int {
        guard rows > 0, count > rows else { return 0 }
        return max(0, min(cursor - rows / 2, count - rows))
    }
}
