/// The probation regions of England and Wales since unification in June 2021: eleven English
/// regions and Wales. Providers are placed in one of these, or in a region already in use
/// (the former CRC areas), chosen from a list rather than typed.
public enum ProbationRegions {
    public static let unified = [
        "East Midlands", "East of England", "Greater Manchester", "Kent, Surrey and Sussex", "London", "North East", "North West",
        "South Central", "South West", "Wales", "West Midlands", "Yorkshire and the Humber",
    ]

    /// The regions a provider may be placed in: the unified twelve and any already in use.
    public static func choices(inUse: [String]) -> [String] {
        Array(Set(unified + inUse.filter { !$0.isEmpty })).sorted()
    }

    /// The code of a region's provider: "region-north-east".
    public static func providerCode(_ region: String) -> String {
        "region-" + region.lowercased().split { !$0.isLetter }.joined(separator: "-")
    }
}
