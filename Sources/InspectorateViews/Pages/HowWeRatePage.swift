import Foundation
import InspectionKit

/// How ratings are made and how sure they are, for anyone: the four bands, each framework's
/// thresholds (read from the framework files, so a new version explains itself), the interval
/// on every percentage, and what "could be Good or Requires improvement" means.
public func howWeRatePage(_ context: PageContext, frameworks: [Framework]) -> HTML {
    let bandText: [Rating: String] = [
        .outstanding: "Practice is consistently strong: the great majority of cases meet the standard on every key question.",
        .good: "Most cases meet the standard; weaknesses are limited.",
        .requiresImprovement: "Too many cases fall short on at least one key question.",
        .inadequate: "Most cases fall short; people on probation and the public are not well served.",
    ]
    let bands = Rating.allCases.map { rating -> HTML in
        "<div id=\"\(rating.slug)\" class=\"band\">\(Components.ratingTag(rating)) <span>\(bandText[rating] ?? "")</span></div>"
    }
    let caseRows = frameworks.map { framework -> [HTML] in
        ["\(framework.title)"]
            + Rating.allCases.map { rating -> HTML in
                guard let minimum = framework.rules.minimum(for: rating) else { return "–" }
                return minimum.numerator == 0 ? "below the others" : "\(PercentFormat.trimmed(minimum.percent))% or more"
            }
    }
    let overallRows = frameworks.map { framework -> [HTML] in
        ["\(framework.title)", "\(framework.standards.count)"]
            + Rating.allCases.map { rating -> HTML in
                framework.rules.overallBands.first { $0.rating == rating }.map { "\($0.points.lowerBound)–\($0.points.upperBound)" } ?? "–"
            }
    }
    let points =
        frameworks.first.map { framework in
            Rating.allCases.map { "\($0.title) \(framework.rules.points(for: $0))" }.joined(separator: ", ")
        } ?? ""
    let example = WilsonInterval(successes: 18, trials: 30)
    return layout(
        context,
        """
        <h1 class="heading-l">How we rate</h1>
        <p class="lead">Every rating comes from the cases inspectors read and the evidence they gather, by rules written down in each framework. Every percentage carries an interval, and a rating that could be in a neighbouring band says so.</p>
        <nav class="contents" aria-labelledby="contents-heading"><h2 class="heading-s" id="contents-heading">Contents</h2><ul>
        <li><a href="#bands">The four ratings</a></li><li><a href="#case-standards">Standards rated from cases</a></li>
        <li><a href="#overall">The overall rating</a></li><li><a href="#interval">The interval on every percentage</a></li>
        <li><a href="#could-be">What “could be Good or Requires improvement” means</a></li></ul></nav>
        <h2 class="heading-m" id="bands">The four ratings</h2>
        \(bands)
        <h2 class="heading-m" id="case-standards">Standards rated from cases</h2>
        <p>Inspectors answer each key question for each sampled case: sufficient, not sufficient, or not applicable. A standard's rating is set by its <strong>lowest-scoring key question</strong>: the share of the cases it applies to that were judged sufficient. Organisational standards (leadership, staff, services, information and facilities) are rated by inspectors directly from meetings, focus groups and documents.</p>
        \(Components.table(caption: "The share of cases judged sufficient for each rating", head: ["Framework"] + Rating.allCases.map(\.title), rows: caseRows))
        <h2 class="heading-m" id="overall">The overall rating</h2>
        <p>Each standard's rating earns points (\(points)). The overall rating is set by the total.</p>
        \(Components.table(caption: "Total points for each overall rating", head: ["Framework", "Standards"] + Rating.allCases.map(\.title), rows: overallRows))
        <h2 class="heading-m" id="interval">The interval on every percentage</h2>
        <p>A sample of cases tells us about all of a provider's cases, but not exactly. Beside every percentage we show the range that, 95 times in 100, contains the share we would find if we read every case (a Wilson score interval). For example, 18 of 30 cases is \(PercentFormat.oneDecimal(60)), with an interval of \(PercentFormat.interval(example)): the true share could reasonably be anywhere in that range. More cases give a narrower range; halving its width takes about four times the cases.</p>
        <h2 class="heading-m" id="could-be">What “could be Good or Requires improvement” means</h2>
        <p>When the interval of the question that sets a standard's rating reaches across a threshold, the rating could be in the neighbouring band: the sample cannot rule it out. We then say, for example, “Allowing for sampling error, the overall rating could be Good or Requires improvement.” The rating given is still the one the sample supports; the caution says how sure it is. Where no such sentence appears, the whole interval lies inside one band and the rating is secure.</p>
        """)
}
