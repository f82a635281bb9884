import DataCore

/// The start view, the data arriving and background reads. Data arriving is no change of the view
/// by the user: none of it enters the undo history.
func reduceData(_ s: inout AppState, _ a: DataAction) {
    switch a {
    case .start(let v): s.applyStart(v)
    case let .dataChanged(summary, version): s.applyData(summary, version: version)
    case .loading(let l): s.applyLoad(l)
    }
}

extension AppState {
    mutating func applyStart(_ v: StartView) {
        if let settings = v.settings {
            self.settings = settings
            self = TimeZoneCycle.pinning(settings, in: self)
        }
        session = SessionStatus(name: v.sessionName, savedSettings: v.savedSettings)
        session.autosaved = v.autosavedLabel
        if let p = v.place { ui.focus = p.focus }
        if let m = v.message { ui.message = m }
        if let z = v.zoneNote { ui.message = z }
        history = v.history
        data.waiting = v
        if data.version > 0 { applyWaiting() }
    }

    mutating func applyData(_ d: DataSummary, version: Int) {
        catalog = d.catalog
        dataRange = d.range
        dataName = d.name
        positionBounds = d.bounds
        ui.cursor = clampedCursor(ui.cursor)
        data.version = version
        data.loading = nil
        if data.waiting != nil { applyWaiting(d) }
    }

    mutating func applyLoad(_ a: LoadAction) {
        switch a {
        case .progress(let l): data.loading = l
        case .failed(let why):
            data.loading = nil
            ui.message = why
        }
    }

    /// What the start view needed the data for: the first series of a fresh view, the cursor, notices.
    private mutating func applyWaiting(_ d: DataSummary? = nil) {
        guard let v = data.waiting else { return }
        data.waiting = nil
        if v.settings == nil, settings.series.selected.isEmpty, let best = d?.longestSeries ?? catalog.first?.id {
            settings.series.selected = [best]
            if let i = visibleSeries.firstIndex(where: { $0.id == best }) { ui.cursor = i }
        }
        if let p = v.place {
            ui.cursor = clampedCursor(p.cursor)
            reduceDashboard(&self, .move(by: p.panelCursor ?? 0))
        }
        // What the data gained since the session was saved, and the note about the display zone, together.
        if let w = v.watermark, let d {
            let since = "loaded \"\(v.sessionName ?? "")\"; "
                + DataSinceSaved(saved: w, now: d.watermark(selected: w.marks.map(\.id), sources: w.sources)).message(in: displayZone)
            ui.message = ([since] + [v.zoneNote].compactMap { $0 }).joined(separator: "; ")
        }
        let r = d?.report
        if let r, let summary = r.summary {
            ui.message = summary + (r.issues.first.map { ": \($0)" } ?? "")
        }
        if v.understandingNotice, let lines = d?.notice {
            // The first open of this data: every decision of the loader, once.
            ui.overlays.append(.notice(title: "How \(dataName) was read", lines: lines))
        } else if let r, r.summary != nil {
            let lines = r.issues.prefix(8).map(\.description) + (r.skippedTotal > 8 ? ["… and \(r.skippedTotal - 8) more"] : [])
            ui.overlays.append(.notice(title: "Skipped while reading \(dataName)", lines: lines))
        }
        if let settings = v.settings, v.watermark == nil {
            let known = Set(catalog.map(\.id))
            let missing = settings.series.selected.filter { !known.contains($0) }
            if !missing.isEmpty {
                ui.message = "\(missing.count) series of the session are not in the data: " + missing.prefix(3).joined(separator: ", ")
            }
        }
    }
}
