/// Synthetic input files of any size, for benchmarks, load tests and anyone trying the tools:
/// the same seed always writes the same bytes.
public enum Generators {
    /// Writes `cases` cases' judgements, `case_id,question,answer`, in chunks of about 64 KB.
    ///
    /// Each case belongs to one of the framework's samples (about four in five to the main one,
    /// the rest shared by the others) and is judged on every key question of that sample's
    /// standards: three in a hundred not applicable, and about seven in ten of the rest sufficient,
    /// varying by question so standards differ.
    public static func judgements(framework: Framework, cases: Int, seed: UInt64, write: (String) throws -> Void) rethrows {
        var random = SeededGenerator(seed: seed)
        let samples = framework.samples.map { sample in framework.standards(judgedOn: sample.id).flatMap(\.questions) }.filter { !$0.isEmpty }
        guard !samples.isEmpty else { return }
        var chunk = "case_id,question,answer\n"
        for index in 0..<max(0, cases) {
            let sample = samples.count == 1 || random.uniform(below: 5) < 4 ? 0 : 1 + random.uniform(below: samples.count - 1)
            let reference = "C\(String(index + 1).leftPadded(to: 7))"
            for (position, question) in samples[sample].enumerated() {
                let roll = random.uniform(below: 1000)
                let answer = roll < 30 ? "n/a" : roll < 30 + 600 + position * 17 % 200 ? "yes" : "no"
                chunk += "\(reference),\(question.id.rawValue),\(answer)\n"
            }
            if chunk.utf8.count > 65_536 {
                try write(chunk)
                chunk = ""
            }
        }
        try write(chunk)
    }

    /// Writes a valid caseload extract of `rows` cases whose sentence types the framework samples
    /// (adult types when no framework is given), with start dates before `today`.
    public static func caseload(rows: Int, seed: UInt64, framework: Framework? = nil, today: CalendarDate, write: (String) throws -> Void) rethrows {
        var random = SeededGenerator(seed: seed)
        let types =
            framework?.sampledSentenceTypes.map { types in SentenceType.allCases.filter(types.contains) }
            ?? [.communityOrder, .suspendedSentence, .licence, .postSentenceSupervision]
        let rosh = RoshLevel.allCases
        let grades = ["PO", "PSO"], genders = ["male", "male", "male", "female"], ethnicities = ["White", "White", "White", "Black", "Asian", "Mixed"]
        var chunk = CaseloadCSV.columns.joined(separator: ",") + "\n"
        for index in 0..<max(0, rows) {
            let level = rosh[min(rosh.count - 1, random.uniform(below: 10) / 3)]
            let mappa = level >= .high && random.uniform(below: 4) == 0 ? "1,\(1 + random.uniform(below: 2))" : "none,none"
            let year = max(1991, today.year - 1 - random.uniform(below: 3))
            let date = "\(year)-\(String(1 + random.uniform(below: 12)).leftPadded(to: 2))-\(String(1 + random.uniform(below: 28)).leftPadded(to: 2))"
            chunk +=
                "R\(String(index + 1).leftPadded(to: 7)),\(types[random.uniform(below: types.count)].rawValue),\(date),\(level.rawValue),\(mappa),"
                + "\(grades[random.uniform(below: 2)]),Team \(random.uniform(below: 12)),\(genders[random.uniform(below: 4)]),\(ethnicities[random.uniform(below: 6)])\n"
            if chunk.utf8.count > 65_536 {
                try write(chunk)
                chunk = ""
            }
        }
        try write(chunk)
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
