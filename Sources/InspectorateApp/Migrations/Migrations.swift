import Fluent
import Foundation
import InspectionKit
import SQLKit

// One migration per table, named CreateX. Never edit one that has landed: add AddYToX instead.

struct CreateProviders: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("providers")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("type", .string, .required)
            .field("region", .string, .required)
            .field("is_demo", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "code")
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("providers").delete() }
}

struct CreateUsers: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("users")
            .id()
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("provider_id", .uuid, .references("providers", "id"))
            .field("is_demo", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "email")
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("users").delete() }
}

struct CreateLoginAttempts: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("login_attempts")
            .id()
            .field("email", .string, .required)
            .field("ip", .string, .required)
            .field("succeeded", .bool, .required)
            .field("attempted_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "login_attempts_email_at").on("login_attempts").column("email").column("attempted_at").run()
    }

    func revert(on database: Database) async throws { try await database.schema("login_attempts").delete() }
}

/// The audit log is append-only: triggers in the database refuse any UPDATE or DELETE, so not
/// even a bug in the app (or a second instance) can rewrite history.
struct CreateAuditEvents: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("audit_events")
            .id()
            .field("at", .datetime, .required)
            .field("user_id", .uuid)
            .field("user_email", .string)
            .field("role", .string)
            .field("action", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .string)
            .field("inspection_id", .uuid)
            .field("detail", .string, .required)
            .field("ip", .string)
            .field("user_agent", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "audit_events_at").on("audit_events").column("at").run()
        try await sql.create(index: "audit_events_inspection").on("audit_events").column("inspection_id").run()
        switch sql.dialect.name {
        case "sqlite":
            for operation in ["UPDATE", "DELETE"] {
                try await sql.raw(
                    """
                    CREATE TRIGGER audit_events_no_\(unsafeRaw: operation.lowercased()) BEFORE \(unsafeRaw: operation) ON audit_events
                    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END
                    """
                ).run()
            }
        case "postgresql":
            try await sql.raw(
                """
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$
                """
            ).run()
            try await sql.raw(
                "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()"
            ).run()
        default:
            break
        }
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events").run()
            try await sql.raw("DROP FUNCTION IF EXISTS audit_events_append_only()").run()
        }
        try await database.schema("audit_events").delete()
    }
}

struct CreateInspections: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("inspections")
            .id()
            .field("provider_id", .uuid, .required, .references("providers", "id"))
            .field("framework_id", .string, .required)
            .field("year_label", .string, .required)
            .field("state", .string, .required)
            .field("fieldwork_start", .string, .required)
            .field("fieldwork_end", .string, .required)
            .field("lead_id", .uuid, .required, .references("users", "id"))
            .field("sample_seed", .int64)
            .field("sample_size", .int)
            .field("sample_stratum", .string)
            .field("sample_extra_size", .int)
            .field("sample_confidence", .double)
            .field("sample_margin", .double)
            .field("sample_confirmed_at", .datetime)
            .field("ratings_snapshot", .string)
            .field("rated_at", .datetime)
            .field("published_at", .datetime)
            .field("is_demo", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await (database as! any SQLDatabase).create(index: "inspections_provider").on("inspections").column("provider_id").run()
    }

    func revert(on database: Database) async throws { try await database.schema("inspections").delete() }
}

struct CreateTeamMembers: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("team_members")
            .id()
            .field("inspection_id", .uuid, .required, .references("inspections", "id"))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .unique(on: "inspection_id", "user_id")
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("team_members").delete() }
}

struct CreateImportJobs: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("import_jobs")
            .id()
            .field("inspection_id", .uuid, .required, .references("inspections", "id"))
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("filename", .string, .required)
            .field("total_bytes", .int, .required)
            .field("processed_bytes", .int, .required)
            .field("row_count", .int, .required)
            .field("problems", .string)
            .field("message", .string)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("finished_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("import_jobs").delete() }
}

struct CreateEligibleCases: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("eligible_cases")
            .id()
            .field("inspection_id", .uuid, .required, .references("inspections", "id"))
            .field("case_ref", .string, .required)
            .field("sentence_type", .string, .required)
            .field("start_date", .string, .required)
            .field("rosh", .string, .required)
            .field("mappa_category", .int)
            .field("mappa_level", .int)
            .field("officer_grade", .string, .required)
            .field("team", .string, .required)
            .field("gender", .string, .required)
            .field("ethnicity", .string, .required)
            .unique(on: "inspection_id", "case_ref")
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("eligible_cases").delete() }
}

struct CreateWorkforceFigures: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("workforce_figures")
            .id()
            .field("inspection_id", .uuid, .required, .references("inspections", "id"))
            .field("team", .string, .required)
            .field("grade", .string, .required)
            .field("staff_in_post", .double, .required)
            .field("vacancies", .double, .required)
            .field("average_caseload", .double, .required)
            .field("workload_tool_percent", .double, .required)
            .unique(on: "inspection_id", "team", "grade")
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("workforce_figures").delete() }
}

struct CreateSampledCases: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("sampled_cases")
            .id()
            .field("inspection_id", .uuid, .required, .references("inspections", "id"))
            .field("case_ref", .string, .required)
            .field("sample", .string, .required)
            .field("stratum", .string, .required)
            .field("rosh", .string, .required)
            .field("sentence_type", .string, .required)
            .field("officer_grade", .string, .required)
            .field("team", .string, .required)
            .field("assessor_id", .uuid, .references("users", "id"))
            .field("status", .string, .required)
            .field("facts", .string, .required)
            .field("facts_version", .int, .required)
            .field("completed_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "inspection_id", "case_ref")
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("sampled_cases").delete() }
}

struct CreateCaseAnswers: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("case_answers")
            .id()
            .field("sampled_case_id", .uuid, .required, .references("sampled_cases", "id"))
            .field("question_id", .string, .required)
            .field("answer", .string, .required)
            .field("rationale", .string, .required)
            .field("version", .int, .required)
            .field("updated_by", .uuid)
            .field("updated_at", .datetime, .required)
            .unique(on: "sampled_case_id", "question_id")
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("case_answers").delete() }
}

struct CreateInterviews: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("interviews")
            .id()
            .field("sampled_case_id", .uuid, .required, .references("sampled_cases", "id"))
            .field("kind", .string, .required)
            .field("grade", .string)
            .field("caseload_size", .int)
            .field("workload_manageable", .string)
            .field("notes", .string, .required)
            .field("updated_by", .uuid)
            .field("updated_at", .datetime, .required)
            .unique(on: "sampled_case_id", "kind")
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("interviews").delete() }
}

struct CreateOrganisationalRatings: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("organisational_ratings")
            .id()
            .field("inspection_id", .uuid, .required, .references("inspections", "id"))
            .field("standard_id", .string, .required)
            .field("rating", .string, .required)
            .field("evidence", .string, .required)
            .field("updated_by", .uuid)
            .field("updated_at", .datetime, .required)
            .unique(on: "inspection_id", "standard_id")
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("organisational_ratings").delete() }
}

struct CreateSettings: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("settings")
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("settings").delete() }
}

/// The lead inspector's key findings and recommendations, published with the report.
struct AddReportText: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("inspections")
            .field("key_findings", .string, .required, .sql(.default("")))
            .update()
        try await database.schema("inspections")
            .field("recommendations", .string, .required, .sql(.default("")))
            .update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("inspections").deleteField("key_findings").update()
        try await database.schema("inspections").deleteField("recommendations").update()
    }
}

/// Each marker's rationale beside their answer, so the quality lead resolves a disagreement
/// with both reasons in view.
struct AddModerationRationales: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("moderation_answers").field("first_rationale", .string, .required, .sql(.default(""))).update()
        try await database.schema("moderation_answers").field("second_rationale", .string, .required, .sql(.default(""))).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("moderation_answers").deleteField("first_rationale").update()
        try await database.schema("moderation_answers").deleteField("second_rationale").update()
    }
}

/// Accounts can be deactivated, and each has a session epoch: raising it (a role change, a
/// deactivation, a password change) ends every session signed in before.
struct AddUserStatus: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("users").field("deactivated_at", .datetime).update()
        try await database.schema("users").field("session_epoch", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("users").deleteField("deactivated_at").update()
        try await database.schema("users").deleteField("session_epoch").update()
    }
}

/// The provider tells the inspectorate its data is ready; the inspectorate confirms receipt.
struct AddDataSubmission: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("inspections").field("data_submitted_at", .datetime).update()
        try await database.schema("inspections").field("data_submitted_by", .uuid).update()
        try await database.schema("inspections").field("data_received_at", .datetime).update()
    }

    func revert(on database: Database) async throws {
        for field in ["data_submitted_at", "data_submitted_by", "data_received_at"] {
            try await database.schema("inspections").deleteField(.string(field)).update()
        }
    }
}

/// A withdrawn inspection keeps when and why it was withdrawn.
struct AddWithdrawal: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("inspections").field("withdrawn_at", .datetime).update()
        try await database.schema("inspections").field("withdrawn_reason", .string).update()
    }

    func revert(on database: Database) async throws {
        for field in ["withdrawn_at", "withdrawn_reason"] {
            try await database.schema("inspections").deleteField(.string(field)).update()
        }
    }
}

/// API tokens expire: a token issued before this change lapses a year after it was issued.
struct AddTokenExpiry: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("api_tokens").field("expires_at", .datetime).update()
        for token in try await APITokenModel.query(on: database).all() {
            token.expiresAt = token.createdAt.addingTimeInterval(365 * 86_400)
            try await token.save(on: database)
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("api_tokens").deleteField("expires_at").update()
    }
}

/// Bearer tokens for the API. Only a hash of each token is kept, so a leaked database does not
/// leak working tokens.
struct CreateAPITokens: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("api_tokens")
            .id()
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("last_used_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("api_tokens").delete() }
}

/// The quality lead's dip sample: each drawn case, its blind second marking and the resolution
/// of each disagreement. Rows are never deleted, so the history of every moderated judgement
/// stays: the first answer, the second, the final one and why.
struct CreateModeration: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("moderation_cases")
            .id()
            .field("inspection_id", .uuid, .required, .references("inspections", "id"))
            .field("sampled_case_id", .uuid, .required, .references("sampled_cases", "id"))
            .field("first_marker_id", .uuid, .required, .references("users", "id"))
            .field("second_marker_id", .uuid, .references("users", "id"))
            .field("status", .string, .required)
            .field("seed", .int64, .required)
            .field("drawn_by", .uuid, .required, .references("users", "id"))
            .field("drawn_at", .datetime, .required)
            .field("marked_at", .datetime)
            .field("resolved_at", .datetime)
            .unique(on: "sampled_case_id")
            .create()
        try await database.schema("moderation_answers")
            .id()
            .field("moderation_case_id", .uuid, .required, .references("moderation_cases", "id"))
            .field("question_id", .string, .required)
            .field("first_answer", .string, .required)
            .field("second_answer", .string)
            .field("final_answer", .string)
            .field("reason", .string, .required)
            .field("resolved_by", .uuid, .references("users", "id"))
            .field("resolved_at", .datetime)
            .unique(on: "moderation_case_id", "question_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("moderation_answers").delete()
        try await database.schema("moderation_cases").delete()
    }
}

/// A thematic inspection: one theme, its own framework, across several providers. Each
/// provider's part is an ordinary inspection pointing at it, so sampling and assessment are
/// the same screens.
struct CreateThematicInspections: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("thematic_inspections")
            .id()
            .field("title", .string, .required)
            .field("framework_id", .string, .required)
            .field("year_label", .string, .required)
            .field("lead_id", .uuid, .required, .references("users", "id"))
            .field("is_demo", .bool, .required, .sql(.default(false)))
            .field("created_at", .datetime)
            .create()
        try await database.schema("inspections")
            .field("thematic_id", .uuid, .references("thematic_inspections", "id"))
            .update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("inspections").deleteField("thematic_id").update()
        try await database.schema("thematic_inspections").delete()
    }
}

/// Serious further offence reviews as notified by probation services, with the inspectorate's
/// sample and quality-assurance ratings.
struct CreateSFOReviews: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("sfo_reviews")
            .id()
            .field("reference", .string, .required)
            .field("provider_id", .uuid, .required, .references("providers", "id"))
            .field("offence_category", .string, .required)
            .field("rosh_before", .string, .required)
            .field("mappa_level_before", .int)
            .field("notified_on", .string, .required)
            .field("submitted_on", .string)
            .field("other_agencies", .bool, .required)
            .field("year_label", .string, .required)
            .field("sampled", .bool, .required)
            .field("sample_seed", .int64)
            .field("ratings", .string, .required)
            .field("overall_rating", .string)
            .field("rated_by", .uuid, .references("users", "id"))
            .field("rated_at", .datetime)
            .field("created_by", .uuid, .references("users", "id"))
            .field("created_at", .datetime)
            .unique(on: "reference")
            .create()
    }

    func revert(on database: Database) async throws { try await database.schema("sfo_reviews").delete() }
}

/// The unified probation service: a PDU belongs to its region (`parent_id`), and a provider
/// may succeed others (a CRC's area now covered by named PDUs).
struct AddProviderHierarchy: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("providers").field("parent_id", .uuid, .references("providers", "id")).update()
        try await database.schema("provider_links")
            .id()
            .field("predecessor_id", .uuid, .required, .references("providers", "id"))
            .field("successor_id", .uuid, .required, .references("providers", "id"))
            .field("created_at", .datetime)
            .unique(on: "predecessor_id", "successor_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("provider_links").delete()
        try await database.schema("providers").deleteField("parent_id").update()
    }
}

/// The twelve regions of England and Wales since June 2021 exist in every installation, so a
/// PDU always has its region to belong to.
struct AddUnifiedRegions: AsyncMigration {
    func prepare(on database: Database) async throws {
        for region in ProbationRegions.unified {
            let code = ProbationRegions.providerCode(region)
            guard try await ProviderModel.query(on: database).filter(\.$code == code).count() == 0 else { continue }
            try await ProviderModel(code: code, name: "\(region) region", type: .region, region: region).create(on: database)
        }
    }

    func revert(on database: Database) async throws {
        try await ProviderModel.query(on: database).filter(\.$type == .region).delete()
    }
}

/// Suspending an inspection (and resuming it at the stage it was in), and publishing one that
/// could not be completed with no overall rating, for a reason.
struct AddSuspension: AsyncMigration {
    static let fields = ["suspended_at", "suspended_reason", "suspended_from", "partial_reason"]

    func prepare(on database: Database) async throws {
        try await database.schema("inspections").field("suspended_at", .datetime).update()
        for field in Self.fields.dropFirst() { try await database.schema("inspections").field(.string(field), .string).update() }
    }

    func revert(on database: Database) async throws {
        for field in Self.fields { try await database.schema("inspections").deleteField(.string(field)).update() }
    }
}

/// The workforce file's optional columns: who is over 100% and 120% on the workload tool, and
/// each SPO's span of supervision. SPO rows need no change: the grade is stored as text.
struct AddWorkloadShares: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("workforce_figures").field("staff_over_100", .int).update()
        try await database.schema("workforce_figures").field("staff_over_120", .int).update()
        try await database.schema("workforce_figures").field("span_of_supervision", .double).update()
    }

    func revert(on database: Database) async throws {
        for field in ["staff_over_100", "staff_over_120", "span_of_supervision"] {
            try await database.schema("workforce_figures").deleteField(.string(field)).update()
        }
    }
}

/// The caseload file's optional delivery columns (see CaseloadCSV.deliveryColumns).
struct AddSentenceDelivery: AsyncMigration {
    static let fields: [(String, DatabaseSchema.DataType)] = [
        ("programme_requirement", .bool), ("programme_start_date", .string), ("unpaid_work_hours_ordered", .int),
        ("unpaid_work_hours_completed", .int), ("unpaid_work_completed_date", .string), ("latest_contact_type", .string),
    ]

    func prepare(on database: Database) async throws {
        for (name, type) in Self.fields { try await database.schema("eligible_cases").field(.string(name), type).update() }
    }

    func revert(on database: Database) async throws {
        for (name, _) in Self.fields { try await database.schema("eligible_cases").deleteField(.string(name)).update() }
    }
}

/// Providers' quarterly data returns, kept as the indicator figures they yield (not the files).
struct CreateDataReturns: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("data_returns")
            .id()
            .field("provider_id", .uuid, .required, .references("providers", "id"))
            .field("period", .string, .required)
            .field("caseload_rows", .int, .required)
            .field("workforce_rows", .int)
            .field("submitted_by", .uuid, .references("users", "id"))
            .field("submitted_at", .datetime, .required)
            .unique(on: "provider_id", "period")
            .create()
        try await database.schema("indicator_values")
            .id()
            .field("return_id", .uuid, .required, .references("data_returns", "id", onDelete: .cascade))
            .field("indicator", .string, .required)
            .field("numerator", .int, .required)
            .field("denominator", .int, .required)
            .unique(on: "return_id", "indicator")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("indicator_values").delete()
        try await database.schema("data_returns").delete()
    }
}

/// The pseudonymous reference of the officer an interview was with.
struct AddOfficerReference: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("interviews").field("officer_ref", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("interviews").deleteField("officer_ref").update()
    }
}

/// Survey responses: one per respondent, survey and inspection, which the unique key enforces
/// even when two people record the same respondent at once.
struct CreateSurveyResponses: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("survey_responses")
            .id()
            .field("inspection_id", .uuid, .required, .references("inspections", "id", onDelete: .cascade))
            .field("survey_id", .string, .required)
            .field("respondent_ref", .string, .required)
            .field("answers", .string, .required)
            .field("comment", .string)
            .field("recorded_by", .uuid, .references("users", "id"))
            .field("recorded_at", .datetime, .required)
            .unique(on: "inspection_id", "survey_id", "respondent_ref")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("survey_responses").delete()
    }
}

/// Recommendations as items a provider answers with an action plan and a later inspection
/// follows up; a successor provider may be declared to take on its predecessors' open ones.
/// Each line of a report's earlier free-text recommendations becomes an item for the provider.
struct CreateRecommendations: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("recommendations")
            .id()
            .field("inspection_id", .uuid, .required, .references("inspections", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("text", .string, .required)
            .field("addressee", .string, .required)
            .field("other_body", .string)
            .field("action_plan", .string)
            .field("action_plan_at", .datetime)
            .field("followed_up_in", .uuid, .references("inspections", "id", onDelete: .setNull))
            .field("follow_up_status", .string)
            .field("follow_up_evidence", .string)
            .field("followed_up_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await database.schema("provider_links").field("carries_recommendations", .bool, .required, .sql(.default(false))).update()
        let sql = database as! any SQLDatabase
        struct Row: Decodable {
            let id: UUID
            let recommendations: String
        }
        for row in try await sql.raw("SELECT id, recommendations FROM inspections WHERE recommendations <> ''").all(decoding: Row.self) {
            let lines = row.recommendations.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for (position, line) in lines.enumerated() {
                try await sql.insert(into: "recommendations").columns("id", "inspection_id", "position", "text", "addressee", "created_at")
                    .values(
                        SQLBind(UUID()), SQLBind(row.id), SQLBind(position + 1), SQLBind(line), SQLBind(RecommendationAddressee.provider.rawValue),
                        SQLBind(Date())
                    )
                    .run()
            }
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("provider_links").deleteField("carries_recommendations").update()
        try await database.schema("recommendations").delete()
    }
}

/// The SFO summary's central quality-assurance date and the victim's request to see a review,
/// and the published summaries, one per year (the unique year stops two instances, or two
/// quality leads, publishing it twice).
struct CreateSFOPublications: AsyncMigration {
    func prepare(on database: Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        try await database.schema("sfo_reviews").field("central_qa_completed_on", .string).update()
        try await database.schema("sfo_reviews").field("victim_asked", .bool, .required, .sql(.default(false))).update()
        try await database.schema("sfo_publications")
            .id()
            .field("year_label", .string, .required)
            .field("reviews_snapshot", .string, .required)
            .field("published_at", .datetime, .required)
            .field("published_by", .uuid, .references("users", "id"))
            .unique(on: "year_label")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("sfo_publications").delete()
        try await database.schema("sfo_reviews").deleteField("victim_asked").update()
        try await database.schema("sfo_reviews").deleteField("central_qa_completed_on").update()
    }
}

/// The caseload's optional age band, for the equality breakdowns.
struct AddAgeBand: AsyncMigration {
    func prepare(on database: Database) async throws { try await database.schema("eligible_cases").field("age_band", .string).update() }
    func revert(on database: Database) async throws { try await database.schema("eligible_cases").deleteField("age_band").update() }
}

/// Every migration, in order.
func addMigrations(to migrations: Migrations) {
    migrations.add(CreateProviders())
    migrations.add(CreateUsers())
    migrations.add(SessionRecord.migration)
    migrations.add(CreateLoginAttempts())
    migrations.add(CreateAuditEvents())
    migrations.add(CreateInspections())
    migrations.add(CreateTeamMembers())
    migrations.add(CreateImportJobs())
    migrations.add(CreateEligibleCases())
    migrations.add(CreateWorkforceFigures())
    migrations.add(CreateSampledCases())
    migrations.add(CreateCaseAnswers())
    migrations.add(CreateInterviews())
    migrations.add(CreateOrganisationalRatings())
    migrations.add(CreateSettings())
    migrations.add(AddReportText())
    migrations.add(CreateAPITokens())
    migrations.add(CreateModeration())
    migrations.add(CreateThematicInspections())
    migrations.add(CreateSFOReviews())
    migrations.add(AddModerationRationales())
    migrations.add(AddUserStatus())
    migrations.add(AddDataSubmission())
    migrations.add(AddTokenExpiry())
    migrations.add(AddWithdrawal())
    migrations.add(CreateSessions())
    migrations.add(AddProviderHierarchy())
    migrations.add(AddUnifiedRegions())
    migrations.add(AddSuspension())
    migrations.add(AddWorkloadShares())
    migrations.add(AddSentenceDelivery())
    migrations.add(CreateDataReturns())
    migrations.add(AddOfficerReference())
    migrations.add(CreateSurveyResponses())
    migrations.add(CreateRecommendations())
    migrations.add(CreateSFOPublications())
    migrations.add(AddAgeBand())
}
