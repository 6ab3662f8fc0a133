/// The fast path of ``JudgementsCSV``: counts a file that turns out to be clean in one tight pass
/// over its bytes, building no string per row.
///
/// It gives up (returns nil) at the first thing it does not expect: any problem, a duplicate, a
/// quote, a byte outside printable ASCII, a lone carriage return. The exact reader then reads the
/// file again and reports every problem with its line, so the fast path never has to explain
/// anything and the two cannot disagree on a file with problems. The profile showed the exact
/// reader's time going to a `String` per field, Foundation's trimming, and a dictionary of a
/// million `String` case-and-question keys for the duplicate check (see BENCHMARKS.md).
enum CleanJudgementsScan {
    /// Question ids of at most eight bytes, packed into an integer; longer ids go by text.
    private struct QuestionTable {
        var packedIDs: [UInt64?] = []
        var packed: [UInt64: Int] = [:]
        var long: [String: Int] = [:]
        /// The question expected next: a case's rows usually follow the framework's order, so
        /// one comparison finds most (hashing every row was a tenth of the scan in the profile).
        var expected = 0

        init(_ ids: [String]) {
            for (index, id) in ids.enumerated() {
                let utf8 = Array(id.utf8)
                if utf8.count <= 8 {
                    packed[Self.pack(utf8[...])] = index
                    packedIDs.append(Self.pack(utf8[...]))
                } else {
                    long[id] = index
                    packedIDs.append(nil)
                }
            }
        }

        /// NUL never reaches here (the scan gives up on control bytes), so zero padding is unambiguous.
        static func pack(_ bytes: some Collection<UInt8>) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            for byte in bytes {
                value |= UInt64(byte) << shift
                shift += 8
            }
            return value
        }

        mutating func index(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            guard bytes.count <= 8 else { return long[String(decoding: bytes, as: UTF8.self)] }
            let key = Self.pack(bytes)
            let found: Int?
            if expected < packedIDs.count, packedIDs[expected] == key {
                found = expected
            } else {
                found = packed[key]
            }
            if let found { expected = found + 1 }
            return found
        }
    }

    /// A case id as the bytes it occupies in the file; valid while the file's buffer is.
    private struct CaseKey: Hashable {
        let bytes: UnsafeBufferPointer<UInt8>

        static func == (lhs: CaseKey, rhs: CaseKey) -> Bool {
            lhs.bytes.count == rhs.bytes.count && memoryEqual(lhs.bytes, rhs.bytes)
        }

        func hash(into hasher: inout Hasher) { hasher.combine(bytes: UnsafeRawBufferPointer(bytes)) }
    }

    private static func memoryEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for index in 0..<a.count where a[index] != b[index] { return false }
        return true
    }

    private static let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    /// The exact reader's limit: a longer field is a problem it reports.
    static let maximumFieldLength = 65_536

    /// Counts per question index (the order of `questionIDs`), or nil when the exact reader must decide.
    static func counts(bytes: [UInt8], questionIDs: [String]) -> [AnswerCounts]? {
        var questions = QuestionTable(questionIDs)
        let words = max(1, (questionIDs.count + 63) / 64)
        return bytes.withUnsafeBufferPointer { buffer -> [AnswerCounts]? in
            withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: maximumColumns) { fields -> [AnswerCounts]? in
                count(buffer, fields: fields, questions: &questions, questionCount: questionIDs.count, words: words)
            }
        }
    }

    /// A header wider than this is left to the exact reader.
    private static let maximumColumns = 64

    private static func count(
        _ buffer: UnsafeBufferPointer<UInt8>, fields: UnsafeMutableBufferPointer<Range<Int>>, questions: inout QuestionTable, questionCount: Int, words: Int
    ) -> [AnswerCounts]? {
        var position = buffer.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard case .line(let width) = nextLine(buffer, &position, into: fields) else { return nil }
        let names = fields[..<width].map { String(decoding: UnsafeBufferPointer(rebasing: buffer[trimmed(buffer, $0)]), as: UTF8.self).lowercased() }
        guard let caseColumn = names.firstIndex(of: "case_id"), let questionColumn = names.firstIndex(of: "question"),
            let answerColumn = names.firstIndex(of: "answer")
        else { return nil }

        var counts = [AnswerCounts](repeating: AnswerCounts(), count: questionCount)
        var caseIndex: [CaseKey: Int] = [:]
        caseIndex.reserveCapacity(buffer.count / 128)  // about a case per ten rows; the profile showed resizing as a fifth of the time
        var answered: [UInt64] = []  // `words` per case: the questions each case has answered
        var currentCase = CaseKey(bytes: UnsafeBufferPointer(start: nil, count: 0))
        var currentOffset = -1
        while true {
            switch nextLine(buffer, &position, into: fields) {
            case .end: return counts
            case .unexpected: return nil
            case .line(let found) where found == width: break
            case .line: return nil
            case .blank: continue
            }
            let caseBytes = UnsafeBufferPointer(rebasing: buffer[trimmed(buffer, fields[caseColumn])])
            let questionBytes = UnsafeBufferPointer(rebasing: buffer[trimmed(buffer, fields[questionColumn])])
            guard !caseBytes.isEmpty, let question = questions.index(questionBytes),
                let answer = answer(UnsafeBufferPointer(rebasing: buffer[fields[answerColumn]]))
            else { return nil }
            // Rows come grouped by case, so the dictionary is consulted once per case, not per row.
            if currentOffset < 0 || !memoryEqual(caseBytes, currentCase.bytes) {
                currentCase = CaseKey(bytes: caseBytes)
                if let known = caseIndex[currentCase] {
                    currentOffset = known
                } else {
                    currentOffset = answered.count
                    caseIndex[currentCase] = currentOffset
                    answered.append(contentsOf: repeatElement(0, count: words))
                }
            }
            let word = currentOffset + question >> 6, bit = UInt64(1) << UInt64(question & 63)
            guard answered[word] & bit == 0 else { return nil }  // a duplicate: the exact reader names both lines
            answered[word] |= bit
            counts[question].record(answer)
        }
    }

    private static func answer(_ field: UnsafeBufferPointer<UInt8>) -> Answer? {
        switch field.count {
        case 3 where field[0] == UInt8(ascii: "y") && field[1] == UInt8(ascii: "e") && field[2] == UInt8(ascii: "s"): .sufficient
        case 2 where field[0] == UInt8(ascii: "n") && field[1] == UInt8(ascii: "o"): .notSufficient
        case 3 where field[0] == UInt8(ascii: "n") && field[1] == UInt8(ascii: "/") && field[2] == UInt8(ascii: "a"): .notApplicable
        default: Answer(parsing: String(decoding: field, as: UTF8.self))
        }
    }

    /// A field without the spaces and tabs around it (the scan has seen only ASCII, so these are
    /// all the whitespace the exact reader would trim).
    private static func trimmed(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, buffer[lower] == space || buffer[lower] == tab { lower += 1 }
        while upper > lower, buffer[upper - 1] == space || buffer[upper - 1] == tab { upper -= 1 }
        return lower..<upper
    }

    private enum LineKind { case line(fields: Int), blank, end, unexpected }

    /// Splits the next line at commas into `fields`. Anything the exact reader treats specially
    /// (quotes, control bytes, bytes outside ASCII, a carriage return not before a line feed, a
    /// field over its length limit) is `.unexpected`, as is a line wider than `fields`.
    private static func nextLine(
        _ buffer: UnsafeBufferPointer<UInt8>, _ position: inout Int, into fields: UnsafeMutableBufferPointer<Range<Int>>
    )
        -> LineKind
    {
        let count = buffer.count
        guard position < count else { return .end }
        var found = 0
        var start = position
        func endField(at end: Int) -> Bool {
            guard found < fields.count, end - start <= maximumFieldLength else { return false }
            fields[found] = start..<end
            found += 1
            return true
        }
        while position < count {
            let byte = buffer[position]
            if byte > 0x22 && byte < 0x7F && byte != comma {  // the common case: a printable byte that is not a quote or a comma
                position += 1
                continue
            }
            switch byte {
            case comma:
                guard endField(at: position) else { return .unexpected }
                position += 1
                start = position
            case space, tab, 0x21:
                position += 1
            case newline:
                guard endField(at: position) else { return .unexpected }
                position += 1
                return found == 1 && fields[0].isEmpty ? .blank : .line(fields: found)
            case carriageReturn:
                guard position + 1 < count, buffer[position + 1] == newline, endField(at: position) else { return .unexpected }
                position += 2
                return found == 1 && fields[0].isEmpty ? .blank : .line(fields: found)
            default:
                return .unexpected  // a quote, a control byte, DEL, or a byte outside ASCII
            }
        }
        guard endField(at: position) else { return .unexpected }
        return found == 1 && fields[0].isEmpty ? .blank : .line(fields: found)
    }
}
