import Foundation
import InspectionKit

public struct ImportJobSummary: Sendable {
    public let id: UUID
    public let kind: String
    public let filename: String
    public let status: ImportStatus
    public let rows: Int
    public let processedBytes: Int
    public let totalBytes: Int
    public let message: String?
    public let problemCount: Int
    public let created: String

    public init(
        id: UUID, kind: String, filename: String, status: ImportStatus, rows: Int, processedBytes: Int, totalBytes: Int, message: String?, problemCount: Int,
        created: String
    ) {
        self.id = id
        self.kind = kind
        self.filename = filename
        self.status = status
        self.rows = rows
        self.processedBytes = processedBytes
        self.totalBytes = totalBytes
        self.message = message
        self.problemCount = problemCount
        self.created = created
    }

    public var finished: Bool { status.isFinished }
}

/// The provider's data for an inspection: what is held, and forms to upload it once.
/// Where the provider's data stands: submitted as ready, and received by the inspectorate.
public struct DataSubmission: Sendable {
    public let submitted: String?
    public let received: String?
    public let canSubmit: Bool
    public let canReceive: Bool

    public init(submitted: String?, received: String?, canSubmit: Bool, canReceive: Bool) {
        self.submitted = submitted
        self.received = received
        self.canSubmit = canSubmit
        self.canReceive = canReceive
    }
}

public func uploadsPage(
    _ context: PageContext, inspection: UUID, title: String, eligibleCases: Int, workforceRows: Int, jobs: [ImportJobSummary], canUpload: Bool,
    uploadClosed: String?, submission: DataSubmission = DataSubmission(submitted: nil, received: nil, canSubmit: false, canReceive: false)
) -> HTML {
    let jobRows = jobs.map { job -> [HTML] in
        [
            "<a href=\"\(SiteURL.importJob(inspection, job.id))\">\(job.filename)</a>", "\(job.kind)",
            Components.tag(job.status.title, colour: job.status == .succeeded ? "green" : job.status == .failed ? "red" : "blue"),
            "\(job.rows)", "\(job.created)",
        ]
    }
    let forms: HTML
    if let uploadClosed {
        forms = Components.inset("\(uploadClosed)")
    } else if canUpload {
        forms = """
            <div class="grid"><div>
            <h2 class="heading-m">Eligible caseload</h2>
            <p>A CSV with the header <code>case_ref,sentence_type,start_date,rosh,mappa_category,mappa_level,officer_grade,team,gender,ethnicity</code>.
            Use pseudonymous case references, never names. A new upload replaces the previous one in full.</p>
            <p>An optional <code>age_band</code> column (under-18, 18-24, 25-34, 35-49 or 50-plus; empty when not recorded) lets the report break its figures down by age \
            as well as by gender and ethnicity. Give the band, never a date of birth.</p>
            <p>Optional columns on how sentences are delivered, which the report gives for the whole caseload: <code>programme_requirement</code> (yes or no), \
            <code>programme_start_date</code>, <code>unpaid_work_hours_ordered</code>, <code>unpaid_work_hours_completed</code>, \
            <code>unpaid_work_completed_date</code> (when every hour is done) and <code>latest_contact_type</code> (face-to-face, phone or video). \
            Leave a cell empty when it is not known.</p>
            \(Components.form(action: .uploadCaseload(inspection), csrf: context.csrf, multipart: true, """
                <div class="form-group\(context.errors.contains { $0.field == "caseload" } ? " form-group--error" : "")"><label class="label" for="caseload">Caseload CSV file</label>\
                <input class="file-upload" id="caseload" name="file" type="file" accept=".csv,text/csv"></div>\(Components.button("Upload caseload"))
                """))
            </div><div>
            <h2 class="heading-m">Workforce figures</h2>
            <p>A CSV with the header <code>team,grade,staff_in_post,vacancies,average_caseload,workload_tool_percent</code>, one row per team and grade (PO, PSO or SPO). \
            Staff and vacancies are full-time equivalents.</p>
            <p>Optional columns: <code>staff_over_100</code> and <code>staff_over_120</code>, the number of people in post above 100% and 120% on the workload tool; \
            <code>span_of_supervision</code>, on SPO rows only, the staff each SPO manages.</p>
            \(Components.form(action: .uploadWorkforce(inspection), csrf: context.csrf, multipart: true, """
                <div class="form-group\(context.errors.contains { $0.field == "workforce" } ? " form-group--error" : "")"><label class="label" for="workforce">Workforce CSV file</label>\
                <input class="file-upload" id="workforce" name="file" type="file" accept=".csv,text/csv"></div>\(Components.button("Upload workforce figures"))
                """))
            </div></div>
            """
    } else {
        forms = ""
    }
    return layout(
        context,
        """
        <span class="caption">\(title)</span><h1 class="heading-l">Provider data</h1>
        \(Components.summaryList([
            .init("Eligible cases held", text: String(eligibleCases)), .init("Workforce rows held", text: String(workforceRows)),
            .init("Submitted as ready", text: submission.submitted.map { "Yes, \($0)" } ?? "Not yet"),
            .init("Received by the inspectorate", text: submission.received.map { "Yes, \($0)" } ?? (submission.submitted == nil ? "Not yet" : "Not yet confirmed")),
        ]))
        \(submission.canSubmit ? Components.form(action: .uploadSubmission(inspection), csrf: context.csrf, """
            <input type="hidden" name="action" value="submit"><p>Both files are in. When you have checked them, tell the inspectorate they are ready.</p>\(Components.button("Submit our data to the inspectorate"))
            """) : "")
        \(submission.canReceive ? Components.form(action: .uploadSubmission(inspection), csrf: context.csrf, """
            <input type="hidden" name="action" value="receive"><p>The provider has submitted its data. Confirm receipt so they know you have it.</p>\(Components.button("Confirm receipt"))
            """) : "")
        \(forms)
        <h2 class="heading-m">Uploads</h2>
        \(jobRows.isEmpty ? "<p>Nothing has been uploaded yet.</p>" : Components.table(caption: "Uploads, newest first", head: ["File", "Kind", "Status", "Rows", "Uploaded"], rows: jobRows))
        """)
}

/// "Line 4, column 3: unknown RoSH level": one problem row (line, column, value, reason) as a sentence.
func problemSentence(_ row: [String]) -> String {
    let place = problemPlace(row), reason = row.count > 1 ? row.last ?? "" : ""
    return place.isEmpty ? reason : "\(place): \(reason)"
}

/// The text with its first letter a capital: a reason read on its own begins a sentence.
func sentenceCase(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

/// "Line 4, column sentence_type", or "" when the problem is with the whole file.
func problemPlace(_ row: [String]) -> String {
    let line = row.first.flatMap { $0.isEmpty ? nil : "Line \($0)" }
    let column = row.dropFirst().first.flatMap { $0.isEmpty ? nil : "column \($0)" }
    return [line, column].compactMap { $0 }.joined(separator: ", ")
}

/// An upload's progress; refreshes itself until it finishes, so it works without JavaScript.
public func importJobPage(_ context: PageContext, inspection: UUID, job: ImportJobSummary, problems: [[String]]) -> HTML {
    let percent = job.totalBytes == 0 ? 0 : min(100, job.processedBytes * 100 / job.totalBytes)
    let body: HTML
    switch job.status {
    case .succeeded:
        body = Components.banner(job.message ?? "Imported \(job.rows) rows.")
    case .failed:
        // One block per problem rather than a table, so a long value or reason is never cut off
        // on a phone; a value with no spaces breaks anywhere.
        let items = problems.prefix(200).map { row -> HTML in
            let value = row.count > 2 ? row[2] : ""
            return """
                <li class="problem"><h3 class="heading-s">\(problemPlace(row).isEmpty ? "The whole file" : problemPlace(row))</h3>\
                <p>\(sentenceCase(row.count > 1 ? row.last ?? "" : ""))</p>\(value.isEmpty ? "" : HTML("<p>Value found: <code>\(value)</code></p>"))</li>
                """
        }
        // The summary is announced first (role=alert, focused on load); it names the first few
        // problems and links to the full table, as a form's error summary links to its fields.
        let summary =
            [
                FieldError(
                    field: "problems",
                    message:
                        "The file was not imported: \(job.problemCount) \(job.problemCount == 1 ? "problem was" : "problems were") found. Nothing was changed.")
            ]
            + problems.prefix(3).map { row in
                FieldError(
                    field: "problems",
                    message: problemSentence(row))
            }
        body = """
            \(Components.errorSummary(summary))
            <p>Fix every row listed and upload the file again.</p>
            <p><a href="\(SiteURL.importErrors(inspection, job.id))" download>Download the full list of problems (CSV)</a></p>
            <div id="problems"><h2 class="heading-m">Problems\(job.problemCount > 200 ? " (the first 200)" : "")</h2>
            <ol class="problems" aria-label="Problems">\(items)</ol></div>
            """
    default:
        body = """
            <p role="status">Importing: \(percent)% read. This page updates itself.</p>
            <progress max="100" value="\(percent)" aria-label="Import progress">\(percent)%</progress>
            """
    }
    return layout(
        context,
        """
        <span class="caption">\(job.kind) upload</span><h1 class="heading-l">\(job.filename)</h1>
        \(body)
        <p><a href="\(SiteURL.uploads(inspection))">Back to provider data</a></p>
        """)
}

/// The sample planner, the draw's mix against the population's, and confirmation.
public struct SamplePlanView: Sendable {
    public let inspection: UUID
    public let title: String
    public let population: Int
    public let confidence: Double
    public let margin: Double
    public let calculation: SampleSizeCalculation?
    public let draw: DrawView?
    public let confirmed: [(sample: String, count: Int)]
    public let extraStrata: [Components.Option]
    public let canDraw: Bool
    public let reopen: Reopen
    /// What the lead typed, when a draw was refused: shown again as typed.
    public let form: [String: String]

    /// Whether the lead may send a confirmed sample back to be drawn again.
    public enum Reopen: Sendable {
        case unavailable
        case allowed
        case refused(String)
    }

    public struct DrawnCase: Sendable {
        public let reference: String
        public let sample: String
        public let rosh: String
        public let sentence: String

        public init(reference: String, sample: String, rosh: String, sentence: String) {
            self.reference = reference
            self.sample = sample
            self.rosh = rosh
            self.sentence = sentence
        }
    }

    public struct DrawView: Sendable {
        public let seed: UInt64
        public let size: Int
        public let extraSize: Int
        public let extraStratum: String
        public let mix: [InspectionSample.Mix]
        public let extras: [(sample: String, count: Int)]
        public let cases: [DrawnCase]
        /// The margin this main sample gives at the planner's confidence, as a fraction.
        public let margin: Double?

        public init(
            seed: UInt64, size: Int, extraSize: Int, extraStratum: String, mix: [InspectionSample.Mix], extras: [(sample: String, count: Int)],
            cases: [DrawnCase], margin: Double?
        ) {
            self.seed = seed
            self.size = size
            self.extraSize = extraSize
            self.extraStratum = extraStratum
            self.mix = mix
            self.extras = extras
            self.cases = cases
            self.margin = margin
        }
    }

    public init(
        inspection: UUID, title: String, population: Int, confidence: Double, margin: Double, calculation: SampleSizeCalculation?, draw: DrawView?,
        confirmed: [(sample: String, count: Int)], extraStrata: [Components.Option], canDraw: Bool, reopen: Reopen = .unavailable, form: [String: String] = [:]
    ) {
        self.form = form
        self.inspection = inspection
        self.title = title
        self.population = population
        self.confidence = confidence
        self.margin = margin
        self.calculation = calculation
        self.draw = draw
        self.confirmed = confirmed
        self.extraStrata = extraStrata
        self.canDraw = canDraw
        self.reopen = reopen
    }
}

public func samplePage(_ context: PageContext, _ view: SamplePlanView) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    let size: HTML =
        view.calculation.map { calc in
            """
            <p class="lead">Sample <strong>\(calc.required)</strong> of \(view.population) eligible cases for ±\(PercentFormat.trimmed(calc.margin * 100)) points at \(PercentFormat.trimmed(calc.confidence * 100))% confidence.</p>
            <p class="muted">Cochran's n₀ = \(String(format: "%.1f", calc.uncorrected)) before the finite-population correction. Halving the margin needs about four times the cases.</p>
            """
        } ?? ""
    let planner: HTML = """
        <form method="get" action="\(SiteURL.sample(view.inspection))" class="grid" novalidate>
        \(Components.textInput(name: "confidence", label: "Confidence", value: PercentFormat.trimmed(view.confidence), hint: "Between 0 and 1, e.g. 0.8", error: error("confidence"), width: "5"))
        \(Components.textInput(name: "margin", label: "Margin", value: PercentFormat.trimmed(view.margin), hint: "e.g. 0.05 for ±5 points", error: error("margin"), width: "5"))
        <div>\(Components.button("Recalculate", secondary: true))</div></form>
        """
    var body: HTML = ""
    if !view.confirmed.isEmpty {
        body = """
            \(Components.banner("The sample is confirmed.", success: true))
            \(Components.table(caption: "Confirmed samples", head: ["Sample", "Cases"], rows: view.confirmed.map { ["\($0.sample)", "\($0.count)"] }, numeric: [1]))
            <p><a href="\(SiteURL.cases(view.inspection))">Go to the cases</a></p>
            """
        switch view.reopen {
        case .unavailable: break
        case .allowed:
            body += Components.form(
                action: .sampleReopen(view.inspection), csrf: context.csrf,
                """
                <h2 class="heading-m">Reopen sampling</h2>
                <p>No case has been assessed yet, so the sample can still be drawn again. Reopening removes the confirmed cases and returns the inspection to sampling.</p>
                \(Components.button("Reopen sampling", secondary: true))
                """)
        case .refused(let reason): body += "<p class=\"muted\">\(reason)</p>"
        }
    } else if view.canDraw {
        let drawForm = Components.form(
            action: .sampleDraw(view.inspection), csrf: context.csrf,
            """
            <input type="hidden" name="confidence" value="\(PercentFormat.trimmed(view.confidence))"><input type="hidden" name="margin" value="\(PercentFormat.trimmed(view.margin))">
            \(Components.textInput(name: "size", label: "Main sample size", value: view.form["size"] ?? String(view.draw?.size ?? view.calculation?.required ?? 0), error: error("size"), type: "text", width: "5", extra: " inputmode=\"numeric\""))
            \(Components.textInput(name: "extra_size", label: "Cases in each extra sample", value: view.form["extra_size"] ?? String(view.draw?.extraSize ?? 12), error: error("extra_size"), width: "5", extra: " inputmode=\"numeric\""))
            \(Components.select(name: "stratum", label: "Extra stratum", options: view.extraStrata, selected: view.form["stratum"] ?? view.draw?.extraStratum, hint: "The sample is always stratified by RoSH level × sentence type."))
            \(Components.textInput(name: "seed", label: "Seed", value: view.form["seed"] ?? view.draw.map { String($0.seed) } ?? "", hint: "Leave blank for a new random seed. The same seed always draws the same sample.", error: error("seed"), width: "10", extra: " inputmode=\"numeric\""))
            \(Components.button(view.draw == nil ? "Draw the sample" : "Draw again", secondary: view.draw != nil))
            """)
        var preview: HTML = ""
        if let draw = view.draw {
            let totalPopulation = max(1, draw.mix.reduce(0) { $0 + $1.population })
            let totalSample = max(1, draw.mix.reduce(0) { $0 + $1.sampled })
            let rows = draw.mix.map { mix -> [HTML] in
                [
                    "\(mix.title)", "\(mix.population)",
                    "\(PercentFormat.oneDecimal(Double(mix.population) * 100 / Double(totalPopulation)))", "\(mix.sampled)",
                    "\(PercentFormat.oneDecimal(Double(mix.sampled) * 100 / Double(totalSample)))",
                ]
            }
            let extras = draw.extras.map { ["\($0.sample)", "\($0.count)"] as [HTML] }
            var warning: HTML = ""
            if let calculation = view.calculation, draw.size < calculation.required, let margin = draw.margin {
                warning = Components.warning(
                    "This main sample of \(draw.size) is below the \(calculation.required) recommended for ±\(PercentFormat.trimmed(calculation.margin * 100)) points at \(PercentFormat.trimmed(calculation.confidence * 100))% confidence: with \(draw.size) cases a percentage is known to about ±\(String(format: "%.1f", margin * 100)) points."
                )
            }
            let drawn = draw.cases.map { ["\($0.reference)", "\($0.sample)", "\($0.rosh)", "\($0.sentence)"] as [HTML] }
            preview = """
                <h2 class="heading-m">The draw (seed \(String(draw.seed)))</h2>\(warning)
                \(Components.table(caption: "Mix of the main sample against the eligible population", head: ["Stratum", "Population", "Population %", "Sample", "Sample %"], rows: rows, numeric: [1, 2, 3, 4]))
                \(extras.isEmpty ? "" : Components.table(caption: "Extra samples", head: ["Sample", "Cases"], rows: extras, numeric: [1]))
                \(Components.table(caption: "Cases drawn (\(draw.cases.count))", head: ["Case", "Sample", "RoSH", "Sentence"], rows: drawn))
                \(Components.form(action: .sampleConfirm(view.inspection), csrf: context.csrf, "<input type=\"hidden\" name=\"seed\" value=\"\(String(draw.seed))\"><p><strong>Confirming is final:</strong> these \(draw.cases.count) cases are shared among the inspection team to assess. Until a case has been assessed, you can reopen sampling from this page.</p>\(Components.button("Confirm this sample"))"))
                """
        }
        body = drawForm + preview
    }
    return layout(context, "<span class=\"caption\">\(view.title)</span><h1 class=\"heading-l\">Sample</h1>\(size)\(planner)\(body)")
}
