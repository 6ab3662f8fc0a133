import Foundation
import InspectionKit
import Yams

/// The API's OpenAPI 3.1 description, served at /openapi.json. Kept beside the handlers and
/// checked by the tests: every /api/v1 route must be described here and every described path
/// must exist, and responses are validated against these schemas.
enum OpenAPIDocument {
    static func json() throws -> Data {
        let object = try Yams.load(yaml: yaml) ?? [:]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    static let yaml = """
        openapi: 3.1.0
        info:
          title: Inspectorate API
          version: 1.0.0
          description: >-
            Published inspection ratings and report figures of probation services, and, with a bearer
            token an administrator issues, the working data an analyst may read. Percentages run from
            0 to 100 and come with their interval and the number of cases behind them.
            Errors are JSON with a stable shape (the Error schema).
        servers:
          - url: /
        components:
          securitySchemes:
            bearer:
              type: http
              scheme: bearer
          parameters:
            page: {name: page, in: query, required: false, schema: {type: integer, minimum: 1, maximum: 1000000}, description: 'The page, from 1.'}
            per_page: {name: per_page, in: query, required: false, schema: {type: integer, minimum: 1, maximum: 200}, description: 'Items a page, 1 to 200; 50 when left out.'}
            type: {name: type, in: query, required: false, schema: {type: string, enum: [crc, nps, pdu, region, yot]}, description: "Only providers of this type."}
            region: {name: region, in: query, required: false, schema: {type: string}, description: "Only providers in this region, by name, e.g. North West."}
            year: {name: year, in: query, required: false, schema: {type: string, pattern: '^[0-9]{4}[-/][0-9]{2}$'}, description: 'Only inspections of this year (for providers, those with one), e.g. 2019-20.'}
            framework: {name: framework, in: query, required: false, schema: {type: string}, description: 'Only inspections under this framework (for providers, those with one), e.g. probation-2021-pdu.'}
            rating: {name: rating, in: query, required: false, schema: {$ref: '#/components/schemas/Rating'}, description: 'Only published inspections with this overall rating (for providers, those with one).'}
            inspection:
              name: inspection
              in: path
              required: true
              description: The inspection's id (a UUID).
              schema: {type: string, format: uuid}
          responses:
            NotFound:
              description: There is no such thing, or the caller may not see it.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Error'}
            Unauthorized:
              description: A bearer token is needed, or the one given is not valid.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Error'}
            Forbidden:
              description: The caller may not read this.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Error'}
            BadRequest:
              description: A query parameter is not valid.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Error'}
          schemas:
            Paging:
              description: Where this page sits; next and previous are addresses with the same filters, or null.
              type: object
              additionalProperties: false
              required: [page, per_page, total, pages, next, previous]
              properties:
                page: {type: integer, minimum: 1}
                per_page: {type: integer, minimum: 1, maximum: 200}
                total: {type: integer, minimum: 0}
                pages: {type: integer, minimum: 1}
                next: {type: [string, 'null']}
                previous: {type: [string, 'null']}
            ProgrammeInspection:
              description: Null, or a published inspection of the service.
              oneOf:
                - {type: 'null'}
                - type: object
                  additionalProperties: false
                  required: [year, inspection_id, published_on]
                  properties:
                    year: {type: string}
                    inspection_id: {type: string, format: uuid}
                    published_on: {type: [string, 'null'], format: date}
            IndicatorPoint:
              type: object
              additionalProperties: false
              required: [period, numerator, denominator, percent, ci_low, ci_high]
              properties:
                period: {type: string, pattern: '^[0-9]{4}-Q[1-4]$'}
                numerator: {type: integer, minimum: 0}
                denominator: {type: integer, minimum: 1}
                percent: {type: number}
                ci_low: {type: number}
                ci_high: {type: number}
            Indicator:
              type: object
              additionalProperties: false
              required: [id, title, better, definition, points, alert]
              properties:
                id: {type: string}
                title: {type: string}
                better: {type: string, enum: [higher, lower]}
                definition: {type: string}
                points: {type: array, items: {$ref: '#/components/schemas/IndicatorPoint'}}
                alert:
                  description: Null, or the latest move when it is a real deterioration; differences in percentage points.
                  oneOf:
                    - {type: 'null'}
                    - type: object
                      additionalProperties: false
                      required: [from, to, difference, ci_low, ci_high]
                      properties:
                        from: {type: string}
                        to: {type: string}
                        difference: {type: number}
                        ci_low: {type: number}
                        ci_high: {type: number}
            Error:
              type: object
              additionalProperties: false
              required: [error]
              properties:
                error:
                  type: object
                  additionalProperties: false
                  required: [status, code, message]
                  properties:
                    status: {type: integer}
                    code: {type: string}
                    message: {type: string}
            Rating:
              type: string
              enum: [outstanding, good, requires-improvement, inadequate]
            Provider:
              type: object
              additionalProperties: false
              required: [code, name, type, region, parent]
              properties:
                code: {type: string}
                name: {type: string}
                type: {type: string, enum: [\(ProviderType.allCases.map(\.rawValue).joined(separator: ", "))]}
                region: {type: string}
                parent:
                  description: The code of the region a PDU belongs to; null for every other provider.
                  type: [string, 'null']
            Inspection:
              type: object
              additionalProperties: false
              required: [id, provider, year, framework, framework_title, state, published_at, overall]
              properties:
                id: {type: string, format: uuid}
                provider: {$ref: '#/components/schemas/Provider'}
                year: {type: string, examples: ['2019/20']}
                framework: {type: string}
                framework_title: {type: string}
                pooled_from:
                  description: For a regional inspection, the ids of the PDU inspections whose judgements it adds up.
                  type: array
                  items: {type: string, format: uuid}
                state: {type: string, enum: [planned, data-requested, sampling, fieldwork, quality-assurance, rated, published, withdrawn, suspended]}
                published_at: {type: [string, 'null'], format: date}
                overall:
                  oneOf:
                    - {$ref: '#/components/schemas/Rating'}
                    - {type: 'null'}
            Margin:
              type: [object, 'null']
              additionalProperties: false
              required: [rating, percentage_points, cases]
              properties:
                rating: {$ref: '#/components/schemas/Rating'}
                percentage_points: {type: number}
                cases: {type: integer}
            QuestionFigures:
              type: object
              additionalProperties: false
              required: [id, sufficient, insufficient, not_applicable, percent, ci_low, ci_high]
              properties:
                id: {type: string}
                sufficient: {type: integer, minimum: 0}
                insufficient: {type: integer, minimum: 0}
                not_applicable: {type: integer, minimum: 0}
                percent: {type: [number, 'null'], minimum: 0, maximum: 100}
                ci_low: {type: [number, 'null'], minimum: 0, maximum: 100}
                ci_high: {type: [number, 'null'], minimum: 0, maximum: 100}
            StandardRating:
              type: object
              additionalProperties: false
              required: [id, title, kind, rating, score, limiting_question, crosses_band, possible_ratings, margin_up, margin_down, explanation, questions]
              properties:
                id: {type: string}
                title: {type: string}
                kind: {type: string, enum: [\(StandardKind.allCases.map(\.rawValue).joined(separator: ", "))]}
                rating: {type: string, enum: [outstanding, good, requires-improvement, inadequate, not-rated]}
                score: {type: [integer, 'null']}
                limiting_question: {type: [string, 'null']}
                crosses_band: {type: boolean}
                possible_ratings: {type: array, items: {$ref: '#/components/schemas/Rating'}}
                margin_up: {$ref: '#/components/schemas/Margin'}
                margin_down: {$ref: '#/components/schemas/Margin'}
                explanation: {type: string}
                questions: {type: array, items: {$ref: '#/components/schemas/QuestionFigures'}}
            Ratings:
              description: The ratings in the shape `inspectorate rate --format json` prints.
              type: object
              additionalProperties: false
              required: [framework, confidence, standards, total_score, maximum_score, overall, overall_reason, overall_possible_ratings, overall_explanation]
              properties:
                framework: {type: string}
                confidence: {type: number, exclusiveMinimum: 0, exclusiveMaximum: 1}
                standards: {type: array, items: {$ref: '#/components/schemas/StandardRating'}}
                total_score: {type: [integer, 'null']}
                maximum_score: {type: integer}
                overall:
                  oneOf:
                    - {$ref: '#/components/schemas/Rating'}
                    - {type: 'null'}
                overall_reason: {type: [string, 'null']}
                overall_possible_ratings: {type: array, items: {$ref: '#/components/schemas/Rating'}}
                overall_explanation: {type: string}
            Proportion:
              type: object
              additionalProperties: false
              required: [count, of, percent, ci_low, ci_high]
              properties:
                count: {type: integer, minimum: 0}
                of: {type: integer, minimum: 0}
                percent: {type: [number, 'null']}
                ci_low: {type: [number, 'null']}
                ci_high: {type: [number, 'null']}
            Table:
              description: >-
                A published table. Each row maps a column key to a text, a count, a rating slug, a
                change in points, or a proportion; null where there is no figure, and the text
                "suppressed" where a figure from fewer than 5 cases (or one that would reveal such a
                figure) is withheld.
              type: object
              additionalProperties: false
              required: [id, title, note, columns, rows]
              properties:
                id: {type: string}
                title: {type: string}
                note: {type: string}
                columns:
                  type: array
                  items:
                    type: object
                    additionalProperties: false
                    required: [key, title]
                    properties:
                      key: {type: string}
                      title: {type: string}
                rows:
                  type: array
                  items:
                    type: object
                    additionalProperties:
                      oneOf:
                        - {type: string}
                        - {type: number}
                        - {type: 'null'}
                        - {$ref: '#/components/schemas/Proportion'}
            PublishedInspection:
              description: A published inspection with its ratings.
              type: object
              additionalProperties: false
              required: [id, provider, year, framework, framework_title, state, published_at, overall, ratings]
              properties:
                id: {type: string, format: uuid}
                provider: {$ref: '#/components/schemas/Provider'}
                year: {type: string}
                framework: {type: string}
                framework_title: {type: string}
                pooled_from:
                  description: For a regional inspection, the ids of the PDU inspections whose judgements it adds up.
                  type: array
                  items: {type: string, format: uuid}
                state: {type: string, const: published}
                published_at: {type: [string, 'null'], format: date}
                overall:
                  oneOf:
                    - {$ref: '#/components/schemas/Rating'}
                    - {type: 'null'}
                ratings: {$ref: '#/components/schemas/Ratings'}
            Judgement:
              type: object
              additionalProperties: false
              required: [case_reference, sample, question, answer]
              properties:
                case_reference: {type: string}
                sample: {type: string}
                question: {type: string}
                answer: {type: string, enum: ['yes', 'no', n/a]}
        paths:
          /api/v1/providers:
            get:
              operationId: listProviders
              summary: Every provider the inspectorate inspects, a page at a time.
              parameters:
                - {$ref: '#/components/parameters/page'}
                - {$ref: '#/components/parameters/per_page'}
                - {$ref: '#/components/parameters/type'}
                - {$ref: '#/components/parameters/region'}
                - {$ref: '#/components/parameters/year'}
                - {$ref: '#/components/parameters/framework'}
                - {$ref: '#/components/parameters/rating'}
              responses:
                '200':
                  description: The providers.
                  content:
                    application/json:
                      schema:
                        type: object
                        additionalProperties: false
                        required: [providers, paging]
                        properties:
                          providers: {type: array, items: {$ref: '#/components/schemas/Provider'}}
                          paging: {$ref: '#/components/schemas/Paging'}
                '400': {$ref: '#/components/responses/BadRequest'}
                '401': {$ref: '#/components/responses/Unauthorized'}
          /api/v1/providers/{code}/indicators:
            get:
              operationId: getProviderIndicators
              summary: A provider's monitoring indicators from its quarterly returns, with intervals and alerts (staff and the provider's own users).
              security: [{bearer: []}]
              parameters:
                - {name: code, in: path, required: true, schema: {type: string}, description: The provider's code.}
              responses:
                '200':
                  description: Each indicator's quarters and any alert.
                  content:
                    application/json:
                      schema:
                        type: object
                        additionalProperties: false
                        required: [provider, rule, indicators]
                        properties:
                          provider: {type: string}
                          rule:
                            type: object
                            additionalProperties: false
                            required: [confidence, minimum_points]
                            properties:
                              confidence: {type: number}
                              minimum_points: {type: number}
                          indicators: {type: array, items: {$ref: '#/components/schemas/Indicator'}}
                '401': {$ref: '#/components/responses/Unauthorized'}
                '403': {$ref: '#/components/responses/Forbidden'}
                '404': {$ref: '#/components/responses/NotFound'}
          /api/v1/inspections:
            get:
              operationId: listInspections
              summary: Published inspections; with a token, also those the caller may see in progress.
              security: [{}, {bearer: []}]
              parameters:
                - {$ref: '#/components/parameters/page'}
                - {$ref: '#/components/parameters/per_page'}
                - {$ref: '#/components/parameters/type'}
                - {$ref: '#/components/parameters/region'}
                - {$ref: '#/components/parameters/year'}
                - {$ref: '#/components/parameters/framework'}
                - {$ref: '#/components/parameters/rating'}
                - {name: provider, in: query, required: false, schema: {type: string}, description: A provider code.}
              responses:
                '200':
                  description: The inspections.
                  content:
                    application/json:
                      schema:
                        type: object
                        additionalProperties: false
                        required: [inspections, paging]
                        properties:
                          inspections: {type: array, items: {$ref: '#/components/schemas/Inspection'}}
                          paging: {$ref: '#/components/schemas/Paging'}
                '400': {$ref: '#/components/responses/BadRequest'}
                '401': {$ref: '#/components/responses/Unauthorized'}
          /api/v1/inspections/{inspection}:
            get:
              operationId: getInspection
              summary: One inspection and its ratings (frozen once confirmed, live before for staff).
              security: [{}, {bearer: []}]
              parameters: [{$ref: '#/components/parameters/inspection'}]
              responses:
                '200':
                  description: The inspection and its ratings.
                  content:
                    application/json:
                      schema:
                        type: object
                        additionalProperties: false
                        required: [inspection, ratings]
                        properties:
                          inspection: {$ref: '#/components/schemas/Inspection'}
                          ratings: {$ref: '#/components/schemas/Ratings'}
                '401': {$ref: '#/components/responses/Unauthorized'}
                '404': {$ref: '#/components/responses/NotFound'}
          /api/v1/inspections/{inspection}/figures:
            get:
              operationId: getInspectionFigures
              summary: The report's tables, as on the inspection report page.
              security: [{}, {bearer: []}]
              parameters: [{$ref: '#/components/parameters/inspection'}]
              responses:
                '200':
                  description: The report's tables.
                  content:
                    application/json:
                      schema:
                        type: object
                        additionalProperties: false
                        required: [inspection_id, framework, tables]
                        properties:
                          inspection_id: {type: string, format: uuid}
                          framework: {type: string}
                          tables: {type: array, items: {$ref: '#/components/schemas/Table'}}
                '401': {$ref: '#/components/responses/Unauthorized'}
                '404': {$ref: '#/components/responses/NotFound'}
          /api/v1/inspections/{inspection}/recommendations:
            get:
              operationId: getInspectionRecommendations
              summary: The report's recommendations, each with what a later published inspection found of it.
              description: |
                A follow-up is shown only once the inspection that made it is published; until
                then `status`, `evidence` and `followed_up_in` are null.
              security: [{}, {bearer: []}]
              parameters: [{$ref: '#/components/parameters/inspection'}]
              responses:
                '200':
                  description: The recommendations, in the report's order.
                  content:
                    application/json:
                      schema:
                        type: object
                        additionalProperties: false
                        required: [inspection, recommendations]
                        properties:
                          inspection: {type: string, format: uuid}
                          recommendations:
                            type: array
                            items:
                              type: object
                              additionalProperties: false
                              required: [position, text, addressee, addressed_to, status, evidence, followed_up_in]
                              properties:
                                position: {type: integer, minimum: 1}
                                text: {type: string}
                                addressee: {type: string, enum: [provider, hmpps, other]}
                                addressed_to: {type: string, description: "Whom the recommendation is for, in words."}
                                status: {type: [string, 'null'], enum: [met, partly-met, not-met, no-longer-applicable, null]}
                                evidence: {type: [string, 'null']}
                                followed_up_in: {type: [string, 'null'], format: uuid, description: "The inspection that judged it."}
                '401': {$ref: '#/components/responses/Unauthorized'}
                '404': {$ref: '#/components/responses/NotFound'}
          /api/v1/inspections/{inspection}/judgements:
            get:
              operationId: getInspectionJudgements
              summary: Every case judgement, as `inspectorate rate` reads them. Staff only.
              security: [{bearer: []}]
              parameters: [{$ref: '#/components/parameters/inspection'}]
              responses:
                '200':
                  description: The judgements.
                  content:
                    application/json:
                      schema:
                        type: object
                        additionalProperties: false
                        required: [inspection_id, framework, judgements, withheld_cases]
                        properties:
                          inspection_id: {type: string, format: uuid}
                          framework: {type: string}
                          judgements: {type: array, items: {$ref: '#/components/schemas/Judgement'}}
                          withheld_cases: {type: integer, minimum: 0, description: "Cases awaiting the caller's blind second marking, whose judgements are left out."}
                '401': {$ref: '#/components/responses/Unauthorized'}
                '403':
                  description: The caller is not inspectorate staff.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Error'}
                '404': {$ref: '#/components/responses/NotFound'}
          /api/v1/ratings:
            get:
              operationId: listPublishedRatings
              summary: Every published inspection with its ratings (as /ratings.json), a page at a time.
              parameters:
                - {$ref: '#/components/parameters/page'}
                - {$ref: '#/components/parameters/per_page'}
                - {$ref: '#/components/parameters/type'}
                - {$ref: '#/components/parameters/region'}
                - {$ref: '#/components/parameters/year'}
                - {$ref: '#/components/parameters/framework'}
                - {$ref: '#/components/parameters/rating'}
              responses:
                '200':
                  description: The published ratings.
                  content:
                    application/json:
                      schema:
                        type: object
                        additionalProperties: false
                        required: [inspections, paging]
                        properties:
                          inspections: {type: array, items: {$ref: '#/components/schemas/PublishedInspection'}}
                          paging: {$ref: '#/components/schemas/Paging'}
                '400': {$ref: '#/components/responses/BadRequest'}
                '401': {$ref: '#/components/responses/Unauthorized'}
          /api/v1/annual/{year}:
            get:
              operationId: getAnnualReport
              summary: The annual report's tables for an inspection year, from published inspections.
              parameters:
                - {name: year, in: path, required: true, schema: {type: string}, example: '2019-20', description: 'The year, e.g. 2019-20.'}
              responses:
                '200':
                  description: The annual report's tables.
                  content:
                    application/json:
                      schema:
                        type: object
                        additionalProperties: false
                        required: [year, previous_year, tables]
                        properties:
                          year: {type: string}
                          previous_year: {type: [string, 'null']}
                          tables: {type: array, items: {$ref: '#/components/schemas/Table'}}
                '401': {$ref: '#/components/responses/Unauthorized'}
                '404': {$ref: '#/components/responses/NotFound'}
          /api/v1/sfo/years/{year}:
            get:
              operationId: getSFOYear
              summary: A published annual summary of serious further offence reviews, with small figures withheld.
              description: >-
                The year's figures beside the year before's, and its splits by offence, kind of
                service and risk level before the offence. Nothing about an individual review is
                included. Not found until the quality leads publish the year.
              parameters:
                - {name: year, in: path, required: true, schema: {type: string}, example: '2019-20', description: 'The year (April to March), e.g. 2019-20.'}
              responses:
                '200':
                  description: The summary's tables.
                  content:
                    application/json:
                      schema:
                        type: object
                        additionalProperties: false
                        required: [year, previous_year, published_at, tables]
                        properties:
                          year: {type: string}
                          previous_year: {type: string}
                          published_at: {type: string, format: date-time}
                          tables: {type: array, items: {$ref: '#/components/schemas/Table'}}
                '401': {$ref: '#/components/responses/Unauthorized'}
                '404': {$ref: '#/components/responses/NotFound'}
          /api/v1/providers/{code}/ratings:
            get:
              operationId: getProviderRatings
              summary: A provider's published ratings, with those of the providers it took over from and that took over from it, oldest first.
              parameters:
                - {name: code, in: path, required: true, schema: {type: string}, example: essex, description: "The provider's code."}
              responses:
                '200':
                  description: The provider's lineage and every published inspection in it.
                  content:
                    application/json:
                      schema:
                        type: object
                        additionalProperties: false
                        required: [provider, lineage, inspections]
                        properties:
                          provider: {$ref: '#/components/schemas/Provider'}
                          lineage:
                            type: array
                            items:
                              type: object
                              additionalProperties: false
                              required: [relation, provider]
                              properties:
                                relation: {type: string, enum: [self, predecessor, successor]}
                                provider: {$ref: '#/components/schemas/Provider'}
                          inspections:
                            type: array
                            items:
                              type: object
                              additionalProperties: false
                              required: [relation, inspection]
                              properties:
                                relation: {type: string, enum: [self, predecessor, successor]}
                                inspection: {$ref: '#/components/schemas/PublishedInspection'}
                '401': {$ref: '#/components/responses/Unauthorized'}
                '404': {$ref: '#/components/responses/NotFound'}
          /api/v1/changes:
            get:
              operationId: listChanges
              summary: What was published at or after a moment, earliest first, to sync incrementally.
              description: >-
                Ask again with next_since. The boundary is inclusive, so nothing published in the same instant
                is missed; the last change may then come again, and is dropped by its id.
              parameters:
                - {name: since, in: query, required: false, schema: {type: string, format: date-time}, example: '2024-01-31T09:00:00Z', description: 'An ISO 8601 moment; everything when left out.'}
                - {$ref: '#/components/parameters/page'}
                - {$ref: '#/components/parameters/per_page'}
                - {$ref: '#/components/parameters/type'}
                - {$ref: '#/components/parameters/region'}
                - {$ref: '#/components/parameters/year'}
                - {$ref: '#/components/parameters/framework'}
                - {$ref: '#/components/parameters/rating'}
              responses:
                '200':
                  description: The changes.
                  content:
                    application/json:
                      schema:
                        type: object
                        additionalProperties: false
                        required: [since, next_since, changes, paging]
                        properties:
                          paging: {$ref: '#/components/schemas/Paging'}
                          since: {type: [string, 'null'], format: date-time}
                          next_since: {type: [string, 'null'], format: date-time}
                          changes:
                            type: array
                            items:
                              type: object
                              additionalProperties: false
                              required: [kind, id, provider, year, at, href]
                              properties:
                                kind: {type: string, enum: [inspection-published, sfo-summary-published]}
                                id: {type: string, format: uuid}
                                provider: {type: [string, 'null'], description: "The provider's code; null for a national SFO summary."}
                                year: {type: string}
                                at: {type: [string, 'null'], format: date-time}
                                href: {type: string}
                '400': {$ref: '#/components/responses/BadRequest'}
                '401': {$ref: '#/components/responses/Unauthorized'}
          /api/v1/programme:
            get:
              operationId: getProgramme
              summary: A year's inspection programme, every service due and where each stands, and days from fieldwork to publication.
              parameters:
                - {name: year, in: query, required: false, schema: {type: string, pattern: '^[0-9]{4}[-/][0-9]{2}$'}, example: '2019/20', description: 'The inspection year, 2019/20 or 2019-20; the current one when left out.'}
              responses:
                '200':
                  description: The programme.
                  content:
                    application/json:
                      schema:
                        type: object
                        additionalProperties: false
                        required: [year, years, services, published, timeliness]
                        properties:
                          year: {type: string}
                          years: {type: array, items: {type: string}}
                          services:
                            type: array
                            items:
                              type: object
                              additionalProperties: false
                              required: [code, name, type, region, status, inspection, last_published]
                              properties:
                                code: {type: string}
                                name: {type: string}
                                type: {type: string, enum: [crc, nps, pdu, region, yot]}
                                region: {type: string}
                                status: {type: string, enum: [not-yet-planned, planned, in-progress, suspended, published, overdue]}
                                inspection: {$ref: '#/components/schemas/ProgrammeInspection'}
                                last_published: {$ref: '#/components/schemas/ProgrammeInspection'}
                          published:
                            type: array
                            items:
                              type: object
                              additionalProperties: false
                              required: [code, inspection_id, fieldwork_end, published_on, days]
                              properties:
                                code: {type: string}
                                inspection_id: {type: string, format: uuid}
                                fieldwork_end: {type: [string, 'null'], format: date}
                                published_on: {type: [string, 'null'], format: date}
                                days: {type: integer}
                          timeliness:
                            type: array
                            items:
                              type: object
                              additionalProperties: false
                              required: [year, published, median_days, shortest_days, longest_days]
                              properties:
                                year: {type: string}
                                published: {type: integer, minimum: 1}
                                median_days: {type: [number, 'null']}
                                shortest_days: {type: [integer, 'null']}
                                longest_days: {type: [integer, 'null']}
                '400': {$ref: '#/components/responses/BadRequest'}
                '401': {$ref: '#/components/responses/Unauthorized'}
        """
}
