/// Reads the ratings inspectors gave the organisational standards: `standard,rating`.
public enum OrganisationalRatingsCSV {
    public static let columns = ["standard", "rating"]

    public static func read(bytes: [UInt8], file: String, framework: Framework) throws(InputProblems) -> [StandardID: Rating] {
        var ratings: [StandardID: Rating] = [:]
        var lines: [StandardID: Int] = [:]
        var problems: [InputProblem] = []
        var fields: [CSVParser.Field] = []
        do {
            var parser = try CSVParser(bytes: bytes)
            guard try parser.nextRecord(into: &fields) != nil else {
                throw InputProblems([
                    InputProblem(file: file, line: 1, message: "the file is empty; the first line must be \"\(columns.joined(separator: ","))\"")
                ])
            }
            let header = try HeaderColumns(parser: parser, header: fields, expected: columns, file: file)
            let (standardColumn, ratingColumn) = (header.indices[0], header.indices[1])
            while let line = try parser.nextRecord(into: &fields) {
                guard fields.count > max(standardColumn, ratingColumn) else {
                    problems.append(
                        InputProblem(
                            file: file, line: line, column: fields.count + 1,
                            message: "expected \(max(standardColumn, ratingColumn) + 1) fields, found \(fields.count)"))
                    continue
                }
                let idText = parser.string(fields[standardColumn]).trimmingCharacters(in: .whitespaces)
                let ratingText = parser.string(fields[ratingColumn])
                let id = StandardID(idText)
                var standardOK = false
                if let standard = framework.standard(id) {
                    if standard.kind == .caseBased {
                        problems.append(
                            InputProblem(
                                file: file, line: line, column: standardColumn + 1, columnName: "standard", value: idText,
                                message: "standard \(id) \(standard.title) is case-based: its rating comes from the case judgements, not from this file"))
                    } else {
                        standardOK = true
                    }
                } else {
                    problems.append(
                        InputProblem(
                            file: file, line: line, column: standardColumn + 1, columnName: "standard", value: idText,
                            message: "unknown standard for framework \(framework.id)"))
                }
                let rating = Rating(parsing: ratingText)
                if rating == nil {
                    problems.append(
                        InputProblem(
                            file: file, line: line, column: ratingColumn + 1, columnName: "rating", value: ratingText,
                            message: "unknown rating; expected outstanding, good, requires improvement or inadequate"))
                }
                guard standardOK, let rating else { continue }
                if let earlier = lines[id] {
                    problems.append(
                        InputProblem(
                            file: file, line: line, column: standardColumn + 1, columnName: "standard", value: idText,
                            message: "duplicate: standard \(id) was already rated on line \(earlier)"))
                    continue
                }
                lines[id] = line
                ratings[id] = rating
            }
        } catch let error as CSVParser.Problem {
            problems.append(InputProblem(file: file, csv: error))
        } catch let error as InputProblems {
            throw error
        } catch {
            problems.append(InputProblem(file: file, line: nil, message: "\(error)"))
        }
        guard problems.isEmpty else { throw InputProblems(problems) }
        return ratings
    }
}
