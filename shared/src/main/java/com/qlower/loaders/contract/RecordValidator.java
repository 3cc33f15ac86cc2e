package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.errors.PartnerMessage;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks envelopes and records against the published JSON Schemas of the contract
 * ({@code contract/v1/{loader}.schema.json}), then the rules a schema cannot say: exact money, check digits,
 * supported currency, dates not in the future. Built once per cold start: compiling schemas is not free.
 */
public final class RecordValidator {

    static final String SCHEMA_ID_PREFIX = "https://schemas.qlower.com/loaders/";
    static final String SCHEMA_RESOURCE_PREFIX = "classpath:contract/";
    private static final Map<String, List<String>> MONEY_FIELDS = Map.of(
            "property", List.of("acquisition_price", "notary_fees", "agency_fees", "furniture_value"),
            "transaction", List.of("amount"));
    private static final String SUPPORTED_CURRENCY = "EUR";
    /** The {@code $defs} entry of a record with {@code "action": "retire"}, in every loader's schema. */
    static final String RETIREMENT = "retirement";

    private final Map<Loader, LoaderSchemas> schemas = new EnumMap<>(Loader.class);
    /** The same schemas, with the validator's messages in French: used only for a record that has errors. */
    private final Map<Loader, LoaderSchemas> frenchSchemas = new EnumMap<>(Loader.class);
    private final Map<Loader, ContractFields> fields = new EnumMap<>(Loader.class);
    /** Each record schema's quick first look; empty for {@link #schemaOnly}. */
    private final Map<Loader, Map<String, SchemaShortcut>> shortcuts = new EnumMap<>(Loader.class);
    private final Clock clock;

    private record LoaderSchemas(JsonSchema envelope, Map<String, JsonSchema> recordByType) {
    }

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
        this.clock = clock;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(m -> m.mapPrefix(SCHEMA_ID_PREFIX, SCHEMA_RESOURCE_PREFIX)));
        compile(factory, Locale.ENGLISH, schemas);
        compile(factory, Locale.FRENCH, frenchSchemas);
        for (Loader loader : Loader.values()) {
            fields.put(loader, ContractFields.of(loader));
            if (withShortcuts) {
                shortcuts.put(loader, shortcutsOf(loader));
            }
        }
    }

    private static Map<String, SchemaShortcut> shortcutsOf(Loader loader) {
        String resource = "contract/v1/" + loader.wireName() + ".schema.json";
        try (var in = RecordValidator.class.getClassLoader().getResourceAsStream(resource)) {
            JsonNode document = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(java.util.Objects.requireNonNull(in, resource));
            Map<String, SchemaShortcut> byType = new java.util.HashMap<>();
            for (String type : concat(recordTypes(loader), RETIREMENT)) {
                byType.put(type, SchemaShortcut.of(document, "/$defs/" + type));
            }
            return Map.copyOf(byType);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void compile(JsonSchemaFactory factory, Locale locale, Map<Loader, LoaderSchemas> into) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .locale(locale)
                .build();
        for (Loader loader : Loader.values()) {
            String base = SCHEMA_RESOURCE_PREFIX + "v1/" + loader.wireName() + ".schema.json";
            JsonSchema envelope = factory.getSchema(SchemaLocation.of(base), config);
            Map<String, JsonSchema> byType = new java.util.HashMap<>();
            for (String type : concat(recordTypes(loader), RETIREMENT)) {
                byType.put(type, factory.getSchema(SchemaLocation.of(base + "#/$defs/" + type), config));
            }
            envelope.initializeValidators();
            byType.values().forEach(JsonSchema::initializeValidators);
            into.put(loader, new LoaderSchemas(envelope, Map.copyOf(byType)));
        }
    }

    private static List<String> concat(List<String> types, String more) {
        List<String> all = new ArrayList<>(types);
        all.add(more);
        return all;
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

    /** Validates the envelope fields; {@code envelope} holds them with an empty {@code records} array. */
    public List<FileError> validateEnvelope(Loader loader, ObjectNode envelope) {
        return bilingual(schemas.get(loader).envelope(), frenchSchemas.get(loader).envelope(), envelope,
                m -> true).stream()
                .map(m -> FileError.atPointer(ErrorCode.ENVELOPE_INVALID, m.message(), pointerOf(m.english())))
                .toList();
    }

    /** A schema message with its French twin. */
    private record SchemaMessage(ValidationMessage english, Message message) {
    }

    /**
     * Validates with the English schema; only when there are errors, again with the French one, and pairs the two
     * lists by where and which rule, which do not depend on the language.
     */
    private static List<SchemaMessage> bilingual(JsonSchema english, JsonSchema french, JsonNode node,
                                                 java.util.function.Predicate<ValidationMessage> keep) {
        List<ValidationMessage> en = sorted(english.validate(node), keep);
        if (en.isEmpty()) {
            return List.of();
        }
        List<ValidationMessage> fr = sorted(french.validate(node), keep);
        List<SchemaMessage> paired = new ArrayList<>(en.size());
        for (int i = 0; i < en.size(); i++) {
            String frText = fr.size() == en.size() ? fr.get(i).getMessage() : en.get(i).getMessage();
            paired.add(new SchemaMessage(en.get(i), Message.of(frText, en.get(i).getMessage())));
        }
        return paired;
    }

    private static List<ValidationMessage> sorted(Set<ValidationMessage> messages,
                                                  java.util.function.Predicate<ValidationMessage> keep) {
        return messages.stream().filter(keep)
                .sorted(Comparator.comparing(RecordValidator::pointerOf)
                        .thenComparing(ValidationMessage::getType)
                        .thenComparing(m -> String.valueOf(m.getEvaluationPath())))
                .toList();
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
        JsonSchema schema = schemas.get(loader).recordByType().get(type);
        if (schema == null) {
            return new ReadRecord(partnerRecord, List.of(FileError.ofRecord(ErrorCode.RECORD_TYPE_UNKNOWN,
                    PartnerMessage.RECORD_TYPE_UNKNOWN.with("types", recordTypes(loader)), index, "/type",
                    partnerRecord.path("type").asText(null))));
        }
        boolean retirement = isRetirement(partnerRecord);
        String schemaName = retirement ? RETIREMENT : type;
        schema = schemas.get(loader).recordByType().get(schemaName);
        ContractFields contract = fields.get(loader);
        // what the reading and the storable-value rules found is said once, in their words, not again by the schema
        List<FileError> readErrors = new ArrayList<>();
        JsonNode record = TolerantReading.read(retirement ? List.of() : contract.fields(type), index, partnerRecord,
                readErrors);
        StorableValues.check(contract, retirement ? "" : type, index, record, readErrors);
        Set<String> located = new java.util.HashSet<>();
        readErrors.forEach(e -> located.add(relative(e.pointer(), index)));
        List<FileError> errors = new ArrayList<>(readErrors);
        List<String> moneyFields = retirement ? List.of() : MONEY_FIELDS.getOrDefault(type, List.of());
        SchemaShortcut shortcut = shortcuts.getOrDefault(loader, Map.of()).get(schemaName);
        if (shortcut == null || shortcut.check(record) != SchemaShortcut.Verdict.VALID) {
            // a money string's pattern says little; checkMoney below says what is wrong with the amount
            bilingual(schema, frenchSchemas.get(loader).recordByType().get(schemaName), record,
                    m -> !("pattern".equals(m.getType()) && moneyFields.contains(pointerOf(m).substring(1)))
                            && !located.contains(pointerOf(m)))
                    .forEach(m -> errors.add(schemaError(contract, type, index, m)));
        }
        moneyFields.stream().filter(field -> !located.contains("/" + field))
                .forEach(field -> checkMoney(index, record, field, errors));
        if (errors.isEmpty() && !retirement) {
            checkBeyondSchema(type, index, record, errors);
        }
        return new ReadRecord(record, List.copyOf(errors));
    }

    /** A record error's pointer within its record: {@code /records/3/amount} is {@code /amount} of record 3. */
    private static String relative(String pointer, long index) {
        String prefix = "/records/" + index;
        return pointer != null && pointer.startsWith(prefix) ? pointer.substring(prefix.length()) : pointer;
    }

    /**
     * A schema message as a record error. A coded value the contract does not know gets the accepted values and
     * the way out: the partner's own word can be mapped to one of them.
     */
    private static FileError schemaError(ContractFields contract, String type, long index, SchemaMessage m) {
        ValidationMessage english = m.english();
        String pointer = pointerOf(english);
        List<String> codes = "enum".equals(english.getType()) ? codesAt(contract.fields(type), pointer) : List.of();
        if (!codes.isEmpty() && english.getInstanceNode() != null && english.getInstanceNode().isTextual()) {
            String field = pointer.substring(pointer.lastIndexOf('/') + 1);
            String value = english.getInstanceNode().textValue();
            String accepted = String.join(", ", codes);
            return FileError.ofRecord(ErrorCode.FIELD_INVALID, PartnerMessage.FIELD_VALUE_NOT_ACCEPTED.with(
                    "field", field, "value", value, "accepted", accepted), index, pointer, value);
        }
        return FileError.ofRecord(codeOf(english), m.message(), index, pointer, valueOf(english));
    }

    /** The accepted values of the coded field at {@code pointer} ({@code /property_type}, {@code /a/b}). */
    private static List<String> codesAt(List<ContractFields.Field> fields, String pointer) {
        String[] names = pointer.substring(1).split("/");
        List<ContractFields.Field> level = fields;
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            ContractFields.Field found = level.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
            if (found == null) {
                return List.of();
            }
            if (i == names.length - 1) {
                return found.kind() == ContractFields.Kind.CODE ? found.codes() : List.of();
            }
            level = found.fields();
        }
        return List.of();
    }

    /** The record's type: its {@code type} field for caracteristiques, the loader's single type otherwise. */
    public static String recordTypeOf(Loader loader, JsonNode record) {
        return loader == Loader.CARACTERISTIQUES ? record.path("type").asText("") : recordTypes(loader).get(0);
    }

    private void checkBeyondSchema(String type, long index, JsonNode record, List<FileError> errors) {
        switch (type) {
            case "transaction" -> {
                String currency = record.path("currency").asText();
                if (!SUPPORTED_CURRENCY.equals(currency)) {
                    errors.add(FileError.ofRecord(ErrorCode.CURRENCY_UNSUPPORTED,
                            PartnerMessage.CURRENCY_UNSUPPORTED.message(), index, "/currency", currency));
                }
                JsonNode iban = record.get("bank_account_iban");
                if (iban != null && !Checksums.isValidIban(iban.asText())) {
                    errors.add(FileError.ofRecord(ErrorCode.IBAN_INVALID, PartnerMessage.IBAN_INVALID.message(), index, "/bank_account_iban", null));
                }
            }
            case "property" -> {
                for (String field : List.of("land_share_pct", "surface_m2")) {
                    JsonNode value = record.get(field);
                    // stored with 2 decimals: more would be rounded silently
                    if (value != null && value.isNumber() && value.decimalValue().stripTrailingZeros().scale() > 2) {
                        errors.add(FileError.ofRecord(ErrorCode.FIELD_INVALID,
                                PartnerMessage.FIELD_TOO_MANY_DECIMALS.with("field", field), index, "/" + field, value.asText()));
                    }
                }
                LocalDate acquired = LocalDate.parse(record.path("acquisition_date").asText());
                if (acquired.isAfter(LocalDate.now(clock))) {
                    errors.add(FileError.ofRecord(ErrorCode.DATE_IN_FUTURE, PartnerMessage.DATE_IN_FUTURE.message(), index, "/acquisition_date", acquired.toString()));
                }
            }
            case "owner" -> {
                JsonNode siren = record.get("siren");
                if (siren != null && !Checksums.isValidSiren(siren.asText())) {
                    errors.add(FileError.ofRecord(ErrorCode.SIREN_INVALID, PartnerMessage.SIREN_INVALID.message(), index, "/siren", siren.asText()));
                }
            }
            default -> {
                // documents: their content is checked by the transformer, which decodes it
            }
        }
    }

    private static void checkMoney(long index, JsonNode record, String field, List<FileError> errors) {
        JsonNode amount = record.get(field);
        if (amount == null) {
            return;
        }
        MoneyAmount.Problem problem = MoneyAmount.check(amount);
        if (problem == MoneyAmount.Problem.NOT_A_NUMBER) {
            if (amount.isTextual()) {
                errors.add(FileError.ofRecord(ErrorCode.FIELD_INVALID,
                        PartnerMessage.FIELD_NOT_A_DECIMAL.with("field", field), index, "/" + field,
                        amount.asText()));
            }
            // any other type was reported by the schema
        } else if (problem == MoneyAmount.Problem.TOO_MANY_DECIMALS) {
            errors.add(FileError.ofRecord(ErrorCode.MONEY_TOO_MANY_DECIMALS,
                    PartnerMessage.MONEY_TOO_MANY_DECIMALS.with("field", field), index, "/" + field, amount.asText()));
        } else if (problem != null) {
            errors.add(FileError.ofRecord(ErrorCode.MONEY_OUT_OF_RANGE, PartnerMessage.MONEY_OUT_OF_RANGE.with(
                    "field", field, "digits", MoneyAmount.MAX_INTEGER_DIGITS), index,
                    "/" + field, amount.asText()));
        }
    }

    private static ErrorCode codeOf(ValidationMessage m) {
        return switch (m.getType()) {
            case "required", "dependentRequired" -> ErrorCode.FIELD_MISSING;
            case "additionalProperties", "unevaluatedProperties" -> ErrorCode.FIELD_UNKNOWN;
            case "type" -> ErrorCode.FIELD_WRONG_TYPE;
            default -> ErrorCode.FIELD_INVALID;
        };
    }

    private static String pointerOf(ValidationMessage m) {
        String location = m.getInstanceLocation().toString();
        boolean namesAProperty = switch (m.getType()) {
            case "required", "dependentRequired", "additionalProperties", "unevaluatedProperties" -> true;
            default -> false;
        };
        if (namesAProperty && m.getProperty() != null) {
            return location + "/" + m.getProperty();
        }
        return location;
    }

    private static String valueOf(ValidationMessage m) {
        JsonNode node = m.getInstanceNode();
        if (node == null || node.isContainerNode() || codeOf(m) == ErrorCode.FIELD_MISSING) {
            return null;
        }
        return node.asText();
    }
}
