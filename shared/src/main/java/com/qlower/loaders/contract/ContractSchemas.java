package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The contract's published JSON Schemas ({@code contract/v1/{loader}.schema.json}) for {@link RecordValidator}: each
 * loader's envelope and record types, with the validator's messages in English and, for a value that has errors, in
 * French; and, where wanted, each one's {@link SchemaShortcut}, which decides most values alone. The full schemas,
 * a few tenths of a second to compile at a cold start, are compiled per loader and per language at their first
 * need: in English for a value its shortcut does not find valid, in French for one with errors.
 */
final class ContractSchemas {

    static final String SCHEMA_ID_PREFIX = "https://schemas.qlower.com/loaders/";
    static final String SCHEMA_RESOURCE_PREFIX = "classpath:contract/";
    /** The {@code $defs} entry of a record with {@code "action": "retire"}, in every loader's schema. */
    static final String RETIREMENT = "retirement";
    /** The languages the full schemas speak: English for every value they check, French for one with errors. */
    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH);

    /** A schema message with its French twin. */
    record SchemaMessage(ValidationMessage english, Message message) {
    }

    private record LoaderSchemas(JsonSchema envelope, Map<String, JsonSchema> recordByType) {
    }

    /**
     * A loader's shortcuts: its envelope's (the whole document: the reader hands the envelope over with an empty
     * {@code records} array, so no record is checked through it) and each record schema's.
     */
    private record LoaderShortcuts(SchemaShortcut envelope, Map<String, SchemaShortcut> recordByType) {
    }

    private final Map<Loader, Set<String>> schemaNames = new EnumMap<>(Loader.class);
    /** Empty without shortcuts. */
    private final Map<Loader, LoaderShortcuts> shortcuts = new EnumMap<>(Loader.class);
    /** The full schemas compiled so far, by loader then language; written only under {@link #compiling}. */
    private final Map<Loader, Map<Locale, LoaderSchemas>> compiled = new ConcurrentHashMap<>();
    /**
     * One compilation at a time: files validated concurrently (the local runner) may need the same schemas at once,
     * and they share the factory and its cache of schema documents.
     */
    private final Object compiling = new Object();
    /** Guarded by {@link #compiling}; made with the first schema, so that a file that needs none loads none of it. */
    private JsonSchemaFactory factory;

    ContractSchemas(boolean withShortcuts) {
        for (Loader loader : Loader.values()) {
            schemaNames.put(loader, Set.copyOf(schemaNamesOf(loader)));
            if (withShortcuts) {
                shortcuts.put(loader, shortcutsOf(loader));
            }
        }
    }

    /** Whether the loader has a record schema of this name (a record type, or {@link #RETIREMENT}). */
    boolean hasRecordSchema(Loader loader, String schemaName) {
        return schemaNames.get(loader).contains(schemaName);
    }

    /** The record schema's shortcut, or null when there is none. */
    SchemaShortcut shortcut(Loader loader, String schemaName) {
        LoaderShortcuts quick = shortcuts.get(loader);
        return quick == null ? null : quick.recordByType().get(schemaName);
    }

    List<SchemaMessage> validateEnvelope(Loader loader, JsonNode envelope) {
        LoaderShortcuts quick = shortcuts.get(loader);
        if (quick != null && quick.envelope().check(envelope) == SchemaShortcut.Verdict.VALID) {
            return List.of();
        }
        return bilingual(loader, LoaderSchemas::envelope, envelope, m -> true);
    }

    /** @param keep which of the schema's messages to keep (the others are said elsewhere, or better) */
    List<SchemaMessage> validateRecord(Loader loader, String schemaName, JsonNode record,
                                       Predicate<ValidationMessage> keep) {
        return bilingual(loader, schemas -> schemas.recordByType().get(schemaName), record, keep);
    }

    /** Compiles every loader's full schemas in both languages now, so that no later validation compiles any. */
    void compileAll() {
        for (Loader loader : Loader.values()) {
            LANGUAGES.forEach(language -> compiled(loader, language));
        }
    }

    /** Whether the loader's full schemas in {@code language} are compiled. */
    boolean isCompiled(Loader loader, Locale language) {
        return compiled.getOrDefault(loader, Map.of()).containsKey(language);
    }

    /**
     * Validates with the English schema; only when there are errors, again with the French one, and pairs the two
     * lists by where and which rule, which do not depend on the language.
     */
    private List<SchemaMessage> bilingual(Loader loader, Function<LoaderSchemas, JsonSchema> schema, JsonNode node,
                                          Predicate<ValidationMessage> keep) {
        List<ValidationMessage> en = sorted(schema.apply(compiled(loader, Locale.ENGLISH)).validate(node), keep);
        if (en.isEmpty()) {
            return List.of();
        }
        List<ValidationMessage> fr = sorted(schema.apply(compiled(loader, Locale.FRENCH)).validate(node), keep);
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

    /** The loader's full schemas in {@code language}, compiled at the first call. */
    private LoaderSchemas compiled(Loader loader, Locale language) {
        LoaderSchemas known = compiled.getOrDefault(loader, Map.of()).get(language);
        if (known != null) {
            return known;
        }
        synchronized (compiling) {
            Map<Locale, LoaderSchemas> byLanguage = compiled.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
            LoaderSchemas schemas = byLanguage.get(language);
            if (schemas == null) {
                schemas = compile(loader, language);
                byLanguage.put(language, schemas);
            }
            return schemas;
        }
    }

    /** Called under {@link #compiling}. */
    private LoaderSchemas compile(Loader loader, Locale language) {
        if (factory == null) {
            factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                    builder -> builder.schemaMappers(m -> m.mapPrefix(SCHEMA_ID_PREFIX, SCHEMA_RESOURCE_PREFIX)));
        }
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .locale(language)
                .build();
        String base = SCHEMA_RESOURCE_PREFIX + "v1/" + loader.wireName() + ".schema.json";
        JsonSchema envelope = factory.getSchema(SchemaLocation.of(base), config);
        Map<String, JsonSchema> byType = new HashMap<>();
        for (String type : schemaNames.get(loader)) {
            byType.put(type, factory.getSchema(SchemaLocation.of(base + "#/$defs/" + type), config));
        }
        envelope.initializeValidators();
        byType.values().forEach(JsonSchema::initializeValidators);
        return new LoaderSchemas(envelope, Map.copyOf(byType));
    }

    private static LoaderShortcuts shortcutsOf(Loader loader) {
        String resource = "contract/v1/" + loader.wireName() + ".schema.json";
        try (var in = ContractSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            JsonNode document = ContractJson.internalMapper().readTree(Objects.requireNonNull(in, resource));
            Map<String, SchemaShortcut> byType = new HashMap<>();
            for (String type : schemaNamesOf(loader)) {
                byType.put(type, SchemaShortcut.of(document, "/$defs/" + type));
            }
            return new LoaderShortcuts(SchemaShortcut.of(document, ""), Map.copyOf(byType));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The loader's record types, and the retirement every loader takes. */
    private static List<String> schemaNamesOf(Loader loader) {
        List<String> all = new ArrayList<>(RecordValidator.recordTypes(loader));
        all.add(RETIREMENT);
        return all;
    }
}
