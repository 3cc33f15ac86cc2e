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
import com.qlower.loaders.domain.TransactionCategory;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a mapping profile written as JSON: first against its published schema
 * ({@code profile/mapping-profile.schema.json}, the same as {@code docs/mapping-profile.schema.json}), then against
 * the contract (a rename's target is a contract field, a value map's targets are accepted values...). Every
 * problem names the place in the profile it is about. The schema is compiled at the first check, or by
 * {@link #prepare} before a SnapStart snapshot: most files come from partners without a profile.
 */
public final class ProfileCheck {

    static final String SCHEMA_RESOURCE = "classpath:profile/mapping-profile.schema.json";

    /** The profile, or every problem of it (then null). */
    public record Verdict(MappingProfile profile, List<String> problems) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** Null until the first check; several files may be checked at once (the local runner). */
    private volatile JsonSchema schema;
    private final Object compiling = new Object();
    private final Map<Loader, Map<String, ContractFields.Field>> fieldsByPath = new EnumMap<>(Loader.class);

    public ProfileCheck() {
        for (Loader loader : Loader.values()) {
            fieldsByPath.put(loader, contractPaths(loader));
        }
    }

    /** Compiles the profile schema now rather than at the first check: before a SnapStart snapshot. */
    public void prepare() {
        schema();
    }

    /** Whether the profile schema is compiled yet. */
    public boolean schemaCompiled() {
        return schema != null;
    }

    private JsonSchema schema() {
        JsonSchema compiled = schema;
        if (compiled == null) {
            synchronized (compiling) {
                compiled = schema;
                if (compiled == null) {
                    compiled = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(
                            SchemaLocation.of(SCHEMA_RESOURCE), SchemaValidatorsConfig.builder()
                                    .pathType(PathType.JSON_POINTER).locale(java.util.Locale.ENGLISH).build());
                    schema = compiled;
                }
            }
        }
        return compiled;
    }

    /** Every path of the contract's fields of a loader, over its record types ({@code address/postal_code}). */
    static Map<String, ContractFields.Field> contractPaths(Loader loader) {
        ContractFields contract = ContractFields.of(loader);
        Map<String, ContractFields.Field> paths = new LinkedHashMap<>();
        for (String type : RecordValidator.recordTypes(loader)) {
            collect("", contract.fields(type), paths);
        }
        return paths;
    }

    static void collect(String prefix, List<ContractFields.Field> fields,
                                Map<String, ContractFields.Field> into) {
        for (ContractFields.Field field : fields) {
            String path = prefix + field.name();
            into.putIfAbsent(path, field);
            if (field.kind() == ContractFields.Kind.OBJECT) {
                collect(path + "/", field.fields(), into);
            }
        }
    }

    /**
     * The accepted values of a coded contract path of a loader, or empty when the path takes any value: the record
     * types of caracteristiques, the transaction categories, the enumerations of the schemas.
     */
    static List<String> acceptedValues(Loader loader, String path, Map<String, ContractFields.Field> fields) {
        if (loader == Loader.CARACTERISTIQUES && path.equals("type")) {
            return RecordValidator.recordTypes(loader);
        }
        if (loader == Loader.TRANSACTIONS && path.equals("category")) {
            return Arrays.stream(TransactionCategory.values()).map(TransactionCategory::wireName).toList();
        }
        ContractFields.Field field = fields.get(path);
        return field != null && field.kind() == ContractFields.Kind.CODE ? field.codes() : List.of();
    }

    /** Checks a profile as written. */
    public Verdict check(JsonNode json) {
        List<String> problems = new ArrayList<>();
        schema().validate(json).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .forEach(m -> problems.add(m.getMessage()));
        if (!problems.isEmpty()) {
            return new Verdict(null, List.copyOf(problems));
        }
        MappingProfile.NumberFormat numbers = MappingProfile.NumberFormat.CONTRACT;
        JsonNode format = json.path("number_format");
        if (format.isObject()) {
            numbers = new MappingProfile.NumberFormat(format.path("decimal_separator").asText(),
                    format.path("thousands_separator").asText(""));
            if (numbers.decimalSeparator().equals(numbers.thousandsSeparator())) {
                problems.add("/number_format/thousands_separator: '" + numbers.thousandsSeparator()
                        + "' is the decimal separator as well: a number could be read two ways");
            }
        }
        List<String> dateFormats = new ArrayList<>();
        for (int i = 0; i < json.path("date_formats").size(); i++) {
            String pattern = json.path("date_formats").get(i).asText();
            try {
                DateTimeFormatter.ofPattern(pattern);
                if (!(pattern.contains("d") && pattern.contains("M") && pattern.contains("yy"))) {
                    problems.add("/date_formats/" + i + ": '" + pattern + "' needs a day (d), a month (M) and a "
                            + "year (yyyy)");
                }
            } catch (IllegalArgumentException e) {
                problems.add("/date_formats/" + i + ": '" + pattern + "' is not a date pattern: " + e.getMessage());
            }
            dateFormats.add(pattern);
        }
        Map<Loader, MappingProfile.LoaderMapping> loaders = new EnumMap<>(Loader.class);
        json.path("loaders").fields().forEachRemaining(entry -> {
            Loader loader = Loader.fromWireName(entry.getKey()).orElseThrow();
            loaders.put(loader, loaderMapping(loader, "/loaders/" + entry.getKey(), entry.getValue(), problems));
        });
        if (!problems.isEmpty()) {
            return new Verdict(null, List.copyOf(problems));
        }
        return new Verdict(new MappingProfile(json.path("profile_id").asText(), numbers, dateFormats, loaders,
                (ObjectNode) json.deepCopy()), List.of());
    }

    private MappingProfile.LoaderMapping loaderMapping(Loader loader, String at, JsonNode json,
                                                       List<String> problems) {
        Map<String, ContractFields.Field> fields = fieldsByPath.get(loader);
        String known = "a field of the contract's " + loader.wireName() + " (" + String.join(", ", fields.keySet())
                + ")";
        Map<String, String> renames = new LinkedHashMap<>();
        json.path("renames").fields().forEachRemaining(e -> renames.put(e.getKey(), e.getValue().asText()));
        Map<String, String> targets = new LinkedHashMap<>();
        renames.forEach((partner, contract) -> {
            String where = at + "/renames/" + pointerEscaped(partner);
            if (!fields.containsKey(contract)) {
                problems.add(where + ": '" + contract + "' is not " + known);
            } else if (partner.split("/").length != contract.split("/").length) {
                problems.add(where + ": '" + partner + "' and '" + contract + "' are not at the same depth: a rename "
                        + "changes a name, not where the field is");
            } else if (contract.contains("/")) {
                String partnerParent = partner.substring(0, partner.lastIndexOf('/'));
                String contractParent = contract.substring(0, contract.lastIndexOf('/'));
                if (!renames.getOrDefault(partnerParent, partnerParent).equals(contractParent)) {
                    problems.add(where + ": '" + partnerParent + "' is not read as '" + contractParent + "': rename it "
                            + "too");
                }
            }
            String earlier = targets.put(contract, partner);
            if (earlier != null) {
                problems.add(where + ": '" + earlier + "' is renamed to '" + contract + "' already");
            }
        });
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        json.path("values").fields().forEachRemaining(e -> {
            String where = at + "/values/" + pointerEscaped(e.getKey());
            List<String> accepted = acceptedValues(loader, e.getKey(), fields);
            if (accepted.isEmpty()) {
                problems.add(where + ": '" + e.getKey() + "' is not a coded field of " + loader.wireName()
                        + ": values are mapped only where the contract takes a list of values");
                return;
            }
            Map<String, String> map = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(v -> {
                if (!accepted.contains(v.getValue().asText())) {
                    problems.add(where + "/" + pointerEscaped(v.getKey()) + ": '" + v.getValue().asText()
                            + "' is not an accepted value of " + e.getKey() + ": " + String.join(", ", accepted));
                }
                map.put(v.getKey(), v.getValue().asText());
            });
            values.put(e.getKey(), map);
        });
        Map<String, JsonNode> defaults = new LinkedHashMap<>();
        json.path("defaults").fields().forEachRemaining(e -> {
            String where = at + "/defaults/" + pointerEscaped(e.getKey());
            if (!fields.containsKey(e.getKey())) {
                problems.add(where + ": '" + e.getKey() + "' is not " + known);
                return;
            }
            List<String> accepted = acceptedValues(loader, e.getKey(), fields);
            if (!accepted.isEmpty() && !accepted.contains(e.getValue().asText())) {
                problems.add(where + ": '" + e.getValue().asText() + "' is not an accepted value of " + e.getKey()
                        + ": " + String.join(", ", accepted));
            }
            defaults.put(e.getKey(), e.getValue());
        });
        Set<String> ignored = new LinkedHashSet<>();
        json.path("ignored").forEach(i -> ignored.add(i.asText()));
        return new MappingProfile.LoaderMapping(renames, values, defaults, ignored);
    }

    private static String pointerEscaped(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
