import Foundation
import InspectionKit

/// A year's inspection programme: every service due, where each stands, and how long
/// publication took after fieldwork, each year, in days.
public func programmePage(_ context: PageContext, programme: InspectionProgramme, years: [InspectionYear]) -> HTML {
    func report(_ inspection: InspectionProgramme.Inspection?, _ text: String) -> HTML {
        guard let inspection, inspection.state == .published, let id = UUID(uuidString: inspection.id) else { return "\(text)" }
        return "<a href=\"\(SiteURL.report(id))\">\(text)</a>"
    }
    func days(_ value: Double?) -> String {
        guard let value else { return "–" }
        return value == value.rounded() ? "\(Int(value))" : String(format: "%.1f", value)
    }
    let yearLinks = years.reversed().map { year -> HTML in
        year == programme.year
            ? "<li><strong aria-current=\"page\">\(year.description)</strong></li>"
            : "<li><a href=\"\(SiteURL.programme)?year=\(year.slug)\">\(year.description)</a></li>"
    }
    let counts = programme.counts.map { "\($0.count) \($0.status.title.lowercased())" }.joined(separator: ", ")
    let services: [[HTML]] = programme.lines.map { line in
        [
            report(line.inspection, line.service.name), "\(line.service.type.title)", "\(line.service.region)",
            Components.tag(
                line.status.title,
                colour: line.status == .published
                    ? "green"
                    : line.status == .overdue
                        ? "red" : line.status == .suspended ? "orange" : line.status == .inProgress || line.status == .planned ? "blue" : "grey"),
            line.lastPublished.map { report($0, $0.year.description) } ?? "Never",
        ]
    }
    let published: [[HTML]] = programme.published.map { line in
        [
            report(line.inspection, line.service.name), "\(line.inspection.fieldworkEnd?.words ?? "–")", "\(line.inspection.published?.words ?? "–")",
            "\(line.days)",
        ]
    }
    let timeliness: [[HTML]] = programme.timeliness.reversed().map { year in
        [
            "\(year.year.description)", "\(year.days.count)", "\(days(year.median))",
            "\(days(year.shortest.map(Double.init)))–\(days(year.longest.map(Double.init)))",
        ]
    }
    return layout(
        context,
        """
        <h1 class="heading-l">Inspection programme \(programme.year.description)</h1>
        <p>Every probation service is inspected each year: the companies and National Probation Service divisions to 2020/21, \
        and the Probation Delivery Units and regions of the unified service from 2021/22. A service is overdue once the year has \
        ended without its report being published. Youth offending teams are inspected on a cycle of their own and appear only in \
        a year they were inspected. The same figures are at <code>\(SiteURL.apiProgramme.path)?year=\(programme.year.slug)</code>.</p>
        <nav aria-label="Years"><ul class="list list--columns">\(yearLinks)</ul></nav>
        <h2 class="heading-m" id="services">Services due in \(programme.year.description)</h2>
        <p>\(programme.lines.count) \(programme.lines.count == 1 ? "service" : "services")\(counts.isEmpty ? "" : ": \(counts)").</p>
        \(programme.lines.isEmpty ? HTML("<p>No service is due in this year.</p>") : Components.table(caption: "Services due in \(programme.year.description) and where each stands", head: ["Service", "Type", "Region", "Status", "Last published"], rows: services))
        <h2 class="heading-m" id="timeliness">Time from the end of fieldwork to publication</h2>
        <p>Days from the last day of fieldwork to the report's publication, counting only published inspections.</p>
        \(timeliness.isEmpty ? HTML("<p>Nothing has been published yet.</p>") : Components.table(caption: "Days from fieldwork to publication, by year", head: ["Year", "Published", "Median days", "Range (days)"], rows: timeliness, numeric: [1, 2, 3]))
        \(published.isEmpty ? HTML("") : Components.table(caption: "Inspections published in \(programme.year.description), quickest first", head: ["Service", "Fieldwork ended", "Published", "Days"], rows: published, numeric: [3]))
        """)
}
