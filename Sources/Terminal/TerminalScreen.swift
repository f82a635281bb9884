import CNcurses
import Foundation
import Rendering
import Themes
import ViewCore

/// Signal number caught by `installSignalHandlers`; the input loop polls it. 0 when none.
nonisolated(unsafe) private var caughtSignal: Int32 = 0

/// The thin ncurses layer: blits cell grids, reads keys and mouse as `InputEvent`s, and always
/// leaves the terminal as it found it.
public final class TerminalScreen {
    public let unicode: Bool
    private var palette: Palette
    private var active = true
    private var pendingRaw: [String] = []

    /// Sets the locale (falling back to C.UTF-8), starts ncurses and installs signal handlers.
    public init(colorAllowed: Bool, theme: Theme) {
        setlocale(LC_ALL, "")
        var utf8 = String(cString: cn_codeset()).uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
        if !utf8, ProcessInfo.processInfo.environment["DATAVIEWER_ASCII"] == nil,
           Self.isLocaleDefaultedToC(), setlocale(LC_CTYPE, "C.UTF-8") != nil {
            utf8 = true
        }
        unicode = utf8 && ProcessInfo.processInfo.environment["DATAVIEWER_ASCII"] == nil
        setenv("ESCDELAY", "25", 0)
        initscr()
        cbreak()
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        curs_set(0)
        mousemask(cn_all_mouse_events(), nil)
        mouseinterval(0)
        palette = Palette(colorAllowed: colorAllowed, theme: theme)
        Self.installSignalHandlers()
    }

    /// Only when no locale was configured at all do we pick UTF-8 ourselves; an explicit non-UTF-8
    /// locale (e.g. LANG=en_US.ISO-8859-1) is respected with the ASCII fallback.
    private static func isLocaleDefaultedToC() -> Bool {
        let env = ProcessInfo.processInfo.environment
        // POSIX: an empty variable counts as unset, so LC_ALL= falls through to LC_CTYPE and LANG.
        let chosen = [env["LC_ALL"], env["LC_CTYPE"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        return chosen.isEmpty || chosen == "C" || chosen == "POSIX"
    }

    public var size: (width: Int, height: Int) { (Int(cn_cols()), Int(cn_lines())) }

    static func installSignalHandlers() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { caughtSignal = $0 }
        }
        signal(SIGPIPE, SIG_IGN)
    }

    /// A signal that asks the program to end, if one arrived.
    public var pendingSignal: Int32? { caughtSignal == 0 ? nil : caughtSignal }

    public func draw(_ grid: CellGrid) {
        erase()
        var wbuf = [wchar_t](repeating: 0, count: 8)
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if cell.isContinuation { continue }
                // The bottom-right cell would scroll the screen on some terminals: leave it.
                if y == grid.height - 1 && x == grid.width - 1 { continue }
                var n = 0
                for u in cell.text.unicodeScalars where n < 6 { wbuf[n] = wchar_t(bitPattern: u.value); n += 1 }
                wbuf[n] = 0
                let (attr, pair) = palette.attributes(cell.role, cell.style)
                _ = cn_put_cell(Int32(y), Int32(x), wbuf, attr, pair)
            }
        }
        refresh()
        // Raw sequences (OSC 52) go straight to the tty after the refresh, so ncurses cannot mangle them.
        for raw in pendingRaw { FileHandle.standardOutput.write(Data(raw.utf8)) }
        pendingRaw.removeAll()
    }

    public func queueRaw(_ s: String) { pendingRaw.append(s) }

    /// Switches the theme live (the theme menu previews as the cursor moves).
    public func setTheme(_ theme: Theme) {
        palette.apply(theme)
        clearok(cn_stdscr(), true)
    }

    /// Waits up to `timeoutMs` for input. nil on timeout.
    public func nextEvent(timeoutMs: Int32) -> InputEvent? {
        timeout(timeoutMs)
        var ch: wint_t = 0
        let r = cn_get_wch(&ch)
        if r == ERR { return nil }
        if r == KEY_CODE_YES {
            let code = Int32(ch)
            if code == cn_key_resize() { return .resize(width: size.width, height: size.height) }
            if code == cn_key_mouse() { return mouseEvent() }
            return keyCode(code).map { .key($0) }
        }
        return character(ch).map { .key($0) }
    }

    private func keyCode(_ c: Int32) -> Key? {
        switch c {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        default:
            for n in 1...12 where c == cn_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    private func character(_ ch: wint_t) -> Key? {
        switch ch {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(ch) + 96)))
        default:
            guard let u = Unicode.Scalar(UInt32(ch)) else { return nil }
            return .char(Character(u))
        }
    }

    private func mouseEvent() -> InputEvent? {
        var ev = MEVENT()
        guard getmouse(&ev) == OK else { return nil }
        let b = ev.bstate
        let kind: MouseEvent.Kind
        if b & cn_button4_pressed() != 0 { kind = .wheelUp }
        else if b & cn_button5_pressed() != 0 { kind = .wheelDown }
        else if b & (cn_button1_pressed() | cn_button1_clicked()) != 0 { kind = .press }
        else { return nil }
        return .mouse(MouseEvent(x: Int(ev.x), y: Int(ev.y), kind: kind))
    }

    /// Restores the terminal. Safe to call more than once.
    public func close() {
        guard active else { return }
        active = false
        mousemask(0, nil)
        curs_set(1)
        endwin()
    }

    deinit { close() }
}
