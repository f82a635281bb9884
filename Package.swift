// swift-tools-version:6.0
import PackageDescription

// Layering, bottom to top:
//   DataCore (measurements, loaders) ─┐
//   ViewCore (state, actions, reducer) ┼─> Rendering (cell grid) ─> Terminal (ncurses) ─> dataviewer
//   LibraryCore (the library API, documents) ─> SessionLibrary (SQLite), TeamLibrary (PostgreSQL) ─┘  └─> ChartExport (cairo: PNG, SVG, PDF)
//   LibraryViews: the view's types over any library (LibraryCore + ViewCore)
//   Effects (runner, autosaver, data source: DataCore + ViewCore + LibraryViews, any backend) ──────> dataviewer
// The data path (reading files, the store, drawing the view) is optimised in debug builds too: the
// tests start the real binary on real files hundreds of times, and at -Onone one 300,000-row file
// takes seconds to read where an optimised build takes a tenth of a second.
// Their hot loops run closures over captured state; the compiler proves exclusive access statically
// there, and the run-time check it would add on top took a third of a frame's time.
let optimisedAlways: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug)), .unsafeFlags(["-enforce-exclusivity=unchecked"])]

let package = Package(
    name: "dataviewer",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dataviewer", targets: ["dataviewer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CCairo", path: "Sources/CCairo"),
        .target(name: "DataCore", dependencies: ["CZlib"], swiftSettings: optimisedAlways),
        .target(name: "ViewCore", dependencies: ["DataCore"], swiftSettings: optimisedAlways),
        .target(name: "LibraryCore"),
        .target(name: "SessionLibrary", dependencies: ["LibraryCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "LibraryViews", dependencies: ["LibraryCore", "ViewCore"]),
        .target(name: "TeamLibrary", dependencies: ["LibraryCore", .product(name: "GRDB", package: "GRDB.swift"),
                                                    .product(name: "PostgresNIO", package: "postgres-nio")]),
        .target(name: "Rendering", dependencies: ["DataCore", "ViewCore"], swiftSettings: optimisedAlways),
        .target(name: "Themes", dependencies: ["Rendering", .product(name: "TOMLKit", package: "TOMLKit")]),
        // The user's config.toml (keep_versions).
        .target(name: "UserConfig", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]),
        .target(name: "ChartExport", dependencies: ["CCairo", "DataCore", "ViewCore", "Rendering", "Themes"]),
        .target(name: "Terminal", dependencies: ["CNcurses", "Rendering", "ViewCore", "Themes"]),
        // The effect runner, autosaver and data source: the viewer's work off the input thread.
        .target(name: "Effects", dependencies: ["DataCore", "ViewCore", "LibraryViews"]),
        .executableTarget(name: "dataviewer", dependencies: [
            "DataCore", "ViewCore", "Rendering", "Terminal", "SessionLibrary", "TeamLibrary", "LibraryViews", "Themes", "Effects", "ChartExport",
            "UserConfig",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "dataviewer-bench", dependencies: ["DataCore", "ViewCore", "Rendering", "SessionLibrary", "TeamLibrary", "LibraryViews",
                                                                "Effects", "PostgresHarness"],
                          path: "Benchmarks/dataviewer-bench"),
        .testTarget(name: "DataCoreTests", dependencies: ["DataCore"]),
        .testTarget(name: "ViewCoreTests", dependencies: ["ViewCore", "DataCore"]),
        // A throwaway PostgreSQL server for the tests that need one.
        .target(name: "PostgresHarness", path: "Tests/PostgresHarness"),
        .testTarget(name: "SessionLibraryTests", dependencies: ["SessionLibrary", "TeamLibrary", "LibraryViews", "ViewCore", "PostgresHarness"]),
        // The effect runner, autosaver and data source against real library files (SQLite and PostgreSQL) and data files.
        .testTarget(name: "EffectsTests", dependencies: ["Effects", "SessionLibrary", "TeamLibrary", "LibraryViews", "ViewCore", "DataCore",
                                                        "PostgresHarness", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ThemesTests", dependencies: ["Themes", "Rendering"]),
        .testTarget(name: "UserConfigTests", dependencies: ["UserConfig"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "ViewCore", "DataCore"]),
        .testTarget(name: "ChartExportTests", dependencies: ["ChartExport", "CCairo", "Rendering", "ViewCore", "DataCore", "Themes"]),
        .testTarget(name: "EndToEndTests", dependencies: ["dataviewer", "PostgresHarness"]),
    ]
)
