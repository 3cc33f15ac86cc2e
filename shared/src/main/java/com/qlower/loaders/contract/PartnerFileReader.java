package com.qlower.loaders.contract;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.errors.ContractViolation;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a partner file as a stream, record by record: memory holds one record at a time, whatever the size of
 * the file. Checks the bytes (UTF-8, with or without a BOM), the JSON and the envelope against the key; hands
 * each record to a visitor. Whole-file problems are thrown as {@link ContractViolation}.
 */
public final class PartnerFileReader {

    /** Receives each record, in file order, with its zero-based index. */
    @FunctionalInterface
    public interface RecordVisitor {
        void visit(long index, JsonNode record);
    }

    private final ObjectMapper mapper = ContractJson.partnerFileMapper();
    private final RecordValidator validator;

    public PartnerFileReader(RecordValidator validator) {
        this.validator = validator;
    }

    /**
     * Streams the file, calling {@code visitor} for each record, and returns the envelope once the whole file is
     * read and checked.
     *
     * @throws ContractViolation when the bytes, the JSON or the envelope break the contract
     */
    public Envelope read(InputStream input, PartnerFileName name, RecordVisitor visitor) {
        try {
            InputStream utf8 = checkEncoding(input);
            // Jackson's byte parser lets overlong forms and encoded surrogates through; the JDK's decoder,
            // told to report, refuses every malformed sequence
            Reader strictUtf8 = new InputStreamReader(utf8, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
            try (JsonParser parser = mapper.createParser(strictUtf8)) {
                return readEnvelope(parser, name, visitor);
            }
        } catch (CharacterCodingException e) {
            throw new ContractViolation(FileError.ofFile(ErrorCode.INVALID_UTF8, Message.of(
                    "le fichier contient des octets qui ne sont pas de l'UTF-8 valide : exportez-le en UTF-8",
                    "the file holds bytes that are not valid UTF-8: export it as UTF-8"), null));
        } catch (StreamConstraintsException e) {
            throw new ContractViolation(syntaxError(ErrorCode.JSON_LIMIT_EXCEEDED, Message.of(
                    "une limite du contrat est dépassée : " + e.getOriginalMessage(),
                    "a limit of the contract is exceeded: " + e.getOriginalMessage()), e.getLocation()));
        } catch (JsonProcessingException e) {
            ErrorCode code = classify(e);
            throw new ContractViolation(syntaxError(code, syntaxMessage(code, e.getOriginalMessage()),
                    e.getLocation()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name.key(), e);
        }
    }

    private Envelope readEnvelope(JsonParser parser, PartnerFileName name, RecordVisitor visitor) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new ContractViolation(FileError.ofFile(ErrorCode.FILE_EMPTY, Message.of(
                    "le fichier ne contient aucun JSON", "the file holds no JSON"), null));
        }
        if (first != JsonToken.START_OBJECT) {
            throw new ContractViolation(syntaxError(ErrorCode.ENVELOPE_NOT_OBJECT, Message.of(
                    "le fichier doit être un seul objet JSON (l'enveloppe)",
                    "the file must be one JSON object (the envelope)"), parser.currentTokenLocation()));
        }
        ObjectNode envelope = mapper.createObjectNode();
        long recordsSeen = 0;
        boolean recordsPresent = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("records".equals(field)) {
                if (value != JsonToken.START_ARRAY) {
                    throw new ContractViolation(FileError.atPointer(ErrorCode.RECORDS_NOT_ARRAY, Message.of(
                            "records doit être un tableau", "records must be an array"), "/records"));
                }
                recordsPresent = true;
                recordsSeen = readRecords(parser, visitor);
            } else {
                envelope.set(field, mapper.readTree(parser));
            }
        }
        JsonLocation trailing = null;
        try {
            if (parser.nextToken() != null) {
                trailing = parser.currentTokenLocation();
            }
        } catch (JsonProcessingException e) {
            trailing = e.getLocation(); // junk that is not even JSON is still content after the envelope
        }
        if (trailing != null) {
            throw new ContractViolation(syntaxError(ErrorCode.JSON_TRAILING_CONTENT, Message.of(
                    "du contenu suit la fin de l'enveloppe", "content after the end of the envelope"), trailing));
        }
        if (recordsPresent) {
            envelope.putArray("records");
        }
        return checkEnvelope(envelope, name, recordsSeen);
    }

    private long readRecords(JsonParser parser, RecordVisitor visitor) throws IOException {
        long index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonNode record = mapper.readTree(parser);
            visitor.visit(index++, record);
        }
        return index;
    }

    private Envelope checkEnvelope(ObjectNode envelope, PartnerFileName name, long recordsSeen) {
        List<FileError> errors = new ArrayList<>(validator.validateEnvelope(name.loader(), envelope));
        if (!errors.isEmpty()) {
            throw new ContractViolation(errors);
        }
        Envelope parsed = new Envelope(
                envelope.get("schema_version").asText(),
                envelope.get("partner_id").asText(),
                Loader.fromWireName(envelope.get("loader").asText()).orElseThrow(),
                Mode.fromWireName(envelope.get("mode").asText()),
                LocalDate.parse(envelope.get("snapshot_date").asText()),
                Instant.parse(envelope.get("generated_at").asText()),
                envelope.get("record_count").canConvertToLong() ? envelope.get("record_count").longValue() : -1);
        if (!parsed.partnerId().equals(name.partnerId())) {
            errors.add(mismatch("/partner_id", Message.of(
                    "partner_id diffère du dossier partenaire de la clé",
                    "partner_id differs from the partner folder of the key"), parsed.partnerId()));
        }
        if (parsed.loader() != name.loader()) {
            errors.add(mismatch("/loader", Message.of(
                    "loader diffère du chargeur du nom de fichier",
                    "loader differs from the loader in the file name"), parsed.loader().wireName()));
        }
        if (!parsed.snapshotDate().equals(name.snapshotDate())) {
            errors.add(mismatch("/snapshot_date", Message.of(
                    "snapshot_date diffère de la date du nom de fichier",
                    "snapshot_date differs from the date in the file name"), parsed.snapshotDate().toString()));
        }
        if (parsed.recordCount() != recordsSeen) {
            // the announced count as written: a number beyond a long must not wrap into a plausible one
            String announced = envelope.get("record_count").asText();
            errors.add(new FileError(ErrorCode.RECORD_COUNT_MISMATCH, Message.of(
                    "record_count annonce " + announced + " enregistrements mais le fichier en contient "
                            + recordsSeen + " : l'export est-il tronqué ?",
                    "record_count says " + announced + " but the file holds " + recordsSeen
                            + " records: is the export truncated?"),
                    null, "/record_count", null, null, announced));
        }
        if (!errors.isEmpty()) {
            throw new ContractViolation(errors);
        }
        return parsed;
    }

    /**
     * Accepts UTF-8 with or without a BOM, the same way every time; refuses UTF-16 and UTF-32 explicitly, by
     * their BOM or by the zero bytes they put around the first ASCII character.
     */
    static InputStream checkEncoding(InputStream input) throws IOException {
        PushbackInputStream in = new PushbackInputStream(input, 4);
        byte[] head = in.readNBytes(4);
        int n = head.length;
        if (n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            in.unread(head, 3, n - 3);
            return in;
        }
        boolean utf16Bom = n >= 2 && (((head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF)
                || ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE));
        boolean zeroBytes = false;
        for (int i = 0; i < n; i++) {
            zeroBytes |= head[i] == 0;
        }
        if (utf16Bom || zeroBytes) {
            throw new ContractViolation(FileError.ofFile(ErrorCode.ENCODING_NOT_UTF8, Message.of(
                    "le fichier n'est pas en UTF-8 (il semble en UTF-16 ou UTF-32) : exportez-le en UTF-8",
                    "the file is not UTF-8 (it looks like UTF-16 or UTF-32): export it as UTF-8"), null));
        }
        in.unread(head, 0, n);
        return in;
    }

    private static ErrorCode classify(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("Invalid UTF-8") || message.contains("Invalid UTF8")) {
            return ErrorCode.INVALID_UTF8;
        }
        if (message.contains("Duplicate field") || message.contains("Duplicate Object property")) {
            return ErrorCode.JSON_DUPLICATE_KEY;
        }
        if (message.contains("end-of-input")) {
            return ErrorCode.JSON_TRUNCATED;
        }
        return ErrorCode.JSON_MALFORMED;
    }

    /** The parser's own words say where and what; the partner also gets the rule in their language. */
    private static Message syntaxMessage(ErrorCode code, String detail) {
        return switch (code) {
            case INVALID_UTF8 -> Message.of("octets UTF-8 invalides : " + detail, "invalid UTF-8 bytes: " + detail);
            case JSON_DUPLICATE_KEY -> Message.of("clé en double dans un objet JSON : " + detail,
                    "duplicate key in a JSON object: " + detail);
            case JSON_TRUNCATED -> Message.of("le JSON s'arrête avant sa fin : le fichier est-il tronqué ? " + detail,
                    "the JSON ends before it is complete: is the file truncated? " + detail);
            default -> Message.of("JSON mal formé : " + detail, "malformed JSON: " + detail);
        };
    }

    private static FileError syntaxError(ErrorCode code, Message message, JsonLocation location) {
        if (location == null) {
            return FileError.ofFile(code, message, null);
        }
        return FileError.atSyntax(code, message, location.getLineNr(), location.getColumnNr());
    }

    private static FileError mismatch(String pointer, Message message, String value) {
        return new FileError(ErrorCode.ENVELOPE_KEY_MISMATCH, message, null, pointer, null, null, value);
    }
}
