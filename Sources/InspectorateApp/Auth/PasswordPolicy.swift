import Foundation

/// What makes a password acceptable, for every place one is set (the admin's form, a person's
/// own change, `inspectorate user create`):
/// - at least 12 characters;
/// - at most 72 bytes in UTF-8, because bcrypt ignores every byte after the 72nd, which would
///   make two passwords that share their first 72 bytes the same password;
/// - not a common password, nor a common word with only digits and punctuation added, nor the
///   person's own email address. The lists are data files in `Resources/passwords/`.
struct PasswordPolicy: Sendable {
    static let minimumCharacters = 12
    static let maximumBytes = 72
    static let dressing = CharacterSet(charactersIn: "0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ")
    static let leet: [Character: Character] = ["@": "a", "4": "a", "0": "o", "1": "i", "3": "e", "$": "s", "5": "s", "7": "t"]

    let common: Set<String>
    let words: Set<String>

    static let standard: PasswordPolicy = {
        func list(_ name: String) -> Set<String> {
            guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "passwords"),
                let text = try? String(contentsOf: url, encoding: .utf8)
            else { fatalError("the password list \(name).txt is missing from the app's resources") }
            return Set(text.split(whereSeparator: \.isNewline).map { $0.lowercased() }.filter { !$0.isEmpty && !$0.hasPrefix("#") })
        }
        return PasswordPolicy(common: list("common"), words: list("words"))
    }()

    /// Why `password` is refused, as a sentence for the person choosing it; nil when it is fine.
    func problem(with password: String, email: String? = nil) -> String? {
        if password.count < Self.minimumCharacters { return "Enter a password of at least \(Self.minimumCharacters) characters" }
        if password.utf8.count > Self.maximumBytes {
            return "Enter a password of \(Self.maximumBytes) bytes or fewer (72 plain letters; accented letters and symbols take two to four bytes each)"
        }
        let lowered = password.lowercased()
        if common.contains(lowered) { return "That password is one of the most common; choose one that is harder to guess" }
        // A word dressed up with digits and symbols at either end, in plain or "leet" spelling.
        let core = lowered.trimmingCharacters(in: Self.dressing)
        let plain = String(core.map { Self.leet[$0] ?? $0 })
        if words.contains(core) || words.contains(plain) {
            return "A common word with numbers or symbols added is easy to guess; choose a password that is harder to guess"
        }
        if Set(lowered).count <= 2 { return "A password of one or two repeated characters is easy to guess; choose one that is harder to guess" }
        if let email, !email.isEmpty {
            let name = email.lowercased().split(separator: "@").first.map(String.init) ?? ""
            if lowered.contains(email.lowercased()) || (name.count >= 4 && (lowered.contains(name) || lowered.filter(\.isLetter) == name.filter(\.isLetter))) {
                return "A password made from your email address is easy to guess; choose one that is harder to guess"
            }
        }
        return nil
    }
}
