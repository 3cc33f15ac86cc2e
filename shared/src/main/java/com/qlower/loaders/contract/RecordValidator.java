package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.PartnerMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks envelopes and records against the published JSON Schemas of the contract
 * ({@code contract/v1/{loader}.schema.json}, {@link ContractSchemas}), then the rules a schema cannot say
 * ({@link RulesBeyondSchema}): exact money, check digits, supported currency, dates not in the future. Built once per
 * cold start. The full schemas are compiled at their first need (the first value their {@link SchemaShortcut} does
 * not find valid), or before a SnapStart snapshot by {@link #prepareFullSchemas}.
 */
public final class RecordValidator {

    private final ContractSchemas schemas;
    private final Map<Loader, ContractFields> fields = new EnumMap<>(Loader.class);
    private final RulesBeyondSchema rulesBeyondSchema;

    public RecordValidator(Clock clock) {
        this(clock, true);
    }

    /**
     * The full schema walk for every record, without the {@link SchemaShortcut} that spares it to records it finds
     * valid: the reference the shortcut is proved against (ContractShortcutAgreementTest).
     */
    public static RecordValidator schemaOnly(Clock clock) {
        return new RecordValidator(clock, false);
    }

    private RecordValidator(Clock clock, boolean withShortcuts) {
        this.schemas = new ContractSchemas(withShortcuts);
        this.rulesBeyondSchema = new RulesBeyondSchema(clock);
        for (Loader loader : Loader.values()) {
            fields.put(loader, ContractFields.of(loader));
        }
    }

    /**
     * Compiles every loader's full schemas, in both languages, now rather than at their first need: before a
     * SnapStart snapshot, so that no instance restored from it compiles them.
     */
    public void prepareFullSchemas() {
        schemas.compileAll();
    }

    /** Whether the loader's full schemas in {@code language} (English or French) are compiled yet. */
    public boolean fullSchemasCompiled(Loader loader, Locale language) {
        return schemas.isCompiled(loader, language);
    }

    /** Whether a record asks to retire what it names ({@code "action": "retire"}) rather than to upsert it. */
    public static boolean isRetirement(JsonNode record) {
        return "retire".equals(record.path("action").asText(null));
    }

    /** The record types of a loader, as named in its schema's {@code $defs}. */
    public static List<String> recordTypes(Loader loader) {
        return switch (loader) {
            case CARACTERISTIQUES -> List.of("owner", "property", "erasure_request");
            case TRANSACTIONS -> List.of("transaction");
            case DOCUMENTS -> List.of("document");
        };
    }

    /** The record's type: its {@code type} field for caracteristiques, the loader's single type otherwise. */
    public static String recordTypeOf(Loader loader, JsonNode record) {
        return loader == Loader.CARACTERISTIQUES ? record.path("type").asText("") : recordTypes(loader).get(0);
    }

    /** Validates the envelope fields; {@code envelope} holds them with an empty {@code records} array. */
    public List<FileError> validateEnvelope(Loader loader, ObjectNode envelope) {
        return schemas.validateEnvelope(loader, envelope).stream().map(SchemaErrors::envelopeError).toList();
    }

    /**
     * A record as the contract reads it: tolerantly ({@link TolerantReading}: {@code null} in an optional field is
     * the field left out, a decimal string where a number is taken is that number), then checked.
     *
     * @param record the record as it is staged when accepted (the partner's own when it was not an object)
     * @param errors every error; empty when the record is accepted
     */
    public record ReadRecord(JsonNode record, List<FileError> errors) {

        public boolean accepted() {
            return errors.isEmpty();
        }
    }

    /** Every error of one record; an empty list means the record is accepted. */
    public List<FileError> validateRecord(Loader loader, long index, JsonNode record) {
        return read(loader, index, record).errors();
    }

    /** Reads one record tolerantly and checks it: the record to stage, or its errors. */
    public ReadRecord read(Loader loader, long index, JsonNode partnerRecord) {
        return read(loader, index, partnerRecord, null);
    }

    /**
     * Reads one record through the partner's profile (none when null), then tolerantly, and checks it: the record
     * to stage, or its errors, pointed at the partner's own fields.
     */
    ReadRecord read(Loader loader, long index, JsonNode partnerRecord, ProfileReading profile) {
        if (profile == null || !(partnerRecord instanceof ObjectNode object)) {
            return readContract(loader, index, partnerRecord);
        }
        ReadRecord read = readContract(loader, index, profile.read(loader, fields.get(loader), object));
        return new ReadRecord(read.record(), profile.inPartnerWords(loader, read.errors()));
    }

    private ReadRecord readContract(Loader loader, long index, JsonNode partnerRecord) {
        if (!partnerRecord.isObject()) {
            return new ReadRecord(partnerRecord, List.of(FileError.ofRecord(ErrorCode.RECORD_NOT_OBJECT,
                    PartnerMessage.RECORD_NOT_OBJECT.message(), index, null, partnerRecord.getNodeType().toString())));
        }
        String type = recordTypeOf(loader, partnerRecord);
        if (!schemas.hasRecordSchema(loader, type)) {
            return new ReadRecord(partnerRecord, List.of(FileError.ofRecord(ErrorCode.RECORD_TYPE_UNKNOWN,
                    PartnerMessage.RECORD_TYPE_UNKNOWN.with("types", recordTypes(loader)), index, "/type",
                    partnerRecord.path("type").asText(null))));
        }
        boolean retirement = isRetirement(partnerRecord);
        String schemaName = retirement ? ContractSchemas.RETIREMENT : type;
        ContractFields contract = fields.get(loader);
        // what the reading and the storable-value rules found is said once, in their words, not again by the schema
        List<FileError> readErrors = new ArrayList<>();
        JsonNode record = TolerantReading.read(retirement ? List.of() : contract.fields(type), index, partnerRecord,
                readErrors);
        StorableValues.check(contract, retirement ? "" : type, index, record, readErrors);
        Set<String> located = new HashSet<>();
        readErrors.forEach(e -> located.add(relative(e.pointer(), index)));
        List<FileError> errors = new ArrayList<>(readErrors);
        List<String> moneyFields = retirement ? List.of() : RulesBeyondSchema.moneyFields(type);
        SchemaShortcut shortcut = schemas.shortcut(loader, schemaName);
        if (shortcut == null || shortcut.check(record) != SchemaShortcut.Verdict.VALID) {
            // a money string's pattern says little; checkMoney below says what is wrong with the amount
            schemas.validateRecord(loader, schemaName, record,
                    m -> !("pattern".equals(m.getType())
                            && moneyFields.contains(SchemaErrors.pointerOf(m).substring(1)))
                            && !located.contains(SchemaErrors.pointerOf(m)))
                    .forEach(m -> errors.add(SchemaErrors.recordError(contract, type, index, m)));
        }
        moneyFields.stream().filter(field -> !located.contains("/" + field))
                .forEach(field -> RulesBeyondSchema.checkMoney(index, record, field, errors));
        if (errors.isEmpty() && !retirement) {
            rulesBeyondSchema.check(type, index, record, errors);
        }
        return new ReadRecord(record, List.copyOf(errors));
    }

    /** A record error's pointer within its record: {@code /records/3/amount} is {@code /amount} of record 3. */
    private static String relative(String pointer, long index) {
        String prefix = "/records/" + index;
        return pointer != null && pointer.startsWith(prefix) ? pointer.substring(prefix.length()) : pointer;
    }
}
