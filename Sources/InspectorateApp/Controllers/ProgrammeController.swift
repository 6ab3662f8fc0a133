import Foundation
import InspectionKit
import InspectorateViews
import Vapor

/// The inspection programme: public, as the plan and its timeliness are the inspectorate's own
/// account of itself. Nothing about an unpublished inspection is shown beyond its stage.
enum ProgrammeController {
    /// The year asked for (`?year=2019-20` or `2019/20`), or the current one.
    static func year(_ request: Request, today: CalendarDate) throws -> InspectionYear {
        guard let text = request.query[String.self, at: "year"], !text.isEmpty else { return InspectionYear(containing: today) }
        guard let year = InspectionYear(parsing: text) else {
            throw Abort(.badRequest, reason: "That is not an inspection year: write it as 2019-20.")
        }
        return year
    }

    static func programme(_ request: Request) async throws -> (programme: InspectionProgramme, years: [InspectionYear]) {
        let today = ProviderData.today
        return try await InspectionData.programme(
            year: try year(request, today: today), today: today, time: request.application.timeInWords, on: request.db)
    }

    @Sendable static func page(_ request: Request) async throws -> HTML {
        let (programme, years) = try await programme(request)
        return programmePage(await request.pageContext("Inspection programme \(programme.year)"), programme: programme, years: years)
    }

    @Sendable static func api(_ request: Request) async throws -> Response {
        _ = try await APIController.caller(request)
        let (programme, years) = try await programme(request)
        func published(_ inspection: InspectionProgramme.Inspection?) -> Any {
            guard let inspection, inspection.state == .published else { return NSNull() }
            return ["year": inspection.year.description, "inspection_id": inspection.id, "published_on": inspection.published?.description ?? NSNull()]
        }
        return ReportsController.json([
            "year": programme.year.description,
            "years": years.map(\.description),
            "services": programme.lines.map { line in
                [
                    "code": line.service.code, "name": line.service.name, "type": line.service.type.rawValue, "region": line.service.region,
                    "status": line.status.rawValue, "inspection": published(line.inspection), "last_published": published(line.lastPublished),
                ] as [String: Any]
            },
            "published": programme.published.map { line in
                [
                    "code": line.service.code, "inspection_id": line.inspection.id,
                    "fieldwork_end": line.inspection.fieldworkEnd?.description ?? NSNull(), "published_on": line.inspection.published?.description ?? NSNull(),
                    "days": line.days,
                ] as [String: Any]
            },
            "timeliness": programme.timeliness.map { year in
                [
                    "year": year.year.description, "published": year.days.count, "median_days": year.median ?? NSNull(),
                    "shortest_days": year.shortest ?? NSNull(), "longest_days": year.longest ?? NSNull(),
                ] as [String: Any]
            },
        ])
    }
}
