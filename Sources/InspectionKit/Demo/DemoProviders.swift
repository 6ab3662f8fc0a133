/// The kinds of probation service the inspectorate inspects.
public enum ProviderType: String, Sendable, Codable, CaseIterable, Hashable {
    /// Community Rehabilitation Company (2014–2021).
    case crc
    /// National Probation Service division (to 2021).
    case nps
    /// Probation Delivery Unit, within a region (from June 2021).
    case pdu
    /// One of the twelve probation regions of England and Wales (from June 2021), each made up
    /// of PDUs.
    case region
    /// Youth offending team.
    case yot

    public var title: String {
        switch self {
        case .crc: "Community Rehabilitation Company"
        case .nps: "National Probation Service division"
        case .pdu: "Probation Delivery Unit"
        case .region: "Probation region"
        case .yot: "Youth offending team"
        }
    }

    public var shortTitle: String { self == .region ? "Region" : rawValue.uppercased() }

    /// The type of provider one of this type belongs to: a PDU to its region.
    public var parentType: ProviderType? { self == .pdu ? .region : nil }
}

/// The services in the demo: the 21 CRCs and 7 NPS divisions of 2018–2020, with a few YOTs.
enum DemoProviders {
    static let nps: [(code: String, name: String)] = [
        ("nps-london", "NPS London"),
        ("nps-midlands", "NPS Midlands"),
        ("nps-north-east", "NPS North East"),
        ("nps-north-west", "NPS North West"),
        ("nps-south-east-eastern", "NPS South East and Eastern"),
        ("nps-south-west-central", "NPS South West and South Central"),
        ("nps-wales", "NPS Wales"),
    ]

    /// Each CRC with the NPS division whose region it sits in.
    static let crc: [(code: String, name: String, region: String)] = [
        ("bench", "Bedfordshire, Northamptonshire, Cambridgeshire and Hertfordshire CRC", "South East and Eastern"),
        ("bgsw", "Bristol, Gloucestershire, Somerset and Wiltshire CRC", "South West and South Central"),
        ("cgm", "Cheshire and Greater Manchester CRC", "North West"),
        ("cumbria-lancashire", "Cumbria and Lancashire CRC", "North West"),
        ("dlnr", "Derbyshire, Leicestershire, Nottinghamshire and Rutland CRC", "Midlands"),
        ("ddc", "Dorset, Devon and Cornwall CRC", "South West and South Central"),
        ("durham-tees-valley", "Durham Tees Valley CRC", "North East"),
        ("essex", "Essex CRC", "South East and Eastern"),
        ("hampshire-iow", "Hampshire and Isle of Wight CRC", "South West and South Central"),
        ("hlny", "Humberside, Lincolnshire and North Yorkshire CRC", "North East"),
        ("kss", "Kent, Surrey and Sussex CRC", "South East and Eastern"),
        ("london", "London CRC", "London"),
        ("merseyside", "Merseyside CRC", "North West"),
        ("norfolk-suffolk", "Norfolk and Suffolk CRC", "South East and Eastern"),
        ("northumbria", "Northumbria CRC", "North East"),
        ("south-yorkshire", "South Yorkshire CRC", "North East"),
        ("swm", "Staffordshire and West Midlands CRC", "Midlands"),
        ("thames-valley", "Thames Valley CRC", "South West and South Central"),
        ("wales", "Wales CRC", "Wales"),
        ("wwm", "Warwickshire and West Mercia CRC", "Midlands"),
        ("west-yorkshire", "West Yorkshire CRC", "North East"),
    ]

    /// Probation Delivery Units of the unified service, each in its region, with the year it was
    /// inspected, its framework and the overall rating the demo aims at. 2021/22 and 2022/23
    /// are local inspections, four of the six Inadequate ("Four out of the six of our recent
    /// local probation inspections have been rated inadequate"); 2023/24 inspects every PDU of
    /// two regions, then each region.
    static let pdu: [(code: String, name: String, region: String, year: String, target: Rating)] = [
        ("pdu-bristol", "Bristol and South Gloucestershire PDU", "South West", "2021/22", .inadequate),
        ("pdu-liverpool-north", "Liverpool North PDU", "North West", "2021/22", .requiresImprovement),
        ("pdu-hounslow", "Hounslow and Richmond PDU", "London", "2021/22", .inadequate),
        ("pdu-leicester", "Leicester, Leicestershire and Rutland PDU", "East Midlands", "2022/23", .inadequate),
        ("pdu-brighton", "Brighton and East Sussex PDU", "Kent, Surrey and Sussex", "2022/23", .inadequate),
        ("pdu-wolverhampton", "Wolverhampton PDU", "West Midlands", "2022/23", .requiresImprovement),
        ("pdu-sunderland", "Sunderland PDU", "North East", "2023/24", .requiresImprovement),
        ("pdu-stockton-hartlepool", "Stockton and Hartlepool PDU", "North East", "2023/24", .requiresImprovement),
        ("pdu-county-durham", "County Durham and Darlington PDU", "North East", "2023/24", .requiresImprovement),
        ("pdu-northumberland", "Northumberland and North Tyneside PDU", "North East", "2023/24", .good),
        ("pdu-cardiff", "Cardiff and the Vale PDU", "Wales", "2023/24", .requiresImprovement),
        ("pdu-swansea", "Swansea, Neath Port Talbot PDU", "Wales", "2023/24", .good),
        ("pdu-north-wales", "North Wales PDU", "Wales", "2023/24", .requiresImprovement),
    ]

    /// Which CRCs' areas each PDU now covers, as far as the demo records it: shown on both
    /// providers' pages.
    static let predecessors: [(successor: String, predecessor: String)] = [
        ("pdu-sunderland", "northumbria"), ("pdu-northumberland", "northumbria"), ("pdu-stockton-hartlepool", "durham-tees-valley"),
        ("pdu-county-durham", "durham-tees-valley"), ("pdu-cardiff", "wales"), ("pdu-swansea", "wales"), ("pdu-north-wales", "wales"),
        ("pdu-bristol", "bgsw"), ("pdu-liverpool-north", "merseyside"), ("pdu-hounslow", "london"), ("pdu-leicester", "dlnr"),
        ("pdu-brighton", "kss"), ("pdu-wolverhampton", "swm"),
    ]

    /// The regions inspected in 2023/24 after every one of their PDUs, with the rating aimed at.
    static let regions: [(region: String, target: Rating)] = [("North East", .requiresImprovement), ("Wales", .requiresImprovement)]

    /// Youth offending teams: inspected against the youth framework of their year.
    static let yot: [(code: String, name: String, region: String)] = [
        ("yot-cardiff", "Cardiff Youth Justice Service", "Wales"),
        ("yot-leeds", "Leeds Youth Justice Service", "North East"),
        ("yot-wolverhampton", "Wolverhampton Youth Offending Team", "Midlands"),
    ]
}
