import Fluent
import Foundation
import InspectionKit
import SQLKit

/// One provider's data return for one quarter. ``DataReturns`` does every read and write of
/// these rows and of their indicator values.
final class DataReturnModel: Model, @unchecked Sendable {
    static let schema = "data_returns"
    @ID var id: UUID?
    @Field(key: "provider_id") var providerID: UUID
    /// `YYYY-Qn`.
    @Field(key: "period") var period: String
    @Field(key: "caseload_rows") var caseloadRows: Int
    @OptionalField(key: "workforce_rows") var workforceRows: Int?
    @OptionalField(key: "submitted_by") var submittedBy: UUID?
    @Field(key: "submitted_at") var submittedAt: Date

    init() {}

    func quarter() throws -> Quarter {
        guard let quarter = Quarter(parsing: period) else { throw DataReturns.UnreadableRow(description: "a data return's period reads “\(period)”") }
        return quarter
    }
}

final class IndicatorValueModel: Model, @unchecked Sendable {
    static let schema = "indicator_values"
    @ID var id: UUID?
    @Field(key: "return_id") var returnID: UUID
    @Field(key: "indicator") var indicator: String
    @Field(key: "numerator") var numerator: Int
    @Field(key: "denominator") var denominator: Int

    init() {}
}

/// The owner of `data_returns` and `indicator_values`.
enum DataReturns {
    struct UnreadableRow: Error, CustomStringConvertible {
        let description: String
    }

    /// Records a provider's return for a quarter with the indicator figures it yields, replacing
    /// any earlier return for that quarter, in one transaction, audited.
    static func submit(provider: UUID, period: Quarter, read: QuarterlyReturn.Read, by auditor: Auditor, on database: any Database) async throws {
        let (caseloadRows, workforceRows, points) = (read.caseloadRows, read.workforceRows, read.points)
        try await database.writeTransaction { database in
            let replaced = try await DataReturnModel.query(on: database).filter(\.$providerID == provider).filter(\.$period == period.description).all()
            for old in replaced {
                try await IndicatorValueModel.query(on: database).filter(\.$returnID == old.id!).delete()
                try await old.delete(on: database)
            }
            let row = DataReturnModel()
            row.providerID = provider
            row.period = period.description
            row.caseloadRows = caseloadRows
            row.workforceRows = workforceRows
            row.submittedBy = auditor.user?.id
            row.submittedAt = Date()
            try await row.create(on: database)
            for (indicator, point) in points.sorted(by: { $0.key < $1.key }) {
                let value = IndicatorValueModel()
                value.returnID = row.id!
                value.indicator = indicator
                value.numerator = point.numerator
                value.denominator = point.denominator
                try await value.create(on: database)
            }
            let files = "\(caseloadRows) cases" + (workforceRows.map { ", \($0) workforce rows" } ?? "")
            try await auditor.record(
                replaced.isEmpty ? .upload : .update, "data-return", row.id?.uuidString,
                detail: "\(period.title) return: \(files)\(replaced.isEmpty ? "" : ", replacing the earlier one")", on: database)
        }
    }

    /// A return as the demo loads it.
    struct Loaded {
        let provider: UUID
        let period: Quarter
        let caseloadRows: Int
        let workforceRows: Int?
        let submittedAt: Date
        let points: [String: IndicatorPoint]
    }

    /// Loads many returns in a few statements, for the demo: nothing is replaced or audited.
    static func load(_ returns: [Loaded], on database: any Database) async throws {
        let ids = returns.map { _ in UUID() }
        let sql = database as! any SQLDatabase
        try await BulkInsert.rows(
            sql, into: DataReturnModel.schema, columns: ["id", "provider_id", "period", "caseload_rows", "workforce_rows", "submitted_at"],
            zip(ids, returns).map { id, loaded in
                [id, loaded.provider, loaded.period.description, loaded.caseloadRows, loaded.workforceRows, loaded.submittedAt]
            })
        try await BulkInsert.rows(
            sql, into: IndicatorValueModel.schema, columns: ["id", "return_id", "indicator", "numerator", "denominator"],
            zip(ids, returns).flatMap { id, loaded in
                loaded.points.sorted { $0.key < $1.key }.map { indicator, point in [UUID(), id, indicator, point.numerator, point.denominator] }
            })
    }

    /// The quarters of every indicator watched for a provider (the standard ones and those its
    /// frameworks declare), oldest first.
    static func series(of provider: ProviderModel, frameworks: FrameworkCatalog, on database: any Database) async throws -> [IndicatorSeries] {
        let returns = try await DataReturnModel.query(on: database).filter(\.$providerID == provider.id!).all()
        return try await series(returns, indicators: frameworks.indicators(for: provider.type), on: database)[provider.id!]
            ?? frameworks.indicators(for: provider.type).map { IndicatorSeries(indicator: $0, points: []) }
    }

    /// The same for every provider that has sent a return, in two queries: the standard
    /// indicators, and any declared one a provider has figures for.
    static func seriesByProvider(frameworks: FrameworkCatalog, on database: any Database) async throws -> [UUID: [IndicatorSeries]] {
        try await series(DataReturnModel.query(on: database).all(), indicators: frameworks.allIndicators, on: database)
    }

    private static func series(_ returns: [DataReturnModel], indicators: [Indicator], on database: any Database) async throws -> [UUID: [IndicatorSeries]] {
        let periods = try Dictionary(uniqueKeysWithValues: returns.map { ($0.id!, (provider: $0.providerID, period: try $0.quarter())) })
        let values = returns.isEmpty ? [] : try await IndicatorValueModel.query(on: database).filter(\.$returnID ~~ returns.map { $0.id! }).all()
        var points: [UUID: [String: [IndicatorPoint]]] = [:]
        for value in values {
            guard value.numerator >= 0, value.numerator <= value.denominator, let source = periods[value.returnID] else {
                throw UnreadableRow(description: "an indicator value reads \(value.numerator) of \(value.denominator)")
            }
            points[source.provider, default: [:]][value.indicator, default: []].append(
                IndicatorPoint(period: source.period, numerator: value.numerator, denominator: value.denominator))
        }
        return Dictionary(
            uniqueKeysWithValues: Set(returns.map(\.providerID)).map { provider in
                let own = points[provider] ?? [:]
                let watched = indicators.filter { $0.counting == nil || own[$0.id] != nil }
                return (provider, watched.map { IndicatorSeries(indicator: $0, points: own[$0.id] ?? []) })
            })
    }

    /// The quarters a provider has sent returns for, newest first.
    static func periods(provider: UUID, on database: any Database) async throws -> [Quarter] {
        try await DataReturnModel.query(on: database).filter(\.$providerID == provider).all().map { try $0.quarter() }.sorted(by: >)
    }
}
