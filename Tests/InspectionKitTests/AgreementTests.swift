import Foundation
import InspectionKit
import Testing

@Suite("Agreement between two markers")
struct AgreementTests {
    // The 2×2 tables below are (both yes, first yes only, second yes only, both no).

    @Test("Cohen's worked example: 50 proposals, 20/5/10/15 gives po 0.70, pe 0.50, kappa 0.40")
    func wikipediaExample() throws {
        // Wikipedia, "Cohen's kappa", simple example.
        let agreement = Agreement(bothSufficient: 20, onlyFirstSufficient: 5, onlySecondSufficient: 10, bothNotSufficient: 15)
        #expect(agreement.n == 50 && agreement.agreed == 35)
        #expect(abs(try #require(agreement.cohenKappa) - 0.40) < 1e-12)
        // AC1 by hand: π = (25 + 30) / 100 = 0.55, pe = 2·0.55·0.45 = 0.495, (0.70 − 0.495) / 0.505.
        #expect(abs(try #require(agreement.gwetAC1) - 0.205 / 0.505) < 1e-12)
        #expect(AgreementStrength(coefficient: 0.40) == .fair)
    }

    @Test("equal agreement, different kappa: 45/15/25/15 gives 0.1304 and 25/35/5/35 gives 0.2593")
    func sameAgreementDifferentKappa() throws {
        // Wikipedia, "Cohen's kappa", the two tables with 60% agreement.
        let symmetric = Agreement(bothSufficient: 45, onlyFirstSufficient: 15, onlySecondSufficient: 25, bothNotSufficient: 15)
        let asymmetric = Agreement(bothSufficient: 25, onlyFirstSufficient: 35, onlySecondSufficient: 5, bothNotSufficient: 35)
        #expect(symmetric.observed?.count == 60 && asymmetric.observed?.count == 60)
        #expect(abs(try #require(symmetric.cohenKappa) - 0.1304) < 0.0001)
        #expect(abs(try #require(asymmetric.cohenKappa) - 0.2593) < 0.0001)
    }

    @Test("the prevalence paradox: 94% agreement, kappa about zero, AC1 about 0.94")
    func prevalenceParadox() throws {
        // The shape of Feinstein and Cicchetti (1990): nearly every answer is "yes".
        // po = 118/125 = 0.944; pe(kappa) = (123·120 + 2·5)/125² = 0.94528, so kappa = −0.0234;
        // π = 243/250 = 0.972, pe(AC1) = 2·0.972·0.028 = 0.054432, so AC1 = 0.9408.
        let agreement = Agreement(bothSufficient: 118, onlyFirstSufficient: 5, onlySecondSufficient: 2, bothNotSufficient: 0)
        let kappa = try #require(agreement.cohenKappa)
        let ac1 = try #require(agreement.gwetAC1)
        let expectedKappa: Double = (0.944 - 0.94528) / (1 - 0.94528)
        let expectedAC1: Double = (0.944 - 0.054432) / (1 - 0.054432)
        #expect(abs(kappa - expectedKappa) < 1e-9)
        #expect(abs(ac1 - expectedAC1) < 1e-9)
        #expect(AgreementStrength(coefficient: kappa) == .poor)
        #expect(AgreementStrength(coefficient: ac1) == .almostPerfect)
        #expect(agreement.reading.contains("prevalence paradox"))
    }

    @Test("Po 0.675 but kappa 0.022 (Pe 0.668) in a published spine-MRI example; AC1 stays near Po")
    func publishedLowKappa() throws {
        // PMC7222679, Table 1: a=130, b=56, c=9, d=5 (assessor 2 in rows). As first = assessor 1:
        // both present 130, only assessor 1 present 9, only assessor 2 present 56, both absent 5.
        let agreement = Agreement(bothSufficient: 130, onlyFirstSufficient: 9, onlySecondSufficient: 56, bothNotSufficient: 5)
        #expect(abs(Double(agreement.agreed) / Double(agreement.n) - 0.675) < 1e-12)
        let kappa = try #require(agreement.cohenKappa)
        #expect(abs(kappa - 0.022) < 0.001)
        // π = (139 + 186)/400 = 0.8125, pe = 2·0.8125·0.1875 = 0.3046875.
        let ac1 = try #require(agreement.gwetAC1)
        let expected: Double = (0.675 - 0.3046875) / (1 - 0.3046875)
        #expect(abs(ac1 - expected) < 1e-12)
    }

    @Test("n/a on either side is excluded and counted; kappa is undefined when both always say yes, AC1 is 1")
    func exclusionsAndEdges() throws {
        var agreement = Agreement(pairs: [
            (Answer.sufficient, Answer.sufficient), (.sufficient, .notApplicable), (.notApplicable, .notSufficient), (.notApplicable, .notApplicable),
            (.sufficient, .sufficient),
        ])
        #expect(agreement.n == 2 && agreement.excluded == 3)
        #expect(agreement.cohenKappa == nil)
        #expect(agreement.gwetAC1 == 1)
        #expect(agreement.reading.contains("Kappa cannot be calculated"))
        #expect(agreement.reading.contains("indicative"))
        agreement.record(.notSufficient, .sufficient)
        #expect(agreement.n == 3 && agreement.agreed == 2)
        #expect(Agreement().observed == nil && Agreement().cohenKappa == nil && Agreement().gwetAC1 == nil)
        #expect((agreement + agreement).n == 6)
    }

    @Test("Landis and Koch readings at their boundaries")
    func readings() {
        #expect(AgreementStrength(coefficient: -0.01) == .poor)
        #expect(AgreementStrength(coefficient: 0.0) == .slight)
        #expect(AgreementStrength(coefficient: 0.20) == .slight)
        #expect(AgreementStrength(coefficient: 0.21) == .fair)
        #expect(AgreementStrength(coefficient: 0.60) == .moderate)
        #expect(AgreementStrength(coefficient: 0.61) == .substantial)
        #expect(AgreementStrength(coefficient: 0.81) == .almostPerfect)
    }

    @Test("the pairs file: n/a excluded, every bad line named")
    func pairsFile() throws {
        let good = "item,first,second\nc1/2.1.1,yes,yes\nc1/2.1.2,yes,no\nc2/2.1.1,n/a,yes\nc2/2.1.2,No,no\n"
        let agreement = try AgreementPairsCSV.read(bytes: Array(good.utf8), file: "pairs.csv")
        #expect(agreement.n == 3 && agreement.excluded == 1 && agreement.agreed == 2)

        let bad = "item,first,second\nc1,yes,maybe\n,no,no\nc1,yes,yes\nc3,yes\n"
        do {
            _ = try AgreementPairsCSV.read(bytes: Array(bad.utf8), file: "pairs.csv")
            Issue.record("a bad file was accepted")
        } catch {
            let text = error.description
            #expect(text.contains("pairs.csv:2:3") && text.contains("maybe"))
            #expect(text.contains("pairs.csv:3:1") && text.contains("item is empty"))
            #expect(text.contains("pairs.csv:4:1") && text.contains("line 2"))
            #expect(text.contains("pairs.csv:5"))
        }
        #expect(throws: InputProblems.self) { try AgreementPairsCSV.read(bytes: Array("case,a,b\nx,yes,yes\n".utf8), file: "p.csv") }
    }
}
