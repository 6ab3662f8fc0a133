import Foundation
import MultipartKit
import NIOCore
import Vapor

/// Receives an upload form (`multipart/form-data`) as it arrives, writing its file straight to
/// disk, so that a 500 MB upload never sits in the server's memory; the import reads the file
/// and deletes it.
///
/// The form's token is checked before a byte of the file is written: the `X-CSRF-Token` header
/// (scripts) or the form's `csrf` field, which Inspectorate's forms put before the file. A body
/// that is larger than the route allows, that does not arrive within `deadline`, or whose file
/// comes before a valid token is refused, and anything written for it is deleted.
struct UploadReceiver {
    struct ReceivedFile {
        let filename: String
        let path: String
        let size: Int

        func delete() { try? FileManager.default.removeItem(atPath: path) }
    }

    enum Failure: Error {
        case notMultipart, malformed, tooLarge(limit: Int), fieldTooLong(String), tokenMissing, moreThanOneFile

        var abort: Abort {
            switch self {
            case .notMultipart: Abort(.unsupportedMediaType, reason: "Send the file as a form upload (multipart/form-data).")
            case .malformed: Abort(.badRequest, reason: "The upload was cut short or is not a valid form upload. Try again.")
            case .tooLarge(let limit): Abort(.payloadTooLarge, reason: "The upload is larger than this page accepts (\(limit / 1024 / 1024) MB at most).")
            case .fieldTooLong(let name): Abort(.payloadTooLarge, reason: "The form's \"\(LogText.escaped(name, limit: 40))\" field is too long.")
            case .tokenMissing: Abort(.forbidden, reason: CSRFMiddleware.expired)
            case .moreThanOneFile: Abort(.badRequest, reason: "Upload one file at a time.")
            }
        }
    }

    /// Where uploads wait for their import: one directory per server, made on first use.
    let directory: String
    /// The most bytes of body (form fields and file together) the route accepts.
    let limit: Int
    /// The whole body must have arrived within this many seconds of the request's head.
    let deadline: Int
    /// The longest text field accepted; the token is 43 characters.
    static let fieldLimit = 4_096

    /// Receives the request's body. Returns the file, if the form had one that was not empty;
    /// the caller owns it and must delete it.
    func receive(_ request: Request, fileField: String = "file") async throws -> ReceivedFile? {
        guard let type = request.headers.contentType, type.type == "multipart", type.subType == "form-data",
            let boundary = type.parameters["boundary"], !boundary.isEmpty, boundary.utf8.count <= 200
        else {
            throw Failure.notMultipart.abort
        }
        let headerToken = request.headers.first(name: "X-CSRF-Token")
        let expected = request.session.data["csrf"]
        let isValid: @Sendable (String?) -> Bool = { sent in
            guard let sent, let expected else { return false }
            return Data(sent.utf8).constantTimeEquals(Data(expected.utf8))
        }
        let state = ReceiveState(path: directory + "/" + UUID().uuidString + ".upload")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try await withDeadline(seconds: deadline) {
                // The reader cleans up after itself: on a timeout it is still running.
                do {
                    try await consume(request.body, boundary: boundary, fileField: fileField, state: state) { isValid(headerToken) || isValid($0) }
                    try state.finish()
                } catch {
                    state.discard()
                    throw error
                }
            }
        } catch let failure as Failure {
            throw failure.abort
        }
        guard state.tokenChecked || isValid(headerToken) || isValid(state.fields["csrf"]) else {
            state.discard()
            throw Failure.tokenMissing.abort
        }
        guard let filename = state.filename, state.written > 0 else {
            state.discard()
            return nil
        }
        return ReceivedFile(filename: filename, path: state.path, size: state.written)
    }

    /// A sent file's own name, without any folders a browser or script sent with it, at most 200
    /// characters; "upload.csv" when it has none.
    static func ownName(_ sent: String) -> String {
        let name = sent.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        return name.isEmpty ? "upload.csv" : String(name.prefix(200))
    }

    /// Deletes uploads left a day or more ago: their import never finished because the server
    /// stopped. Younger files may belong to another instance sharing the directory.
    static func removeAbandoned(in directory: String, logger: Logger) {
        let files = FileManager.default
        guard let names = try? files.contentsOfDirectory(atPath: directory) else { return }
        let cutoff = Date().addingTimeInterval(-24 * 60 * 60)
        for name in names where name.hasSuffix(".upload") {
            let path = directory + "/" + name
            if let modified = try? files.attributesOfItem(atPath: path)[.modificationDate] as? Date, modified < cutoff {
                try? files.removeItem(atPath: path)
                logger.info("Removed an abandoned upload, \(name)")
            }
        }
    }

    private func consume(
        _ body: Request.Body, boundary: String, fileField: String, state: ReceiveState, tokenIsValid: @escaping @Sendable (String?) -> Bool
    ) async throws {
        let parser = MultipartParser(boundary: boundary)
        var failure: Error?
        parser.onHeader = { name, value in state.header(name, value) }
        parser.onBody = { chunk in
            guard failure == nil else { return }
            do { try state.take(&chunk, fileField: fileField, tokenIsValid: tokenIsValid) } catch { failure = error }
        }
        parser.onPartComplete = { state.endPart() }
        var received = 0
        // The body's last bytes: a whole form ends with its closing delimiter, `--boundary--`.
        // (The standard allows an epilogue after it; browsers, curl and scripts send none.)
        let closing = Array("--\(boundary)--".utf8)
        var tail: [UInt8] = []
        for try await chunk in body {
            received += chunk.readableBytes
            if received > limit { throw Failure.tooLarge(limit: limit) }
            do { try parser.execute(chunk) } catch { throw Failure.malformed }
            if let failure { throw failure }
            try state.flush()
            let view = chunk.readableBytesView
            tail = (tail + view.dropFirst(max(0, view.count - closing.count - 2))).suffix(closing.count + 2)
        }
        // A body cut short, even between parts, is refused rather than imported as though it
        // were the whole file.
        while let last = tail.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: "\n") { tail.removeLast() }
        guard state.partsSeen > 0, tail.suffix(closing.count).elementsEqual(closing) else { throw Failure.malformed }
    }
}

/// The parse's running state: the current part's headers, the small fields so far, and the
/// file being written. Used from one task only.
private final class ReceiveState: @unchecked Sendable {
    let path: String
    var headers: [String: String] = [:]
    var fields: [String: String] = [:]
    var filename: String?
    var written = 0
    var tokenChecked = false
    private(set) var partsSeen = 0
    private var partName: String?
    private var partIsFile = false
    private var field: [UInt8] = []
    private var pending = ByteBuffer()
    private var handle: FileHandle?

    init(path: String) { self.path = path }

    func header(_ name: String, _ value: String) {
        headers[name.lowercased()] = value
    }

    /// One chunk of the current part's body.
    func take(_ chunk: inout ByteBuffer, fileField: String, tokenIsValid: (String?) -> Bool) throws {
        if partName == nil { try startPart(fileField: fileField) }
        if partIsFile {
            if handle == nil {
                guard tokenIsValid(fields["csrf"]) else { throw UploadReceiver.Failure.tokenMissing }
                tokenChecked = true
                guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                    let opened = FileHandle(forWritingAtPath: path)
                else {
                    throw Abort(.insufficientStorage, reason: "The upload could not be stored on the server. Tell the system administrator.")
                }
                handle = opened
                filename = Self.safeFilename(headers["content-disposition"])
            }
            written += chunk.readableBytes
            pending.writeBuffer(&chunk)
        } else {
            guard field.count + chunk.readableBytes <= UploadReceiver.fieldLimit else { throw UploadReceiver.Failure.fieldTooLong(partName ?? "") }
            field += chunk.readableBytesView
        }
    }

    private func startPart(fileField: String) throws {
        let disposition = headers["content-disposition"] ?? ""
        partName = Self.parameter("name", in: disposition) ?? ""
        partIsFile = partName == fileField && Self.parameter("filename", in: disposition) != nil
        if partIsFile, filename != nil { throw UploadReceiver.Failure.moreThanOneFile }
    }

    func endPart() {
        if partName == nil, headers["content-disposition"] != nil { try? startPart(fileField: "") }  // an empty part
        if let name = partName, !partIsFile, fields[name] == nil { fields[name] = String(decoding: field, as: UTF8.self) }
        if partIsFile { try? flush() }
        partsSeen += 1
        headers = [:]
        partName = nil
        partIsFile = false
        field = []
    }

    /// Writes what has arrived of the file since the last chunk.
    func flush() throws {
        guard let handle, pending.readableBytes > 0 else { return }
        try handle.write(contentsOf: pending.readableBytesView)
        pending.clear()
    }

    func finish() throws {
        try flush()
        try handle?.synchronize()
        try handle?.close()
        handle = nil
    }

    func discard() {
        try? handle?.close()
        handle = nil
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The file's own name, without any folders a browser or script sent with it.
    static func safeFilename(_ disposition: String?) -> String {
        UploadReceiver.ownName(disposition.flatMap { parameter("filename", in: $0) } ?? "")
    }

    /// A parameter of a `Content-Disposition` header, quoted or not.
    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
