// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Inspectorate",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "inspectorate", targets: ["inspectorate"]),
        .library(name: "InspectionKit", targets: ["InspectionKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", exact: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", exact: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", exact: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", exact: "2.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/vapor/multipart-kit.git", exact: "4.7.1"),
    ],
    targets: [
        // The domain: frameworks, ratings, statistics, sampling. No web framework, no database.
        .target(
            name: "InspectionKit",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/frameworks"), .copy("Resources/surveys")]
        ),
        // Pages as pure functions from view models to HTML. No Vapor, no Fluent: a view cannot
        // do I/O, even by accident.
        .target(name: "InspectorateViews", dependencies: ["InspectionKit"]),
        // The web application and the command-line commands, on Vapor + Fluent.
        .target(
            name: "InspectorateApp",
            dependencies: [
                "InspectionKit",
                "InspectorateViews",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources/passwords")]
        ),
        .executableTarget(name: "inspectorate", dependencies: ["InspectorateApp"]),
        .testTarget(name: "InspectionKitTests", dependencies: ["InspectionKit"]),
        .testTarget(name: "InspectorateViewsTests", dependencies: ["InspectorateViews"]),
        .testTarget(
            name: "InspectorateAppTests",
            dependencies: [
                "InspectorateApp",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ]
)
