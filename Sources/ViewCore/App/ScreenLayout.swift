public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < x + width && py >= y && py < y + height
    }
    /// The area inside a one-cell border.
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }
}

/// Where each pane sits for a terminal size. Shared by rendering and mouse hit-testing.
public struct ScreenLayout: Equatable, Sendable {
    public var title: Rect
    public var status: Rect
    public var panes: [Pane: Rect]

    public init(width w: Int, height h: Int) {
        title = Rect(x: 0, y: 0, width: w, height: 1)
        status = Rect(x: 0, y: h - 1, width: w, height: 1)
        let bodyH = max(0, h - 2)
        let seriesW = min(max(24, w / 4), 40)
        let rightW = w - seriesW
        let plotH = max(6, bodyH * 11 / 20)
        let lowerH = bodyH - plotH
        let mapW = rightW / 2
        panes = [
            .series: Rect(x: 0, y: 1, width: seriesW, height: bodyH),
            .plot: Rect(x: seriesW, y: 1, width: rightW, height: plotH),
            .map: Rect(x: seriesW, y: 1 + plotH, width: mapW, height: lowerH),
            .dashboard: Rect(x: seriesW + mapW, y: 1 + plotH, width: rightW - mapW, height: lowerH),
        ]
    }

    public func pane(atX x: Int, y: Int) -> Pane? {
        Pane.allCases.first { panes[$0]!.contains(x: x, y: y) }
    }

    /// The ☰ menu's rows below the title bar's left corner.
    public static func menuRect() -> Rect { Rect(x: 0, y: 1, width: 22, height: MenuEntry.allCases.count + 2) }
}
