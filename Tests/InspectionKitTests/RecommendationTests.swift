import Testing

@testable import InspectionKit

@Suite("Recommendations and their follow-up")
struct RecommendationTests {
    @Test("a recommendation needs its words and whom it is for; another body needs a name")
    func readsTheForm() throws {
        #expect(
            try Recommendation.read(["text", "addressee"].zip(["  Train staff. ", "provider"])).get()
                == Recommendation(text: "Train staff.", addressee: .provider))
        guard case .failure(let empty) = Recommendation.read([:]) else { Issue.record("an empty form was accepted"); return }
        #expect(Set(empty.byField.keys) == ["text", "addressee"])
        guard case .failure(let nameless) = Recommendation.read(["text": "Share data.", "addressee": "other"]) else {
            Issue.record("another body with no name was accepted")
            return
        }
        #expect(Array(nameless.byField.keys) == ["otherBody"])
        let named = try Recommendation.read(["text": "Share data.", "addressee": "other", "otherBody": "The Parole Board"]).get()
        #expect(named.addresseeName(provider: "Essex CRC") == "The Parole Board")
        // A name sent for the provider is dropped, not stored unseen.
        #expect(try Recommendation.read(["text": "x", "addressee": "provider", "otherBody": "Ignored"]).get().otherBody == nil)
        guard case .failure(let long) = Recommendation.read(["text": String(repeating: "x", count: 2_001), "addressee": "hmpps"]) else {
            Issue.record("an overlong recommendation was accepted")
            return
        }
        #expect(long.byField["text"]?.contains("2001") == true)
    }

    @Test("a judgement needs a status and its evidence")
    func readsAJudgement() throws {
        #expect(
            try FollowUpJudgement.read(["status": "partly-met", "evidence": " Half trained. "]).get()
                == FollowUpJudgement(status: .partlyMet, evidence: "Half trained."))
        guard case .failure(let problems) = FollowUpJudgement.read(["status": "done", "evidence": ""]) else {
            Issue.record("a bad judgement was accepted")
            return
        }
        #expect(Set(problems.byField.keys) == ["status", "evidence"])
    }

    @Test("progress is met or partly met, out of those still applicable, with an interval")
    func countsProgress() {
        let statuses: [FollowUpStatus?] = [.met, .met, .partlyMet, .notMet, .notMet, .noLongerApplicable, nil]
        let items = statuses.enumerated().map { index, status in
            PreviousRecommendation(
                id: "\(index)", recommendation: Recommendation(text: "R\(index)", addressee: .provider), madeIn: "i", madeTo: "Essex CRC",
                madeInYear: "2018/19", actionPlan: nil, judgement: status.map { FollowUpJudgement(status: $0, evidence: "seen") })
        }
        let followUp = RecommendationFollowUp(items)
        #expect(followUp.count(.met) == 2 && followUp.count(.partlyMet) == 1 && followUp.count(.notMet) == 2)
        #expect(followUp.count(.noLongerApplicable) == 1)
        // 3 of the 5 still applicable and judged: the unjudged one and the n/a one are left out.
        #expect(followUp.progress.count == 3 && followUp.progress.of == 5)
        // The report lists what was judged; the one not yet judged waits.
        #expect(followUp.table.rows.count == 6)
    }
}

extension Array where Element == String {
    fileprivate func zip(_ values: [String]) -> [String: String] { Dictionary(uniqueKeysWithValues: Swift.zip(self, values).map { ($0, $1) }) }
}
