import Foundation

/// Reads the form that records, or later corrects, a notified SFO review: every field checked,
/// every problem named, nothing half-read. The provider is returned as given; whether it exists
/// (and whether the reference is already taken) is for whoever owns those rows to say.
public enum SFOReviewForm {
    public static let earliest = CalendarDate(year: 2000, month: 1, day: 1)!

    /// The review the form describes, its provider the id as given, not yet sampled or rated.
    public static func read(_ fields: [String: String], today: CalendarDate) -> Result<SFOReview, FormProblems> {
        var problems: [FormProblem] = []
        let reference = (fields["reference"] ?? "").trimmingCharacters(in: .whitespaces)
        if reference.isEmpty || reference.count > 32 || !reference.unicodeScalars.allSatisfy(CaseloadCSV.isReferenceCharacter) {
            problems.append(.init(field: "reference", message: "The reference is 1 to 32 letters, digits, hyphens or underscores, never a name"))
        }
        let provider = (fields["provider"] ?? "").trimmingCharacters(in: .whitespaces)
        if provider.isEmpty { problems.append(.init(field: "provider", message: "Choose the probation service")) }
        let category = OffenceCategory(rawValue: fields["category"] ?? "")
        if category == nil { problems.append(.init(field: "category", message: "Choose the offence")) }
        let rosh = RoshLevel(rawValue: fields["rosh"] ?? "")
        if rosh == nil { problems.append(.init(field: "rosh", message: "Choose the risk level assessed before the offence")) }
        let mappaText = fields["mappa"] ?? ""
        let mappa: Int? = ["1", "2", "3"].contains(mappaText) ? Int(mappaText) : nil
        if mappa == nil && mappaText != "none" { problems.append(.init(field: "mappa", message: "Choose the MAPPA level, or none")) }
        let notified = CalendarDate(parsing: fields["notified"] ?? "")
        if notified == nil || notified! < earliest || notified! > today {
            problems.append(.init(field: "notified", message: "Enter the date notified as yyyy-mm-dd, between 2000-01-01 and today"))
        }
        let submittedText = (fields["submitted"] ?? "").trimmingCharacters(in: .whitespaces)
        let submitted = submittedText.isEmpty ? nil : CalendarDate(parsing: submittedText)
        if !submittedText.isEmpty {
            if submitted == nil || submitted! > today {
                problems.append(.init(field: "submitted", message: "Enter the submission date as yyyy-mm-dd, no later than today, or leave it empty"))
            } else if let notified, let submitted, submitted < notified {
                problems.append(.init(field: "submitted", message: "A review cannot be submitted before it was notified"))
            }
        }
        let centralText = (fields["central"] ?? "").trimmingCharacters(in: .whitespaces)
        let central = centralText.isEmpty ? nil : CalendarDate(parsing: centralText)
        if !centralText.isEmpty {
            if central == nil || central! > today {
                problems.append(
                    .init(field: "central", message: "Enter the date central quality assurance finished as yyyy-mm-dd, no later than today, or leave it empty"))
            } else if submitted == nil, !problems.contains(where: { $0.field == "submitted" }) {
                problems.append(.init(field: "central", message: "Central quality assurance can only finish once the review is submitted"))
            } else if let submitted, let central, central < submitted {
                problems.append(.init(field: "central", message: "Central quality assurance cannot finish before the review was submitted"))
            }
        }
        let agencies = fields["agencies"]
        if agencies != "yes" && agencies != "no" { problems.append(.init(field: "agencies", message: "Say whether other agencies were involved")) }
        let victim = fields["victim"]
        if victim != "yes" && victim != "no" {
            problems.append(.init(field: "victim", message: "Say whether the victim or their family asked to see the review"))
        }
        guard problems.isEmpty, let category, let rosh, let notified else { return .failure(FormProblems(problems)) }
        return .success(
            SFOReview(
                reference: reference, provider: provider, category: category, roshBefore: rosh, mappaLevelBefore: mappa, notified: notified,
                submitted: submitted, centralQACompleted: central, otherAgenciesInvolved: agencies == "yes", victimOrFamilyAsked: victim == "yes"))
    }

    /// Why a correction cannot be made to a review already in the quality-assurance sample or
    /// rated: its year fixes which sample it is in, and a rating needs a submitted review.
    public static func correctionProblems(_ entry: SFOReview, storedYear: String, sampled: Bool, rated: Bool) -> [FormProblem] {
        var problems: [FormProblem] = []
        if sampled, entry.year != storedYear {
            problems.append(
                .init(
                    field: "notified",
                    message: "This review is in \(storedYear)'s quality-assurance sample, so its notified date must stay within \(storedYear)"))
        }
        if rated, entry.submitted == nil {
            problems.append(.init(field: "submitted", message: "This review has been rated, so it keeps a submission date"))
        }
        return problems
    }

    /// The form's values for a stored review.
    public static func values(_ review: SFOReview) -> [String: String] {
        [
            "reference": review.reference, "provider": review.provider, "category": review.category.rawValue, "rosh": review.roshBefore.rawValue,
            "mappa": review.mappaLevelBefore.map(String.init) ?? "none", "notified": review.notified.description,
            "submitted": review.submitted?.description ?? "", "central": review.centralQACompleted?.description ?? "",
            "agencies": review.otherAgenciesInvolved ? "yes" : "no", "victim": review.victimOrFamilyAsked ? "yes" : "no",
        ]
    }
}
