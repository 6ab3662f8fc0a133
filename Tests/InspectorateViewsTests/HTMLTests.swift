import Foundation
import InspectionKit
import Testing

@testable import InspectorateViews

@Suite("HTML escaping and components")
struct HTMLTests {
    @Test("interpolated text is escaped; literals and HTML values are not")
    func escaping() {
        let hostile = "<script>alert('x')</script> & \"quotes\""
        let html: HTML = "<p title=\"\(hostile)\">\(hostile)</p>"
        #expect(
            html.rendered
                == "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;</p>"
        )
        let nested: HTML = "<div>\(html)</div>"
        #expect(nested.rendered.hasPrefix("<div><p title="))
    }

    @Test("the error summary links each error to its field and is announced")
    func errorSummary() {
        let html = Components.errorSummary([FieldError(field: "answer-2.1.1", message: "Select an answer for 2.1.1")]).rendered
        #expect(html.contains("role=\"alert\""))
        #expect(html.contains("<a href=\"#answer-2.1.1\">Select an answer for 2.1.1</a>"))
        #expect(Components.errorSummary([]).rendered.isEmpty)
    }

    @Test("radios are a labelled fieldset; the first input carries the field's id")
    func radios() {
        let html = Components.radios(
            name: "rating", legend: "Rating", options: [.init("good", "Good"), .init("inadequate", "Inadequate")], selected: "inadequate",
            error: "Select a rating"
        ).rendered
        #expect(html.contains("<legend"))
        #expect(html.contains("id=\"rating\" name=\"rating\" type=\"radio\" value=\"good\">"))
        #expect(html.contains("id=\"rating-2\" name=\"rating\" type=\"radio\" value=\"inadequate\" checked>"))
        #expect(html.contains("<label class=\"radios__label\" for=\"rating-2\">Inadequate</label>"))
        #expect(html.contains("aria-describedby=\"rating-error\""))
    }

    @Test("a rating is shown in words, never colour alone")
    func ratingTag() {
        #expect(Components.ratingTag(.requiresImprovement).rendered == "<strong class=\"rating rating--requires-improvement\">Requires improvement</strong>")
        #expect(Components.ratingTag(nil).rendered.contains("Not rated"))
    }

    @Test("site URLs fill their patterns")
    func siteURLs() {
        let id = UUID(uuidString: "00000000-0000-0000-0000-000000000001")!
        #expect(SiteURL.caseStandard(id, id, "2.1").path == "/inspections/\(id.uuidString)/cases/\(id.uuidString)/standards/2.1")
        #expect(SiteURL.home.path == "/")
        #expect(SiteURL.Pattern.allCases.count == Set(SiteURL.Pattern.allCases.map(\.rawValue)).count)
    }
}
