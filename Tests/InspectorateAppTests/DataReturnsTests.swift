import Fluent
import Foundation
import InspectionKit
import Testing
import Vapor

@testable import InspectorateApp

/// The owner of `data_returns` and `indicator_values`, on each database, without HTTP.
@Suite("Data returns")
struct DataReturnsTests {
    @Test("a return is recorded with its figures, replaced whole for the same quarter, and read back as each indicator's series", arguments: TestDatabases.all)
    func submitAndRead(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let auditor = Auditor(user: nil, ip: nil, userAgent: "test")
            let (q1, q2) = (Quarter(parsing: "2024-Q1")!, Quarter(parsing: "2024-Q2")!)
            func submit(_ provider: UUID, _ period: Quarter, _ points: [Indicator: (Int, Int)], workforceRows: Int? = nil) async throws {
                try await DataReturns.submit(
                    provider: provider, period: period,
                    read: .init(
                        caseloadRows: 100, workforceRows: workforceRows,
                        points: Dictionary(
                            uniqueKeysWithValues: points.map { ($0.key.id, IndicatorPoint(period: period, numerator: $0.value.0, denominator: $0.value.1)) })),
                    by: auditor, on: app.db)
            }
            try await submit(world.providerA, q2, [.faceToFaceContact: (50, 100), .vacancyRate: (3, 30)], workforceRows: 4)
            try await submit(world.providerA, q1, [.faceToFaceContact: (80, 100)])
            try await submit(world.providerB, q1, [.faceToFaceContact: (10, 100)])
            // Sent again: the second return for a quarter replaces the first whole, vacancy rate included.
            try await submit(world.providerA, q2, [.faceToFaceContact: (55, 100)])
            let series = try await DataReturns.series(
                of: try #require(try await ProviderModel.find(world.providerA, on: app.db)), frameworks: app.frameworks, on: app.db)
            #expect(series.map(\.indicator) == Indicator.standard)
            let contact = try #require(series.first { $0.indicator == .faceToFaceContact })
            #expect(contact.points.map(\.period) == [q1, q2] && contact.points.map(\.numerator) == [80, 55])
            #expect(series.first { $0.indicator == .vacancyRate }?.points.isEmpty == true)
            #expect(contact.alert(rule: .standard)?.from == q1)
            #expect(try await DataReturns.periods(provider: world.providerA, on: app.db) == [q2, q1])
            #expect(try await DataReturns.periods(provider: world.providerB, on: app.db) == [q1])
            #expect(try await IndicatorValueModel.query(on: app.db).count() == 3)
            let audit = try await AuditEventModel.query(on: app.db).filter(\.$entityType == "data-return").all()
            #expect(audit.filter { $0.action == .upload }.count == 3 && audit.filter { $0.action == .update }.count == 1)
            #expect(audit.contains { $0.detail == "April to June 2024 return: 100 cases, replacing the earlier one" })
        }
    }
}
