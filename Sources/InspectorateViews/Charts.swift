import Foundation
import InspectionKit

/// Charts drawn on the server as SVG: no scripts, no web fonts. Each has a title and a
/// description for screen readers, every bar carries its value in text, and the rating colours
/// differ in lightness and pattern, so the charts read in greyscale and print in black and white.
public enum Charts {
    /// The drawing's width in SVG units. Pages scale it to the column (at most 640px wide), so
    /// 17-unit text is still about 12px on a 375px phone.
    static let width = 480.0
    static let fontSize = 17.0
    static let barHeight = 22.0

    /// One horizontal bar split into rating segments.
    public struct StackedBar: Sendable {
        public let label: String
        public let counts: [(Rating, Int)]

        public init(label: String, counts: [(Rating, Int)]) {
            self.label = label
            self.counts = counts
        }
    }

    /// Horizontal bars split by rating, e.g. how many providers got each rating on a standard.
    public static func ratingBars(id: String, title: String, description: String, bars: [StackedBar]) -> HTML {
        let total = max(1, bars.map { $0.counts.map(\.1).reduce(0, +) }.max() ?? 1)
        let legendHeight = 56.0
        var y = legendHeight
        var body = legend(y: 8, chart: id)
        for bar in bars {
            body += text(bar.label, x: 0, y: y + fontSize, weight: "bold")
            y += fontSize + 6
            var x = 0.0
            for (rating, count) in bar.counts where count > 0 {
                let segment = Double(count) / Double(total) * width
                body +=
                    "<rect x=\"\(format(x))\" y=\"\(format(y))\" width=\"\(format(segment))\" height=\"\(barHeight)\" fill=\"\(fill(rating, chart: id))\" stroke=\"#0b0c0c\" stroke-width=\"1\"><title>\(escape(rating.title)): \(count)</title></rect>"
                if segment >= 22 {
                    body += text(
                        String(count), x: x + segment / 2, y: y + barHeight - 5, anchor: "middle", colour: rating.isDark ? "#ffffff" : "#0b0c0c", weight: "bold"
                    )
                }
                x += segment
            }
            y += barHeight + 14
        }
        return svg(id: id, title: title, description: description, height: y, body: body)
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

    /// Horizontal bars from 0 to 100%, each with its interval drawn as a line and its value and
    /// count written beside it. Bars are grouped under headings.
    public static func percentBars(id: String, title: String, description: String, groups: [(heading: String?, bars: [PercentBar])]) -> HTML {
        var y = 4.0
        var body = ""
        let scale = width - 4
        for group in groups {
            if let heading = group.heading {
                body += text(heading, x: 0, y: y + fontSize, weight: "bold")
                y += fontSize + 10
            }
            for bar in group.bars {
                let label = bar.label + ": " + (bar.value.flatMap { value in value.percent.map { "\(Int($0.rounded()))% of \(value.of)" } } ?? "no cases")
                body += text(label, x: 0, y: y + fontSize)
                y += fontSize + 5
                body += "<rect x=\"0\" y=\"\(format(y))\" width=\"\(format(scale))\" height=\"\(barHeight)\" fill=\"#f3f2f1\" stroke=\"#b1b4b6\"/>"
                if let value = bar.value, let percent = value.percent, let interval = value.interval {
                    body += "<rect x=\"0\" y=\"\(format(y))\" width=\"\(format(percent / 100 * scale))\" height=\"\(barHeight)\" fill=\"#1d70b8\"/>"
                    let low = interval.lowerPercent / 100 * scale
                    let high = interval.upperPercent / 100 * scale
                    let middle = y + barHeight / 2
                    body +=
                        "<path d=\"M\(format(low)) \(format(middle))H\(format(high))M\(format(low)) \(format(middle - 6))v12M\(format(high)) \(format(middle - 6))v12\" stroke=\"#0b0c0c\" stroke-width=\"2.5\" fill=\"none\"/>"
                }
                y += barHeight + 12
            }
        }
        body += axis(y: y, scale: scale)
        return svg(id: id, title: title, description: description, height: y + 24, body: body)
    }

    /// Bars either side of zero, for changes in percentage points.
    public static func changeBars(id: String, title: String, description: String, bars: [(label: String, points: Double?)]) -> HTML {
        let largest = max(10, bars.compactMap { $0.points.map(abs) }.max() ?? 10)
        let half = (width - 4) / 2
        var y = 4.0
        var body = ""
        for bar in bars {
            let value = bar.points.map { String(format: "%+.1f points", $0).replacingOccurrences(of: "-", with: "−") } ?? "no figure"
            body += text("\(bar.label): \(value)", x: 0, y: y + fontSize)
            y += fontSize + 5
            if let points = bar.points {
                let length = abs(points) / largest * half
                let x = points >= 0 ? half : half - length
                body +=
                    "<rect x=\"\(format(x))\" y=\"\(format(y))\" width=\"\(format(max(length, 1)))\" height=\"\(barHeight)\" fill=\"\(points >= 0 ? "#1d70b8" : "url(#\(id)-hatch)")\" stroke=\"#0b0c0c\" stroke-width=\"1\"/>"
            }
            y += barHeight + 12
        }
        body += "<line x1=\"\(format(half))\" y1=\"0\" x2=\"\(format(half))\" y2=\"\(format(y))\" stroke=\"#0b0c0c\" stroke-width=\"2\"/>"
        let hatch = """
            <defs><pattern id="\(id)-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="8" height="8" fill="#ffdd82"/><line x1="0" y1="0" x2="0" y2="8" stroke="#0b0c0c" stroke-width="3"/></pattern></defs>
            """
        return svg(id: id, title: title, description: description, height: y + 4, body: hatch + body)
    }

    // MARK: - Pieces

    static func svg(id: String, title: String, description: String, height: Double, body: String) -> HTML {
        HTML(
            trusted: """
                <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(format(width)) \(format(height))" role="img" \
                aria-labelledby="\(escape(id))-title \(escape(id))-desc" font-family="Arial, Helvetica, sans-serif" font-size="\(format(fontSize))">\
                <title id="\(escape(id))-title">\(escape(title))</title><desc id="\(escape(id))-desc">\(escape(description))</desc>\
                \(patterns(chart: id))\(body)</svg>
                """)
    }

    /// Good is striped so that it differs from Outstanding in greyscale as well as in colour.
    static func patterns(chart id: String) -> String {
        """
        <defs><pattern id="\(escape(id))-good" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <rect width="6" height="6" fill="#1d70b8"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>
        """
    }

    static func fill(_ rating: Rating, chart id: String) -> String {
        switch rating {
        case .outstanding: "#005a30"
        case .good: "url(#\(escape(id))-good)"
        case .requiresImprovement: "#ffdd82"
        case .inadequate: "#0b0c0c"
        }
    }

    static func legend(y: Double, chart id: String) -> String {
        var body = ""
        let positions: [(Rating, Double, Double)] = [(.outstanding, 0, 0), (.good, 240, 0), (.requiresImprovement, 0, 24), (.inadequate, 240, 24)]
        for (rating, x, row) in positions {
            body += "<rect x=\"\(format(x))\" y=\"\(format(y + row))\" width=\"18\" height=\"18\" fill=\"\(fill(rating, chart: id))\" stroke=\"#0b0c0c\"/>"
            body += text(rating.title, x: x + 24, y: y + row + 15)
        }
        return body
    }

    static func axis(y: Double, scale: Double) -> String {
        var body = "<line x1=\"0\" y1=\"\(format(y))\" x2=\"\(format(scale))\" y2=\"\(format(y))\" stroke=\"#0b0c0c\"/>"
        for tick in stride(from: 0, through: 100, by: 25) {
            let x = Double(tick) / 100 * scale
            body += "<line x1=\"\(format(x))\" y1=\"\(format(y))\" x2=\"\(format(x))\" y2=\"\(format(y + 5))\" stroke=\"#0b0c0c\"/>"
            body += text("\(tick)%", x: x, y: y + 21, anchor: tick == 0 ? "start" : tick == 100 ? "end" : "middle", size: 15)
        }
        return body
    }

    static func text(
        _ content: String, x: Double, y: Double, anchor: String = "start", colour: String = "#0b0c0c", weight: String = "normal", size: Double? = nil
    ) -> String {
        let sizeAttribute = size.map { " font-size=\"\(format($0))\"" } ?? ""
        // White text gets a dark outline so it reads on striped and light parts of a bar.
        let outline = colour == "#ffffff" ? " stroke=\"#0b0c0c\" stroke-width=\"3\" paint-order=\"stroke\"" : ""
        return
            "<text x=\"\(format(x))\" y=\"\(format(y))\" text-anchor=\"\(anchor)\" fill=\"\(colour)\" font-weight=\"\(weight)\"\(sizeAttribute)\(outline)>\(escape(content))</text>"
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
    static func escape(_ text: String) -> String { HTML.escape(text) }
}

extension Rating {
    /// Whether white text reads on this rating's chart colour.
    var isDark: Bool { self != .requiresImprovement }
}
