import InspectionKit

/// A problem with one form field, linked from the error summary to the field.
public struct FieldError: Sendable, Hashable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// Shared building blocks, following the patterns of UK public-sector services.
public enum Components {
    /// "There is a problem", listing each error as a link to its field. Focused on page load
    /// so screen-reader users hear it first.
    public static func errorSummary(_ errors: [FieldError]) -> HTML {
        guard !errors.isEmpty else { return .empty }
        let items = errors.map { error in HTML("<li><a href=\"#\(error.field)\">\(error.message)</a></li>") }
        return """
            <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" data-autofocus>
              <h2 class="error-summary__title" id="error-summary-title">There is a problem</h2>
              <ul class="error-summary__list">\(items)</ul>
            </div>
            """
    }

    public struct SummaryRow: Sendable {
        public let key: String
        public let value: HTML
        public let action: (label: String, url: SiteURL)?

        public init(_ key: String, _ value: HTML, action: (label: String, url: SiteURL)? = nil) {
            self.key = key
            self.value = value
            self.action = action
        }

        public init(_ key: String, text: String, action: (label: String, url: SiteURL)? = nil) {
            self.init(key, "\(text)", action: action)
        }
    }

    public static func summaryList(_ rows: [SummaryRow]) -> HTML {
        let items = rows.map { row -> HTML in
            let action: HTML =
                row.action.map { action in
                    "<dd class=\"summary-list__actions\"><a href=\"\(action.url)\">\(action.label)<span class=\"visually-hidden\"> \(row.key.lowercased())</span></a></dd>"
                } ?? ""
            return
                "<div class=\"summary-list__row\"><dt class=\"summary-list__key\">\(row.key)</dt><dd class=\"summary-list__value\">\(row.value)</dd>\(action)</div>"
        }
        return "<dl class=\"summary-list\">\(items)</dl>"
    }

    public enum TaskStatus: String, Sendable {
        case notStarted = "Not started"
        case inProgress = "In progress"
        case completed = "Completed"
        case cannotStart = "Cannot start yet"

        var tagClass: String {
            switch self {
            case .notStarted: "tag--grey"
            case .inProgress: "tag--blue"
            case .completed: "tag--green"
            case .cannotStart: "tag--grey"
            }
        }
    }

    public struct Task: Sendable {
        public let title: String
        public let url: SiteURL?
        public let status: TaskStatus
        public let hint: String?

        public init(title: String, url: SiteURL?, status: TaskStatus, hint: String? = nil) {
            self.title = title
            self.url = url
            self.status = status
            self.hint = hint
        }
    }

    /// A task list: each task's name links to it, and its status is in words.
    public static func taskList(_ tasks: [Task], id: String = "tasks") -> HTML {
        let items = tasks.enumerated().map { index, task -> HTML in
            let statusID = "\(id)-\(index)-status"
            let name: HTML = task.url.map { "<a href=\"\($0)\" aria-describedby=\"\(statusID)\">\(task.title)</a>" } ?? "\(task.title)"
            let hint: HTML = task.hint.map { "<div class=\"task-list__hint\">\($0)</div>" } ?? ""
            return """
                <li class="task-list__item"><div class="task-list__name">\(name)\(hint)</div>\
                <strong class="tag \(task.status.tagClass)" id="\(statusID)">\(task.status.rawValue)</strong></li>
                """
        }
        return "<ul class=\"task-list\">\(items)</ul>"
    }

    /// A rating in words and colour, never colour alone.
    public static func ratingTag(_ rating: Rating?, notRated: String = "Not rated", linked: Bool = false) -> HTML {
        guard let rating else { return "<strong class=\"rating rating--none\">\(notRated)</strong>" }
        let tag: HTML = "<strong class=\"rating rating--\(rating.slug)\">\(rating.title)</strong>"
        return linked
            ? "<a href=\"\(SiteURL.howWeRate)#\(rating.slug)\" class=\"rating-link\">\(tag)<span class=\"visually-hidden\">: how we rate</span></a>" : tag
    }

    /// Where every rating's meaning, thresholds and certainty are explained.
    public static let howWeRateLink: HTML = "<a href=\"\(SiteURL.howWeRate)\">How we rate, and what “could be” means</a>"

    public static func tag(_ text: String, colour: String = "grey") -> HTML {
        "<strong class=\"tag tag--\(colour)\">\(text)</strong>"
    }

    /// A data table inside a scrollable, keyboard-focusable region, so wide tables work at 375px.
    public static func table(caption: String, head: [String], rows: [[HTML]], numeric: Set<Int> = [], captionHidden: Bool = false) -> HTML {
        let headCells = head.enumerated().map { index, title -> HTML in
            "<th scope=\"col\"\(numeric.contains(index) ? HTML(" class=\"numeric\"") : "")>\(title)</th>"
        }
        let bodyRows = rows.map { row -> HTML in
            let cells = row.enumerated().map { index, cell -> HTML in
                index == 0
                    ? "<th scope=\"row\">\(cell)</th>"
                    : "<td\(numeric.contains(index) ? HTML(" class=\"numeric\"") : "")>\(cell)</td>"
            }
            return "<tr>\(cells)</tr>"
        }
        let captionClass: HTML = captionHidden ? " class=\"visually-hidden\"" : ""
        return """
            <div class="table-wrapper" role="region" aria-label="\(caption)" tabindex="0">
            <table class="table"><caption\(captionClass)>\(caption)</caption>
            <thead><tr>\(headCells)</tr></thead><tbody>\(bodyRows)</tbody></table></div>
            """
    }

    public struct Option: Sendable {
        public let value: String
        public let label: String
        public let hint: String?

        public init(_ value: String, _ label: String, hint: String? = nil) {
            self.value = value
            self.label = label
            self.hint = hint
        }
    }

    static func errorMessage(_ error: String?, id: String) -> HTML {
        error.map { "<p class=\"error-message\" id=\"\(id)-error\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" } ?? ""
    }

    static func describedBy(_ id: String, hint: String?, error: String?) -> HTML {
        let ids = [hint == nil ? nil : "\(id)-hint", error == nil ? nil : "\(id)-error"].compactMap { $0 }
        return ids.isEmpty ? "" : " aria-describedby=\"\(ids.joined(separator: " "))\""
    }

    /// A group of radio buttons in a fieldset; the first radio carries the field's id so the
    /// error summary can link to it.
    public static func radios(
        name: String, legend: String, options: [Option], selected: String?, hint: String? = nil, error: String? = nil,
        inline: Bool = false, id: String? = nil, legendSize: String = "m"
    ) -> HTML {
        let fieldID = id ?? name
        let items = options.enumerated().map { index, option -> HTML in
            let inputID = index == 0 ? fieldID : "\(fieldID)-\(index + 1)"
            let optionHint: HTML = option.hint.map { "<div class=\"hint radios__hint\" id=\"\(inputID)-hint\">\($0)</div>" } ?? ""
            let described: HTML = option.hint == nil ? "" : " aria-describedby=\"\(inputID)-hint\""
            return """
                <div class="radios__item"><input class="radios__input" id="\(inputID)" name="\(name)" type="radio" value="\(option.value)"\
                \(flag("checked", option.value == selected))\(described)><label class="radios__label" for="\(inputID)">\(option.label)</label>\(optionHint)</div>
                """
        }
        let hintHTML: HTML = hint.map { "<div class=\"hint\" id=\"\(fieldID)-hint\">\($0)</div>" } ?? ""
        return """
            <div class="form-group\(error == nil ? "" : " form-group--error")"><fieldset class="fieldset"\(describedBy(fieldID, hint: hint, error: error))>
            <legend class="fieldset__legend fieldset__legend--\(legendSize)">\(legend)</legend>\(hintHTML)\(errorMessage(error, id: fieldID))
            <div class="radios\(inline ? " radios--inline" : "")">\(items)</div></fieldset></div>
            """
    }

    public static func textInput(
        name: String, label: String, value: String?, hint: String? = nil, error: String? = nil, type: String = "text",
        autocomplete: String? = nil, width: String? = nil, extra: HTML = ""
    ) -> HTML {
        let hintHTML: HTML = hint.map { "<div class=\"hint\" id=\"\(name)-hint\">\($0)</div>" } ?? ""
        let auto: HTML = autocomplete.map { " autocomplete=\"\($0)\"" } ?? ""
        let widthClass = width.map { " input--width-\($0)" } ?? ""
        return """
            <div class="form-group\(error == nil ? "" : " form-group--error")"><label class="label" for="\(name)">\(label)</label>\(hintHTML)\
            \(errorMessage(error, id: name))<input class="input\(widthClass)\(error == nil ? "" : " input--error")" id="\(name)" name="\(name)" type="\(type)" \
            value="\(value ?? "")"\(auto)\(describedBy(name, hint: hint, error: error))\(extra)></div>
            """
    }

    public static func textarea(
        name: String, label: String, value: String?, hint: String? = nil, error: String? = nil, rows: Int = 4, id: String? = nil
    ) -> HTML {
        let fieldID = id ?? name
        let hintHTML: HTML = hint.map { "<div class=\"hint\" id=\"\(fieldID)-hint\">\($0)</div>" } ?? ""
        return """
            <div class="form-group\(error == nil ? "" : " form-group--error")"><label class="label" for="\(fieldID)">\(label)</label>\(hintHTML)\
            \(errorMessage(error, id: fieldID))<textarea class="textarea" id="\(fieldID)" name="\(name)" rows="\(rows)" maxlength="10000"\
            \(describedBy(fieldID, hint: hint, error: error))>\(value ?? "")</textarea></div>
            """
    }

    public static func select(name: String, label: String, options: [Option], selected: String?, hint: String? = nil, error: String? = nil) -> HTML {
        let items = options.map { option -> HTML in
            "<option value=\"\(option.value)\"\(flag("selected", option.value == selected))>\(option.label)</option>"
        }
        let hintHTML: HTML = hint.map { "<div class=\"hint\" id=\"\(name)-hint\">\($0)</div>" } ?? ""
        return """
            <div class="form-group\(error == nil ? "" : " form-group--error")"><label class="label" for="\(name)">\(label)</label>\(hintHTML)\
            \(errorMessage(error, id: name))<select class="select" id="\(name)" name="\(name)"\(describedBy(name, hint: hint, error: error))>\(items)</select></div>
            """
    }

    public static func checkboxes(name: String, legend: String, options: [Option], selected: Set<String>, hint: String? = nil, error: String? = nil) -> HTML {
        let items = options.enumerated().map { index, option -> HTML in
            let inputID = index == 0 ? name : "\(name)-\(index + 1)"
            return """
                <div class="checkboxes__item"><input class="checkboxes__input" id="\(inputID)" name="\(name)[]" type="checkbox" value="\(option.value)"\
                \(flag("checked", selected.contains(option.value)))><label class="checkboxes__label" for="\(inputID)">\(option.label)</label></div>
                """
        }
        let hintHTML: HTML = hint.map { "<div class=\"hint\" id=\"\(name)-hint\">\($0)</div>" } ?? ""
        return """
            <div class="form-group\(error == nil ? "" : " form-group--error")"><fieldset class="fieldset"\(describedBy(name, hint: hint, error: error))>
            <legend class="fieldset__legend fieldset__legend--s">\(legend)</legend>\(hintHTML)\(errorMessage(error, id: name))
            <div class="checkboxes">\(items)</div></fieldset></div>
            """
    }

    /// A POST form carrying the CSRF token.
    public static func form(action: SiteURL, csrf: String, multipart: Bool = false, id: String? = nil, attributes: HTML = "", _ body: HTML) -> HTML {
        let encoding: HTML = multipart ? " enctype=\"multipart/form-data\"" : ""
        let idAttribute: HTML = id.map { " id=\"\($0)\"" } ?? ""
        return """
            <form method="post" action="\(action)" novalidate\(encoding)\(idAttribute)\(attributes)><input type="hidden" name="csrf" value="\(csrf)">\(body)</form>
            """
    }

    public static func button(_ label: String, secondary: Bool = false, warning: Bool = false, name: String? = nil, value: String? = nil) -> HTML {
        let classes = "button" + (secondary ? " button--secondary" : "") + (warning ? " button--warning" : "")
        let nameAttribute: HTML = name.map { " name=\"\($0)\" value=\"\(value ?? "")\"" } ?? ""
        return "<button type=\"submit\" class=\"\(classes)\"\(nameAttribute)>\(label)</button>"
    }

    public static func banner(_ message: String, success: Bool = true) -> HTML {
        """
        <div class="banner\(success ? " banner--success" : "")" role="\(success ? "status" : "region")" aria-label="\(success ? "Success" : "Important")"><p>\(message)</p></div>
        """
    }

    public static func inset(_ content: HTML) -> HTML { "<div class=\"inset\">\(content)</div>" }

    public static func warning(_ text: String) -> HTML {
        "<div class=\"warning-text\"><span class=\"warning-text__icon\" aria-hidden=\"true\">!</span><strong class=\"warning-text__text\"><span class=\"visually-hidden\">Warning</span>\(text)</strong></div>"
    }

    public static func backLink(_ url: SiteURL, _ label: String = "Back") -> HTML {
        "<a href=\"\(url)\" class=\"back-link\">\(label)</a>"
    }

    /// A percentage with its interval, e.g. "66.7% (42.3–75.4%)".
    public static func percentWithInterval(_ share: Double?, interval: WilsonInterval?) -> HTML {
        guard let share else { return "<span class=\"muted\">no applicable cases</span>" }
        let range: HTML = interval.map { " <span class=\"interval\">(\(PercentFormat.interval($0)))</span>" } ?? ""
        return "\(PercentFormat.oneDecimal(share))\(range)"
    }
}
