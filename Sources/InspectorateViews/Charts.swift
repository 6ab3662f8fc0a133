import Foundation
import InspectionKit

/// Charts as HTML figures: every word (title, labels, values, legend) is HTML text, so it wraps
/// at any width, keeps the page's font size and is read by screen readers in order. Only the bars
/// and axes are SVG, one small drawing per row, hidden from assistive technology because the text
/// beside them says the same. No scripts, no web fonts, no inline styles. The rating colours
/// differ in lightness and pattern, so the charts read in greyscale and print in black and white.
public enum Charts {
    /// Bars are drawn in percentages of the column's width, so they scale, while text drawn in
    /// them stays at `barFontSize` pixels at every width.
    static let barHeight = 24.0
    static let barFontSize = 14.0
    /// The narrowest column a chart is drawn in (a 375px phone less the page's margins): a count
    /// is drawn in its segment only if it fits there at this width.
    static let narrowestColumn = 340.0
    /// The width of one bold digit at `barFontSize`, with room to spare (Arial's is 0.556em).
    static let digitWidth = 9.0

    /// One horizontal bar split into rating segments.
    public struct StackedBar: Sendable {
        public let label: String
        public let counts: [(Rating, Int)]
        /// Why there is nothing to count ("not inspected", "not comparable"): said, rather than
        /// drawn as zero.
        public let absence: String?

        public init(label: String, counts: [(Rating, Int)], absence: String? = nil) {
            self.label = label
            self.counts = counts
            self.absence = absence
        }
    }

    /// Horizontal bars split by rating, e.g. how many providers got each rating on a standard.
    /// A segment shows its count when the count fits inside it; the label always gives them all.
    public static func ratingBars(id: String, title: String, description: String, bars: [StackedBar]) -> HTML {
        let total = max(1, bars.map { $0.counts.map(\.1).reduce(0, +) }.max() ?? 1)
        let rows = bars.map { bar in
            var x = 0.0
            var drawing = ""
            for (rating, count) in bar.counts where count > 0 {
                let segment = Double(count) / Double(total) * 100
                drawing +=
                    "<rect x=\"\(percent(x))\" y=\"0.5\" width=\"\(percent(segment))\" height=\"\(format(barHeight - 1))\" fill=\"\(fill(rating, chart: id))\" stroke=\"#0b0c0c\" stroke-width=\"1\"/>"
                if segment / 100 * narrowestColumn >= Double(String(count).count) * digitWidth + 8 {
                    drawing += text(
                        String(count), x: percent(x + segment / 2), y: barHeight - 7, anchor: "middle", colour: rating.isDark ? "#ffffff" : "#0b0c0c",
                        weight: "bold")
                }
                x += segment
            }
            let given = bar.counts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.title)" }
            let label: HTML =
                "<span class=\"chart__name\">\(bar.label)</span>: \(bar.absence ?? (given.isEmpty ? "none rated" : given.joined(separator: ", ")))"
            return row(label: label, drawing: drawing)
        }
        return figure(id: id, title: title, description: description, body: "\(legend(chart: id))\(rows.joined())")
    }

    /// One bar of a percentage chart, with its interval.
    public struct PercentBar: Sendable {
        public let label: String
        public let value: Proportion?

        public init(label: String, value: Proportion?) {
            self.label = label
            self.value = value
        }
    }

    /// Horizontal bars from 0 to 100%, each with its interval drawn as a line, and its value,
    /// count and interval written above it. Bars are grouped under headings.
    public static func percentBars(id: String, title: String, description: String, groups: [(heading: String?, bars: [PercentBar])]) -> HTML {
        var body: HTML = ""
        for group in groups {
            if let heading = group.heading {
                body += "<p class=\"chart__heading\">\(heading)</p>"
            }
            for bar in group.bars {
                var drawing = "<rect x=\"0\" y=\"0\" width=\"100%\" height=\"\(format(barHeight))\" fill=\"#f3f2f1\" stroke=\"#b1b4b6\"/>"
                var words = "no cases"
                if let value = bar.value, let share = value.percent, let interval = value.interval {
                    words = "\(Int(share.rounded()))% of \(value.of) (likely \(Int(interval.lowerPercent.rounded()))–\(Int(interval.upperPercent.rounded()))%)"
                    drawing += "<rect x=\"0\" y=\"0\" width=\"\(percent(share))\" height=\"\(format(barHeight))\" fill=\"#1d70b8\"/>"
                    let low = percent(interval.lowerPercent)
                    let high = percent(interval.upperPercent)
                    let middle = format(barHeight / 2)
                    for (x1, y1, x2, y2) in [(low, middle, high, middle), (low, "6.0", low, "18.0"), (high, "6.0", high, "18.0")] {
                        drawing += "<line x1=\"\(x1)\" y1=\"\(y1)\" x2=\"\(x2)\" y2=\"\(y2)\" stroke=\"#0b0c0c\" stroke-width=\"2.5\"/>"
                    }
                }
                body += row(label: "<span class=\"chart__name\">\(bar.label)</span>: \(words)", drawing: drawing)
            }
        }
        let ticks = stride(from: 0, through: 100, by: 25).map { (x: Double($0), label: "\($0)%") }
        return figure(id: id, title: title, description: description, body: body + axis(ticks: ticks))
    }

    /// Bars either side of zero, for changes in percentage points.
    public static func changeBars(id: String, title: String, description: String, bars: [(label: String, points: Double?)]) -> HTML {
        let largest = max(10, bars.compactMap { $0.points.map(abs) }.max() ?? 10).rounded(.up)
        let hatch = """
            <pattern id="\(HTML.escape(id))-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="8" height="8" fill="#ffdd82"/><line x1="0" y1="0" x2="0" y2="8" stroke="#0b0c0c" stroke-width="3"/></pattern>
            """
        let rows = bars.map { bar in
            var drawing = ""
            if let points = bar.points {
                let length = abs(points) / largest * 50
                let x = points >= 0 ? 50 : 50 - length
                drawing +=
                    "<rect x=\"\(percent(x))\" y=\"2\" width=\"\(percent(max(length, 0.2)))\" height=\"\(format(barHeight - 4))\" fill=\"\(points >= 0 ? "#1d70b8" : "url(#\(HTML.escape(id))-hatch)")\" stroke=\"#0b0c0c\" stroke-width=\"1\"/>"
            }
            // The zero line runs through each bar's own drawing only, never through a label.
            drawing += "<line x1=\"50%\" y1=\"0\" x2=\"50%\" y2=\"\(format(barHeight))\" stroke=\"#0b0c0c\" stroke-width=\"2\"/>"
            return row(label: "<span class=\"chart__name\">\(bar.label)</span>: \(bar.points.map(pointsInWords) ?? "no figure")", drawing: drawing)
        }
        let ticks = [(x: 0.0, label: pointsInWords(-largest)), (x: 50.0, label: "0"), (x: 100.0, label: pointsInWords(largest))]
        return figure(id: id, title: title, description: description, body: "\(definitions(hatch))\(rows.joined())\(axis(ticks: ticks))")
    }

    /// Horizontal bars of quantities (such as staff in post), scaled to the largest, each with its
    /// value written beside its label. Bars are grouped under headings.
    public static func quantityBars(
        id: String, title: String, description: String, unit: String, groups: [(heading: String?, bars: [(label: String, value: Double)])]
    ) -> HTML {
        let largest = max(1, groups.flatMap(\.bars).map(\.value).max() ?? 1)
        // A round scale: the largest bar's next multiple of a power of ten.
        let step = pow(10, (log10(largest)).rounded(.down))
        let scale = (largest / step).rounded(.up) * step
        var body: HTML = ""
        for group in groups {
            if let heading = group.heading { body += "<p class=\"chart__heading\">\(heading)</p>" }
            for bar in group.bars {
                let drawing =
                    "<rect x=\"0\" y=\"0\" width=\"100%\" height=\"\(format(barHeight))\" fill=\"#f3f2f1\" stroke=\"#b1b4b6\"/>"
                    + "<rect x=\"0\" y=\"0\" width=\"\(percent(bar.value / scale * 100))\" height=\"\(format(barHeight))\" fill=\"#1d70b8\"/>"
                body += row(label: "<span class=\"chart__name\">\(bar.label)</span>: \(quantity(bar.value)) \(unit)", drawing: drawing)
            }
        }
        let ticks = [(x: 0.0, label: "0"), (x: 50.0, label: quantity(scale / 2)), (x: 100.0, label: quantity(scale))]
        return figure(id: id, title: title, description: description, body: body + axis(ticks: ticks))
    }

    /// "3,412" or "12.5": whole numbers with thousands separated, others to one decimal place.
    static func quantity(_ value: Double) -> String {
        let rounded = value.rounded()
        guard abs(value - rounded) < 0.05 else { return String(format: "%.1f", value) }
        var digits = String(Int(abs(rounded)))
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return (rounded < 0 ? "−" : "") + digits + grouped
    }

    // MARK: - Pieces

    static func pointsInWords(_ points: Double) -> String {
        String(format: "%+.1f points", points).replacingOccurrences(of: "-", with: "−")
    }

    /// The figure: its title names it for assistive technology (the page's heading shows it), and
    /// its description says how to read it.
    static func figure(id: String, title: String, description: String, body: HTML) -> HTML {
        """
        <figure class="chart" id="\(id)" aria-labelledby="\(id)-title">\
        <figcaption><span class="visually-hidden" id="\(id)-title">\(title)</span>\(description)</figcaption>\
        \(definitions(patterns(chart: id)))\(body)</figure>
        """
    }

    static func row(label: HTML, drawing: String) -> HTML {
        "<div class=\"chart__row\"><p class=\"chart__label\">\(label)</p>\(drawingHTML(drawing, height: barHeight, className: "chart__bar"))</div>"
    }

    /// A drawing as wide as its column and `height` pixels high, with no viewBox: x positions are
    /// percentages of the width, and text keeps its size in pixels.
    static func drawingHTML(_ drawing: String, height: Double, className: String) -> HTML {
        HTML(
            trusted:
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(className)\" width=\"100%\" height=\"\(format(height))\" aria-hidden=\"true\" focusable=\"false\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"\(format(barFontSize))\">\(drawing)</svg>"
        )
    }

    /// Patterns live in a drawing of their own, referenced by every bar of the chart.
    static func definitions(_ patterns: String) -> HTML {
        HTML(
            trusted:
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart__definitions\" width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\"><defs>\(patterns)</defs></svg>"
        )
    }

    /// Good is striped so that it differs from Outstanding in greyscale as well as in colour.
    static func patterns(chart id: String) -> String {
        """
        <pattern id="\(HTML.escape(id))-good" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <rect width="6" height="6" fill="#1d70b8"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern>
        """
    }

    static func fill(_ rating: Rating, chart id: String) -> String {
        switch rating {
        case .outstanding: "#005a30"
        case .good: "url(#\(HTML.escape(id))-good)"
        case .requiresImprovement: "#ffdd82"
        case .inadequate: "#0b0c0c"
        }
    }

    static func legend(chart id: String) -> HTML {
        let items = Rating.allCases.map { rating in
            HTML(
                trusted:
                    "<li><svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart__swatch\" viewBox=\"0 0 18 18\" aria-hidden=\"true\" focusable=\"false\"><rect x=\"0.5\" y=\"0.5\" width=\"17\" height=\"17\" fill=\"\(fill(rating, chart: id))\" stroke=\"#0b0c0c\"/></svg>\(HTML.escape(rating.title))</li>"
            )
        }
        return "<ul class=\"chart__legend\" aria-label=\"Key\">\(items.joined())</ul>"
    }

    /// An axis under the bars: its line along the top, tick marks below it, and the tick labels
    /// below those, so the line never crosses a label. The end labels are anchored inwards.
    static func axis(ticks: [(x: Double, label: String)]) -> HTML {
        var drawing = "<line x1=\"0\" y1=\"1\" x2=\"100%\" y2=\"1\" stroke=\"#0b0c0c\" stroke-width=\"2\"/>"
        for (index, tick) in ticks.enumerated() {
            drawing += "<line x1=\"\(percent(tick.x))\" y1=\"1\" x2=\"\(percent(tick.x))\" y2=\"7\" stroke=\"#0b0c0c\" stroke-width=\"2\"/>"
            let anchor = index == 0 ? "start" : index == ticks.count - 1 ? "end" : "middle"
            drawing += text(tick.label, x: percent(tick.x), y: 23, anchor: anchor)
        }
        return drawingHTML(drawing, height: 28, className: "chart__axis")
    }

    static func text(_ content: String, x: String, y: Double, anchor: String = "start", colour: String = "#0b0c0c", weight: String = "normal") -> String {
        // White text gets a dark outline so it reads on striped and light parts of a bar.
        let outline = colour == "#ffffff" ? " stroke=\"#0b0c0c\" stroke-width=\"3\" paint-order=\"stroke\"" : ""
        return
            "<text x=\"\(x)\" y=\"\(format(y))\" text-anchor=\"\(anchor)\" fill=\"\(colour)\" font-weight=\"\(weight)\"\(outline)>\(HTML.escape(content))</text>"
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
    static func percent(_ value: Double) -> String { String(format: "%.2f%%", value) }
}

extension Rating {
    /// Whether white text reads on this rating's chart colour.
    var isDark: Bool { self != .requiresImprovement }
}
