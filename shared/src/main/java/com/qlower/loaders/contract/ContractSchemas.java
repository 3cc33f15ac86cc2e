package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.qlower.loaders.errors.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The contract's published JSON Schemas ({@code contract/v1/{loader}.schema.json}) compiled once for
 * {@link RecordValidator}: each loader's envelope and record types, with the validator's messages in English and, for
 * a value that has errors, in French; and each record schema's {@link SchemaShortcut} where one is wanted.
 */
final class ContractSchemas {

    static final String SCHEMA_ID_PREFIX = "https://schemas.qlower.com/loaders/";
    static final String SCHEMA_RESOURCE_PREFIX = "classpath:contract/";
    /** The {@code $defs} entry of a record with {@code "action": "retire"}, in every loader's schema. */
    static final String RETIREMENT = "retirement";

    /** A schema message with its French twin. */
    record SchemaMessage(ValidationMessage english, Message message) {
    }

    private record LoaderSchemas(JsonSchema envelope, Map<String, JsonSchema> recordByType) {
    }

    private final Map<Loader, LoaderSchemas> english = new EnumMap<>(Loader.class);
    /** The same schemas, with the validator's messages in French: used only for a value that has errors. */
    private final Map<Loader, LoaderSchemas> french = new EnumMap<>(Loader.class);
    /** Each record schema's quick first look; empty without shortcuts. */
    private final Map<Loader, Map<String, SchemaShortcut>> shortcuts = new EnumMap<>(Loader.class);

    ContractSchemas(boolean withShortcuts) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(m -> m.mapPrefix(SCHEMA_ID_PREFIX, SCHEMA_RESOURCE_PREFIX)));
        compile(factory, Locale.ENGLISH, english);
        compile(factory, Locale.FRENCH, french);
        if (withShortcuts) {
            for (Loader loader : Loader.values()) {
                shortcuts.put(loader, shortcutsOf(loader));
            }
        }
    }

    /** Whether the loader has a record schema of this name (a record type, or {@link #RETIREMENT}). */
    boolean hasRecordSchema(Loader loader, String schemaName) {
        return english.get(loader).recordByType().containsKey(schemaName);
    }

    /** The record schema's shortcut, or null when there is none. */
    SchemaShortcut shortcut(Loader loader, String schemaName) {
        return shortcuts.getOrDefault(loader, Map.of()).get(schemaName);
    }

    List<SchemaMessage> validateEnvelope(Loader loader, JsonNode envelope) {
        return bilingual(english.get(loader).envelope(), french.get(loader).envelope(), envelope, m -> true);
    }

    /** @param keep which of the schema's messages to keep (the others are said elsewhere, or better) */
    List<SchemaMessage> validateRecord(Loader loader, String schemaName, JsonNode record,
                                       Predicate<ValidationMessage> keep) {
        return bilingual(english.get(loader).recordByType().get(schemaName),
                french.get(loader).recordByType().get(schemaName), record, keep);
    }

    /**
     * Validates with the English schema; only when there are errors, again with the French one, and pairs the two
     * lists by where and which rule, which do not depend on the language.
     */
    private static List<SchemaMessage> bilingual(JsonSchema english, JsonSchema french, JsonNode node,
                                                 Predicate<ValidationMessage> keep) {
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
                                                  Predicate<ValidationMessage> keep) {
        return messages.stream().filter(keep)
                .sorted(Comparator.comparing(SchemaErrors::pointerOf)
                        .thenComparing(ValidationMessage::getType)
                        .thenComparing(m -> String.valueOf(m.getEvaluationPath())))
                .toList();
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
            Map<String, JsonSchema> byType = new HashMap<>();
            for (String type : schemaNames(loader)) {
                byType.put(type, factory.getSchema(SchemaLocation.of(base + "#/$defs/" + type), config));
            }
            envelope.initializeValidators();
            byType.values().forEach(JsonSchema::initializeValidators);
            into.put(loader, new LoaderSchemas(envelope, Map.copyOf(byType)));
        }
    }

    private static Map<String, SchemaShortcut> shortcutsOf(Loader loader) {
        String resource = "contract/v1/" + loader.wireName() + ".schema.json";
        try (var in = ContractSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            JsonNode document = new ObjectMapper().readTree(Objects.requireNonNull(in, resource));
            Map<String, SchemaShortcut> byType = new HashMap<>();
            for (String type : schemaNames(loader)) {
                byType.put(type, SchemaShortcut.of(document, "/$defs/" + type));
            }
            return Map.copyOf(byType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The loader's record types, and the retirement every loader takes. */
    private static List<String> schemaNames(Loader loader) {
        List<String> all = new ArrayList<>(RecordValidator.recordTypes(loader));
        all.add(RETIREMENT);
        return all;
    }
}
