import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Vapor

enum HomeController {
    @Sendable static func home(_ request: Request) async throws -> HTML {
        let published = try await InspectionsController.summaries(request, query: InspectionModel.query(on: request.db).filter(\.$state == .published))
        var mine: [InspectionSummary] = []
        if let user = request.user {
            // Staff see work in progress (not what is published or withdrawn); provider users see all of their own provider's inspections
            // (`summaries` keeps them to their provider).
            let query = InspectionModel.query(on: request.db)
            if user.role.isStaff { query.filter(\.$state !~ [InspectionState.published, InspectionState.withdrawn]) }
            mine = try await InspectionsController.summaries(request, query: query)
        }
        return homePage(
            await request.pageContext("Home"), mine: mine, published: published,
            canCreate: request.user.map { Policy.canCreateInspections($0.role) } ?? false,
            paging: Paging(requested: request.query[Int.self, at: "page"], pageSize: 20, total: published.count, base: SiteURL.home.path))
    }
}
