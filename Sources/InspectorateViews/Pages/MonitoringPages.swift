import Foundation
import InspectionKit

/// One provider's line on the monitoring overview.
public struct MonitoringProviderRow: Sendable {
    public let code: String
    public let name: String
    public let latest: Quarter?
    /// Each standard indicator's latest figure, in `Indicator.standard` order.
    public let figures: [Proportion?]
    public let alerts: [(Indicator, IndicatorChange)]

    public init(code: String, name: String, latest: Quarter?, figures: [Proportion?], alerts: [(Indicator, IndicatorChange)]) {
        self.code = code
        self.name = name
        self.latest = latest
        self.figures = figures
        self.alerts = alerts
    }
}

/// What the change rule made of a move, in words, the move itself first when `described`;
/// a change for the worse in bold.
func verdict(_ change: IndicatorChange, described: Bool) -> HTML {
    let words = change.isDeterioration ? "worse: a real change" : change.isChange ? "better: a real change" : "not a real change"
    let text = described ? "\(change.description): \(words)" : words
    return change.isDeterioration ? "<strong>\(text)</strong>" : "\(text)"
}

/// An alert's warning, as every page that shows alerts words it.
func alertWarning(_ indicator: Indicator, _ change: IndicatorChange) -> HTML {
    Components.warning("Alert: \(indicator.title.lowercased()) \(change.description), a real change for the worse.")
}

/// The rule's words, said on both pages.
func ruleText(_ rule: ChangeRule) -> HTML {
    """
    <p>A move from one quarter to the next counts as a change only when Newcombe's interval for the difference, at \(rule.confidence.description) \
    confidence, excludes zero and the move is at least \(PercentFormat.trimmed(rule.minimumPoints)) percentage points. \
    A change for the worse raises an alert. Each figure shows its \(rule.confidence.description) interval and the count behind it.</p>
    """
}

/// Leads see every provider that sends quarterly returns, those with alerts first; a provider's
/// users see their own.
public func monitoringPage(_ context: PageContext, rows: [MonitoringProviderRow], rule: ChangeRule) -> HTML {
    let alerted = rows.filter { !$0.alerts.isEmpty }
    let alertList: HTML =
        alerted.isEmpty
        ? "<p>No alerts: no indicator has a real change for the worse in the latest quarter.</p>"
        : """
        <ul class="list">\(alerted.flatMap { row in row.alerts.map { indicator, change in
            HTML("<li><a href=\"\(SiteURL.monitoringProvider(row.code))\">\(row.name)</a>: \(indicator.title.lowercased()), \(change.description)</li>")
        } })</ul>
        """
    let table = Components.table(
        caption: "Each indicator's latest figure, by provider", head: ["Provider", "Latest return"] + Indicator.standard.map(\.title) + ["Alerts"],
        rows: rows.map { row in
            ["<a href=\"\(SiteURL.monitoringProvider(row.code))\">\(row.name)</a>", "\(row.latest?.title ?? "none yet")"]
                + row.figures.map { $0.map(Components.proportionText) ?? "<span class=\"muted\">not sent</span>" }
                + ["\(row.alerts.isEmpty ? "None" : "\(row.alerts.count)")"]
        })
    return layout(
        context,
        """
        <h1 class="heading-l">Monitoring between inspections</h1>
        <p>Figures from providers' quarterly data returns: the whole caseload and workforce they send, not a sample.</p>
        \(ruleText(rule))
        <h2 class="heading-m" id="alerts">Alerts</h2>
        \(alertList)
        <h2 class="heading-m" id="providers">Providers</h2>
        \(rows.isEmpty ? HTML("<p>No quarterly returns have been sent yet.</p>") : table)
        """)
}

/// The form a provider's users and leads send a quarterly return with, as last typed.
public struct ReturnFormState: Sendable {
    public let code: String
    public let period: String

    public init(code: String, period: String = "") {
        self.code = code
        self.period = period
    }
}

/// Sending a return: the quarter and the two files, checked whole before anything is kept.
func returnForm(_ context: PageContext, _ form: ReturnFormState) -> HTML {
    func fileInput(_ name: String, label: String, hint: String) -> HTML {
        let error = context.errors.first { $0.field == name }?.message
        return """
            <div class="form-group\(error == nil ? "" : " form-group--error")"><label class="label" for="\(name)">\(label)</label>\
            <div class="hint" id="\(name)-hint">\(hint)</div>\(Components.errorMessage(error, id: name))\
            <input class="file-upload" id="\(name)" name="\(name)" type="file" accept=".csv,text/csv"\(Components.describedBy(name, hint: hint, error: error))></div>
            """
    }
    let fields: HTML = """
        \(Components.textInput(
            name: "period", label: "Quarter", value: form.period,
            hint: "Write it as the year, then Q and the quarter's number: 2024-Q4 is October to December 2024.",
            error: context.errors.first { $0.field == "period" }?.message, width: "10"))\
        \(fileInput("caseload", label: "Caseload CSV file", hint: "The same columns as an inspection's caseload file; its delivery columns give three of the indicators."))\
        \(fileInput("workforce", label: "Workforce CSV file (optional)", hint: "Gives the vacancy rate; without it, the return has no vacancy rate."))\
        \(Components.button("Send return"))
        """
    return """
        <section aria-labelledby="send-return">
        <h2 class="heading-m" id="send-return">Send a quarterly return</h2>
        <p>The same caseload and workforce files as an inspection asks for, as they stood on the quarter's last day. \
        Only the figures they yield are kept, not the files. Both files are checked first: a file with any problem changes nothing. \
        A second return for the same quarter replaces the first.</p>
        \(Components.form(action: .monitoringReturn(form.code), csrf: context.csrf, multipart: true, fields))
        </section>
        """
}

/// One provider's indicators, quarter by quarter, and the return form for those who may send one.
public func monitoringProviderPage(
    _ context: PageContext, name: String, series: [IndicatorSeries], rule: ChangeRule, returnForm form: ReturnFormState? = nil
) -> HTML {
    let sections = series.map { line -> HTML in
        let alert = line.alert(rule: rule)
        let rows = zip(line.points, line.changes(rule: rule)).map { point, change -> [HTML] in
            let said: HTML = change.map { verdict($0, described: true) } ?? "<span class=\"muted\">first quarter</span>"
            return ["\(point.period.title)", Components.proportionText(point.proportion(confidence: rule.confidence)), said]
        }
        return """
            <section aria-labelledby="indicator-\(line.indicator.id)">
            <h2 class="heading-m" id="indicator-\(line.indicator.id)">\(line.indicator.title)</h2>
            <p class="muted">\(line.indicator.definition). \(line.indicator.better == .higher ? "Higher is better." : "Lower is better.")</p>
            \(alert.map { alertWarning(line.indicator, $0) } ?? "")
            \(rows.isEmpty ? HTML("<p>No return has said anything about this yet.</p>") : Components.table(caption: "\(line.indicator.title) by quarter", head: ["Quarter", "Figure", "Change from the quarter before"], rows: rows))
            </section>
            """
    }
    return layout(
        context,
        """
        <span class="caption">Monitoring between inspections</span><h1 class="heading-l">\(name)</h1>
        <p>Figures from \(name)'s quarterly data returns: the whole caseload and workforce sent, not a sample.</p>
        \(ruleText(rule))
        \(form.map { returnForm(context, $0) } ?? "")
        \(sections)
        """)
}

/// A provider's latest quarterly figures, shown on an inspection's overview before fieldwork so
/// the team starts from what the provider has already sent.
public struct LatestIndicators: Sendable {
    public let code: String
    public let series: [IndicatorSeries]
    public let rule: ChangeRule

    public init(code: String, series: [IndicatorSeries], rule: ChangeRule) {
        self.code = code
        self.series = series
        self.rule = rule
    }

    var html: HTML {
        let sent = series.filter { !$0.points.isEmpty }
        guard !sent.isEmpty else {
            return """
                <h2 class="heading-m" id="latest-indicators">Between inspections</h2>
                <p>The provider has sent no quarterly returns yet, so the inspection asks for all its data. \
                <a href="\(SiteURL.monitoringProvider(code))">Its monitoring page</a> will show them once it does.</p>
                """
        }
        let alerts = sent.compactMap { line in line.alert(rule: rule).map { (line.indicator, $0) } }
        let rows = sent.map { line -> [HTML] in
            let latest = line.points.last!
            let change = line.latestChange(rule: rule)
            let said: HTML = change.map { verdict($0, described: false) } ?? "<span class=\"muted\">first return</span>"
            return ["\(line.indicator.title)", "\(latest.period.title)", Components.proportionText(latest.proportion(confidence: rule.confidence)), said]
        }
        return """
            <h2 class="heading-m" id="latest-indicators">Between inspections</h2>
            <p>The provider's latest quarterly returns: the whole caseload and workforce it sent, not a sample. The team starts from these \
            figures rather than asking the provider for them again. <a href="\(SiteURL.monitoringProvider(code))">Every quarter, and how each change is judged</a>.</p>
            \(alerts.map { alertWarning($0, $1) })
            \(Components.table(
                caption: "Each indicator's latest quarter", head: ["Indicator", "Quarter", "Figure", "Change from the quarter before"], rows: rows))
            """
    }
}
