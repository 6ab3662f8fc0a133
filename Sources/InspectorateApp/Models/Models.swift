import Fluent
import Foundation
import InspectionKit

// Fluent models. They stay in the app; handlers turn them into core values before any
// rating or sampling arithmetic, which lives in InspectionKit.

final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"
    @ID var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: Role
    @OptionalField(key: "provider_id") var providerID: UUID?
    @Field(key: "is_demo") var isDemo: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "deactivated_at") var deactivatedAt: Date?
    /// Sessions remember the epoch they signed in at; raising it ends them all.
    @Field(key: "session_epoch") var sessionEpoch: Int

    init() {}

    init(id: UUID? = nil, email: String, passwordHash: String, role: Role, providerID: UUID? = nil, isDemo: Bool = false) {
        self.id = id
        self.email = email
        self.passwordHash = passwordHash
        self.role = role
        self.providerID = providerID
        self.isDemo = isDemo
        self.sessionEpoch = 0
    }

    var isActive: Bool { deactivatedAt == nil }

}

final class LoginAttemptModel: Model, @unchecked Sendable {
    static let schema = "login_attempts"
    @ID var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "ip") var ip: String
    @Field(key: "succeeded") var succeeded: Bool
    @Field(key: "attempted_at") var attemptedAt: Date

    init() {}

    init(email: String, ip: String, succeeded: Bool, at: Date) {
        self.email = email
        self.ip = ip
        self.succeeded = succeeded
        self.attemptedAt = at
    }
}

final class AuditEventModel: Model, @unchecked Sendable {
    static let schema = "audit_events"
    @ID var id: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "user_id") var userID: UUID?
    @OptionalField(key: "user_email") var userEmail: String?
    @OptionalField(key: "role") var role: Role?
    @Field(key: "action") var action: AuditAction
    @Field(key: "entity_type") var entityType: String
    @OptionalField(key: "entity_id") var entityID: String?
    @OptionalField(key: "inspection_id") var inspectionID: UUID?
    @Field(key: "detail") var detail: String
    @OptionalField(key: "ip") var ip: String?
    @OptionalField(key: "user_agent") var userAgent: String?

    init() {}
}

final class InspectionModel: Model, @unchecked Sendable {
    static let schema = "inspections"
    @ID var id: UUID?
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "framework_id") var frameworkID: String
    @Field(key: "year_label") var yearLabel: String
    @Field(key: "state") var state: InspectionState
    @Field(key: "fieldwork_start") var fieldworkStart: String
    @Field(key: "fieldwork_end") var fieldworkEnd: String
    @Field(key: "lead_id") var leadID: UUID
    @OptionalField(key: "sample_seed") var sampleSeed: Int64?
    @OptionalField(key: "sample_size") var sampleSize: Int?
    @OptionalField(key: "sample_stratum") var sampleStratum: InspectionSample.ExtraStratum?
    @OptionalField(key: "sample_extra_size") var sampleExtraSize: Int?
    @OptionalField(key: "sample_confidence") var sampleConfidence: Double?
    @OptionalField(key: "sample_margin") var sampleMargin: Double?
    @OptionalField(key: "sample_confirmed_at") var sampleConfirmedAt: Date?
    /// When the provider said its data was ready, who said so, and when the inspectorate confirmed receipt.
    @OptionalField(key: "data_submitted_at") var dataSubmittedAt: Date?
    @OptionalField(key: "data_submitted_by") var dataSubmittedBy: UUID?
    @OptionalField(key: "data_received_at") var dataReceivedAt: Date?
    @OptionalField(key: "ratings_snapshot") var ratingsSnapshot: String?
    @OptionalField(key: "rated_at") var ratedAt: Date?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_reason") var withdrawnReason: String?
    @OptionalField(key: "suspended_at") var suspendedAt: Date?
    @OptionalField(key: "suspended_reason") var suspendedReason: String?
    /// The stage it was in when suspended, to resume at.
    @OptionalField(key: "suspended_from") var suspendedFrom: InspectionState?
    /// Why a published inspection has no overall rating: it could not be completed.
    @OptionalField(key: "partial_reason") var partialReason: String?
    @Field(key: "key_findings") var keyFindings: String
    @Field(key: "is_demo") var isDemo: Bool
    /// Set when this is one provider's part of a thematic inspection.
    @OptionalField(key: "thematic_id") var thematicID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {
        keyFindings = ""
    }

}

final class EligibleCaseModel: Model, @unchecked Sendable {
    static let schema = "eligible_cases"
    @ID var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "case_ref") var caseRef: String
    @Field(key: "sentence_type") var sentenceType: SentenceType
    /// `yyyy-mm-dd`, as the import writes it.
    @Field(key: "start_date") var startDate: String
    @Field(key: "rosh") var rosh: RoshLevel
    @OptionalField(key: "mappa_category") var mappaCategory: Int?
    @OptionalField(key: "mappa_level") var mappaLevel: Int?
    @Field(key: "officer_grade") var officerGrade: OfficerGrade
    @Field(key: "team") var team: String
    @Field(key: "gender") var gender: String
    @Field(key: "ethnicity") var ethnicity: String
    @OptionalField(key: "age_band") var ageBand: AgeBand?
    @OptionalField(key: "programme_requirement") var programmeRequirement: Bool?
    @OptionalField(key: "programme_start_date") var programmeStartDate: String?
    @OptionalField(key: "unpaid_work_hours_ordered") var unpaidWorkHoursOrdered: Int?
    @OptionalField(key: "unpaid_work_hours_completed") var unpaidWorkHoursCompleted: Int?
    @OptionalField(key: "unpaid_work_completed_date") var unpaidWorkCompletedDate: String?
    @OptionalField(key: "latest_contact_type") var latestContactType: ContactType?

    init() {}

    struct UnreadableDate: Error, CustomStringConvertible {
        let caseRef: String
        let stored: String
        var description: String { "The eligible case \(caseRef) has a date the database holds as “\(stored)”, which is not a date." }
    }

    func toDomain() throws -> EligibleCaseRecord {
        func date(_ stored: String) throws -> CalendarDate {
            guard let date = CalendarDate(parsing: stored) else { throw UnreadableDate(caseRef: caseRef, stored: stored) }
            return date
        }
        let delivery = SentenceDelivery(
            programmeRequirement: programmeRequirement, programmeStarted: try programmeStartDate.map(date),
            unpaidWorkHoursOrdered: unpaidWorkHoursOrdered, unpaidWorkHoursCompleted: unpaidWorkHoursCompleted,
            unpaidWorkCompleted: try unpaidWorkCompletedDate.map(date), latestContact: latestContactType)
        return EligibleCaseRecord(
            caseReference: caseRef, sentenceType: sentenceType, startDate: try date(startDate), rosh: rosh, mappaCategory: mappaCategory,
            mappaLevel: mappaLevel, officerGrade: officerGrade, team: team, gender: gender, ethnicity: ethnicity, ageBand: ageBand,
            delivery: delivery)
    }
}

final class WorkforceFigureModel: Model, @unchecked Sendable {
    static let schema = "workforce_figures"
    @ID var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "team") var team: String
    @Field(key: "grade") var grade: StaffGrade
    @Field(key: "staff_in_post") var staffInPost: Double
    @Field(key: "vacancies") var vacancies: Double
    @Field(key: "average_caseload") var averageCaseload: Double
    @Field(key: "workload_tool_percent") var workloadToolPercent: Double
    @OptionalField(key: "staff_over_100") var staffOver100: Int?
    @OptionalField(key: "staff_over_120") var staffOver120: Int?
    @OptionalField(key: "span_of_supervision") var spanOfSupervision: Double?

    init() {}

    init(inspection: UUID, _ record: WorkforceRecord) {
        inspectionID = inspection
        team = record.team
        grade = record.grade
        staffInPost = record.staffInPost
        vacancies = record.vacancies
        averageCaseload = record.averageCaseload
        workloadToolPercent = record.workloadToolPercent
        staffOver100 = record.staffOver100
        staffOver120 = record.staffOver120
        spanOfSupervision = record.spanOfSupervision
    }

    var record: WorkforceRecord {
        WorkforceRecord(
            team: team, grade: grade, staffInPost: staffInPost, vacancies: vacancies, averageCaseload: averageCaseload,
            workloadToolPercent: workloadToolPercent, staffOver100: staffOver100, staffOver120: staffOver120, spanOfSupervision: spanOfSupervision)
    }
}

final class SampledCaseModel: Model, @unchecked Sendable {
    static let schema = "sampled_cases"
    @ID var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "case_ref") var caseRef: String
    @Field(key: "sample") var sample: String
    @Field(key: "stratum") var stratum: String
    @Field(key: "rosh") var rosh: RoshLevel
    @Field(key: "sentence_type") var sentenceType: SentenceType
    @Field(key: "officer_grade") var officerGrade: OfficerGrade
    @Field(key: "team") var team: String
    @OptionalField(key: "assessor_id") var assessorID: UUID?
    @Field(key: "status") var status: CaseStatus
    @Field(key: "facts") var facts: String
    @Field(key: "facts_version") var factsVersion: Int
    @OptionalField(key: "completed_at") var completedAt: Date?
    @OptionalField(key: "updated_at") var updatedAt: Date?

    init() {}

    var caseFacts: CaseFacts {
        (try? JSONDecoder().decode(CaseFacts.self, from: Data(facts.utf8))) ?? CaseFacts()
    }

    static func encode(_ facts: CaseFacts) -> String {
        String(decoding: (try? JSONEncoder().encode(facts)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

final class OrganisationalRatingModel: Model, @unchecked Sendable {
    static let schema = "organisational_ratings"
    @ID var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "standard_id") var standardID: String
    @Field(key: "rating") var rating: Rating
    @Field(key: "evidence") var evidence: String
    @OptionalField(key: "updated_by") var updatedBy: UUID?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

final class SettingModel: Model, @unchecked Sendable {
    static let schema = "settings"
    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "value") var value: String

    init() {}

    init(key: String, value: String) {
        self.id = key
        self.value = value
    }
}

final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"
    @ID var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "user_id") var userID: UUID
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "expires_at") var expiresAt: Date?

    init() {}

    init(name: String, tokenHash: String, userID: UUID, createdBy: UUID, expiresAt: Date) {
        self.expiresAt = expiresAt
        self.name = name
        self.tokenHash = tokenHash
        self.userID = userID
        self.createdBy = createdBy
        self.createdAt = Date()
    }
}

/// Where a moderated case is: waiting for the blind second marking, marked with disagreements
/// to resolve, or resolved (every answer final).
enum ModerationStatus: String, Codable {
    case awaiting
    case marked
    case resolved

    var title: String {
        switch self {
        case .awaiting: "Awaiting second marking"
        case .marked: "Disagreements to resolve"
        case .resolved: "Resolved"
        }
    }
}

final class ModerationCaseModel: Model, @unchecked Sendable {
    static let schema = "moderation_cases"
    @ID var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "sampled_case_id") var sampledCaseID: UUID
    @Field(key: "first_marker_id") var firstMarkerID: UUID
    @OptionalField(key: "second_marker_id") var secondMarkerID: UUID?
    @Field(key: "status") var status: ModerationStatus
    @Field(key: "seed") var seed: Int64
    @Field(key: "drawn_by") var drawnBy: UUID
    @Field(key: "drawn_at") var drawnAt: Date
    @OptionalField(key: "marked_at") var markedAt: Date?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?

    init() {}
}

final class ModerationAnswerModel: Model, @unchecked Sendable {
    static let schema = "moderation_answers"
    @ID var id: UUID?
    @Field(key: "moderation_case_id") var moderationCaseID: UUID
    @Field(key: "question_id") var questionID: String
    @Field(key: "first_answer") var firstAnswer: String
    @Field(key: "first_rationale") var firstRationale: String
    @OptionalField(key: "second_answer") var secondAnswer: String?
    @Field(key: "second_rationale") var secondRationale: String
    @OptionalField(key: "final_answer") var finalAnswer: String?
    @Field(key: "reason") var reason: String
    @OptionalField(key: "resolved_by") var resolvedBy: UUID?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?

    init() {}

    var disagrees: Bool { secondAnswer != nil && secondAnswer != firstAnswer }
}

final class ThematicInspectionModel: Model, @unchecked Sendable {
    static let schema = "thematic_inspections"
    @ID var id: UUID?
    @Field(key: "title") var title: String
    @Field(key: "framework_id") var frameworkID: String
    @Field(key: "year_label") var yearLabel: String
    @Field(key: "lead_id") var leadID: UUID
    @Field(key: "is_demo") var isDemo: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
