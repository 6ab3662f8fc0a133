import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Vapor

/// Providers watched between inspections: their quarterly indicators and alerts.
enum MonitoringController {
    /// Staff see every provider that sends returns; a provider's users see their own.
    @Sendable static func overview(_ request: Request) async throws -> HTML {
        let user = try request.requireUser()
        let rule = request.application.configuration.changeRule
        var byProvider = try await DataReturns.seriesByProvider(on: request.db)
        if !user.role.isStaff { byProvider = byProvider.filter { Policy.canSeeMonitoring(of: $0.key, user: user) } }
        let providers = try await ProviderModel.query(on: request.db).filter(\.$id ~~ Array(byProvider.keys)).all()
        try await request.audit(.view, "indicators", "overview")
        let rows = providers.map { provider in
            let series = byProvider[provider.id!] ?? []
            return MonitoringProviderRow(
                code: provider.code, name: provider.name, latest: series.flatMap(\.points).map(\.period).max(),
                figures: series.map { $0.points.last?.proportion(confidence: rule.confidence) },
                alerts: series.compactMap { line in line.alert(rule: rule).map { (line.indicator, $0) } })
        }
        .sorted { ($0.alerts.isEmpty ? 1 : 0, $0.name) < ($1.alerts.isEmpty ? 1 : 0, $1.name) }
        return monitoringPage(await request.pageContext("Monitoring"), rows: rows, rule: rule)
    }

    @Sendable static func provider(_ request: Request) async throws -> HTML {
        let user = try request.requireUser()
        let code = request.parameters.get("code") ?? ""
        guard let provider = try await ProviderModel.find(code: code, on: request.db) else {
            throw Abort(.notFound, reason: "There is no provider with that code.")
        }
        guard Policy.canSeeMonitoring(of: provider.id!, user: user) else {
            throw Abort(.forbidden, reason: "Only the inspectorate and the provider's own staff can see its monitoring figures.")
        }
        let series = try await DataReturns.series(provider: provider.id!, on: request.db)
        try await request.audit(.view, "indicators", provider.code)
        return monitoringProviderPage(
            await request.pageContext(provider.name, breadcrumbs: [("Monitoring", .monitoring)]), name: provider.name, series: series,
            rule: request.application.configuration.changeRule)
    }
}
