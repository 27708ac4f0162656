// swift-tools-version: 6.1
import PackageDescription

// In-process benchmarks (ordo-one/benchmark). Run from this folder:
//   swift package benchmark
// Figures and the machine they were taken on: ../docs/performance.md.
let package = Package(
    name: "TasksBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "tasks-tui", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "TasksBenchmarks",
            dependencies: [
                .product(name: "TasksModel", package: "tasks-tui"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TasksBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)
