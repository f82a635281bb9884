// swift-tools-version:6.0
import PackageDescription

// Layering, bottom to top:
//   DataCore (measurements, loaders) ─┐
//   ViewCore (state, actions, reducer) ┼─> Rendering (cell grid) ─> Terminal (ncurses) ─> dataviewer
//   SessionLibrary (SQLite)           ─┘           └─> ChartExport (cairo: PNG, SVG, PDF)
//   Effects (runner, autosaver, data source: DataCore + ViewCore + SessionLibrary) ──────> dataviewer
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
    ],
    targets: [
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CCairo", path: "Sources/CCairo"),
        .target(name: "DataCore", dependencies: ["CZlib"]),
        .target(name: "ViewCore", dependencies: ["DataCore"]),
        .target(name: "SessionLibrary", dependencies: ["ViewCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Rendering", dependencies: ["DataCore", "ViewCore"]),
        .target(name: "Themes", dependencies: ["Rendering", .product(name: "TOMLKit", package: "TOMLKit")]),
        // The user's config.toml (keep_versions).
        .target(name: "UserConfig", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]),
        .target(name: "ChartExport", dependencies: ["CCairo", "DataCore", "ViewCore", "Rendering", "Themes"]),
        .target(name: "Terminal", dependencies: ["CNcurses", "Rendering", "ViewCore", "Themes"]),
        // The effect runner, autosaver and data source: the viewer's work off the input thread.
        .target(name: "Effects", dependencies: ["DataCore", "ViewCore", "SessionLibrary"]),
        .executableTarget(name: "dataviewer", dependencies: [
            "DataCore", "ViewCore", "Rendering", "Terminal", "SessionLibrary", "Themes", "Effects", "ChartExport", "UserConfig",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "dataviewer-bench", dependencies: ["DataCore", "ViewCore", "Rendering", "SessionLibrary", "Effects"],
                          path: "Benchmarks/dataviewer-bench"),
        .testTarget(name: "DataCoreTests", dependencies: ["DataCore"]),
        .testTarget(name: "ViewCoreTests", dependencies: ["ViewCore", "DataCore"]),
        .testTarget(name: "SessionLibraryTests", dependencies: ["SessionLibrary", "ViewCore"]),
        // The effect runner, autosaver and data source against real library files and data files.
        .testTarget(name: "EffectsTests", dependencies: ["Effects", "SessionLibrary", "ViewCore", "DataCore",
                                                        .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ThemesTests", dependencies: ["Themes", "Rendering"]),
        .testTarget(name: "UserConfigTests", dependencies: ["UserConfig"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "ViewCore", "DataCore"]),
        .testTarget(name: "ChartExportTests", dependencies: ["ChartExport", "CCairo", "Rendering", "ViewCore", "DataCore", "Themes"]),
        .testTarget(name: "EndToEndTests", dependencies: ["dataviewer"]),
    ]
)
