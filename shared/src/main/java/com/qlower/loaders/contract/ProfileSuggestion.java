package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A draft mapping profile from a partner's sample exports ({@code ./loaders profile suggest}): each of its field
 * names matched to the contract's by a French and English dictionary of the names exporters use, then by
 * similarity; each coded value it uses that the contract does not take looked up in a dictionary of property
 * types, rental regimes, transaction categories and document types; the number and date formats its strings show;
 * the defaults of what it never sends and has one obvious value. What it could not map is said, never guessed: the
 * draft is for a person to check before storing it.
 */
public final class ProfileSuggestion {

    static final String DICTIONARY = "profile/suggestion-dictionary.json";
    /** How alike two names must be (bigrams in common) to be taken for one another without the dictionary. */
    private static final double SIMILAR = 0.8;
    private static final int SAMPLED_VALUES = 200;
    /** Patterns tried on dates, French first: 03/11/2026 is the 3rd of November unless a value says otherwise. */
    private static final List<String> DATE_PATTERNS = List.of("dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "dd.MM.yyyy",
            "yyyy/MM/dd", "yyyyMMdd", "MM/dd/yyyy", "M/d/yyyy", "dd/MM/yy");
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern COMMA_DECIMAL =
            Pattern.compile("[-+]?[0-9]{1,3}(?:([ .'\\u00A0\\u202F])[0-9]{3})*,[0-9]+|[-+]?[0-9]+,[0-9]+");
    private static final Pattern POINT_DECIMAL =
            Pattern.compile("[-+]?[0-9]{1,3}(?:([ ,'\\u00A0\\u202F])[0-9]{3})*(?:\\.[0-9]+)?|[-+]?[0-9]+\\.[0-9]+");
    private static final Map<String, JsonNode> OBVIOUS_DEFAULTS = Map.of(
            "currency", com.fasterxml.jackson.databind.node.TextNode.valueOf("EUR"),
            "address/country", com.fasterxml.jackson.databind.node.TextNode.valueOf("FR"));

    /** The draft, and what could not be mapped, one sentence each. */
    public record Suggestion(ObjectNode profile, List<String> unmapped) {
    }

    private final JsonNode dictionary;

    public ProfileSuggestion() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DICTIONARY)) {
            dictionary = ContractJson.internalMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the samples of one loader hold: every path of their records with some of its values. */
    private static final class Sample {
        final Map<String, List<JsonNode>> valuesByPath = new LinkedHashMap<>();
        final Set<String> objects = new LinkedHashSet<>();

        void add(String prefix, JsonNode object) {
            object.fields().forEachRemaining(e -> {
                String path = prefix + e.getKey();
                if (e.getValue().isObject()) {
                    objects.add(path);
                    add(path + "/", e.getValue());
                } else {
                    List<JsonNode> values = valuesByPath.computeIfAbsent(path, p -> new ArrayList<>());
                    if (!e.getValue().isNull() && values.size() < SAMPLED_VALUES) {
                        values.add(e.getValue());
                    }
                }
            });
        }
    }

    /**
     * Suggests a profile from sample exports.
     *
     * @param profileId the draft's profile_id (the partner's id)
     * @param samples per file, its loader and its JSON (the envelope with its records, or an array of records)
     */
    public Suggestion suggest(String profileId, Map<Loader, List<JsonNode>> samples) {
        List<String> unmapped = new ArrayList<>();
        ObjectNode profile = ContractJson.internalMapper().createObjectNode();
        profile.put("profile_id", profileId);
        profile.put("description", "Draft by ./loaders profile suggest: check it before storing it");
        Map<Loader, Sample> byLoader = new TreeMap<>();
        samples.forEach((loader, files) -> {
            Sample sample = byLoader.computeIfAbsent(loader, l -> new Sample());
            for (JsonNode file : files) {
                JsonNode records = file.isArray() ? file : file.path("records");
                records.forEach(r -> {
                    if (r.isObject()) {
                        sample.add("", r);
                    }
                });
            }
        });
        List<String> numbers = new ArrayList<>();
        List<String> dates = new ArrayList<>();
        ObjectNode loaders = ContractJson.internalMapper().createObjectNode();
        byLoader.forEach((loader, sample) -> {
            ObjectNode mapping = suggestLoader(loader, sample, numbers, dates, unmapped);
            if (!mapping.isEmpty()) {
                loaders.set(loader.wireName(), mapping);
            }
        });
        suggestNumberFormat(numbers, profile, unmapped);
        suggestDateFormats(dates, profile, unmapped);
        if (!loaders.isEmpty()) {
            profile.set("loaders", loaders);
        }
        return new Suggestion(profile, List.copyOf(unmapped));
    }

    /** The partner's fields matched to the contract's: renamed, kept as they are, or ignored. */
    private record FieldMatches(Map<String, String> contractOf, Map<String, String> renames, List<String> ignored) {
    }

    private ObjectNode suggestLoader(Loader loader, Sample sample, List<String> numbers, List<String> dates,
                                     List<String> unmapped) {
        Map<String, ContractFields.Field> fields = ProfileCheck.contractPaths(loader);
        FieldMatches matches = matchFields(loader, sample, fields, new ArrayList<>());
        if (RecordValidator.recordTypes(loader).size() > 1) {
            // matched again among the fields of the record types the samples hold: an owner's "reference" is its
            // id, not an erasure request's reference
            Map<String, ContractFields.Field> ofTypesSeen = new LinkedHashMap<>();
            ContractFields contract = ContractFields.of(loader);
            for (String type : typesSeen(loader, sample, matches.contractOf())) {
                Map<String, ContractFields.Field> paths = new LinkedHashMap<>();
                ProfileCheck.collect("", contract.fields(type), paths);
                paths.forEach(ofTypesSeen::putIfAbsent);
            }
            matches = matchFields(loader, sample, ofTypesSeen, unmapped);
        } else {
            matches = matchFields(loader, sample, fields, unmapped);
        }
        Map<String, String> contractOf = matches.contractOf();
        Map<String, String> renames = matches.renames();
        List<String> ignored = matches.ignored();
        ObjectNode values = ContractJson.internalMapper().createObjectNode();
        Set<String> present = new LinkedHashSet<>(contractOf.values());
        contractOf.forEach((partnerPath, contractPath) -> {
            List<JsonNode> sampled = sample.valuesByPath.getOrDefault(partnerPath, List.of());
            ContractFields.Field field = fields.get(contractPath);
            List<String> accepted = ProfileCheck.acceptedValues(loader, contractPath, fields);
            if (!accepted.isEmpty() && !contractPath.equals("action")) {
                ObjectNode map = valueMap(loader, contractPath, partnerPath, sampled, accepted, unmapped);
                if (!map.isEmpty()) {
                    values.set(contractPath, map);
                }
            } else if (field != null) {
                sampled.stream().filter(JsonNode::isTextual).map(JsonNode::textValue).forEach(text -> {
                    switch (field.kind()) {
                        case NUMBER, INTEGER, MONEY -> numbers.add(text.strip());
                        case DATE -> dates.add(text.strip());
                        default -> {
                            // texts are read as written
                        }
                    }
                });
            }
        });
        ObjectNode defaults = ContractJson.internalMapper().createObjectNode();
        ContractFields contract = ContractFields.of(loader);
        for (String type : typesSeen(loader, sample, contractOf)) {
            for (ContractFields.Field field : contract.fields(type)) {
                missingRequired(loader, type, "", field, present, defaults, unmapped);
            }
        }
        ObjectNode mapping = ContractJson.internalMapper().createObjectNode();
        if (!renames.isEmpty()) {
            mapping.set("renames", ContractJson.internalMapper().valueToTree(renames));
        }
        if (!values.isEmpty()) {
            mapping.set("values", values);
        }
        if (!defaults.isEmpty()) {
            mapping.set("defaults", defaults);
        }
        if (!ignored.isEmpty()) {
            ArrayNode list = mapping.putArray("ignored");
            ignored.forEach(list::add);
        }
        return mapping;
    }

    /** The record types the samples hold, their partner's words read with the dictionary. */
    private Set<String> typesSeen(Loader loader, Sample sample, Map<String, String> contractOf) {
        List<String> types = RecordValidator.recordTypes(loader);
        if (types.size() == 1) {
            return Set.copyOf(types);
        }
        Set<String> seen = new LinkedHashSet<>();
        contractOf.forEach((partnerPath, contractPath) -> {
            if (contractPath.equals("type")) {
                for (JsonNode value : sample.valuesByPath.getOrDefault(partnerPath, List.of())) {
                    String type = dictionaryValue("type", value.asText(), types);
                    if (type != null) {
                        seen.add(type);
                    }
                }
            }
        });
        return seen.isEmpty() ? Set.copyOf(types) : seen;
    }

    private FieldMatches matchFields(Loader loader, Sample sample, Map<String, ContractFields.Field> fields,
                                     List<String> unmapped) {
        Map<String, String> renames = new LinkedHashMap<>();
        Map<String, String> contractOf = new HashMap<>(); // partner path to contract path, renamed or not
        List<String> ignored = new ArrayList<>();
        Map<String, Double> bestScore = new HashMap<>();
        List<String> partnerPaths = new ArrayList<>(sample.objects);
        sample.valuesByPath.keySet().stream().filter(p -> !sample.objects.contains(p)).forEach(partnerPaths::add);
        // parents before their fields: a nested field is matched among the fields of what its parent became
        partnerPaths.sort(java.util.Comparator.comparingInt((String p) -> p.split("/").length));
        for (String partnerPath : partnerPaths) {
            String parent = partnerPath.contains("/") ? partnerPath.substring(0, partnerPath.lastIndexOf('/')) : null;
            String contractParent = parent == null ? "" : contractOf.get(parent);
            if (contractParent == null) {
                continue; // its parent is ignored, and it with it
            }
            String name = partnerPath.substring(partnerPath.lastIndexOf('/') + 1);
            Match match = match(loader, contractParent.isEmpty() ? "" : contractParent + "/", name, fields,
                    sample.objects.contains(partnerPath));
            if (match == null || bestScore.getOrDefault(match.path(), 0.0) >= match.score()) {
                if (parent == null || !ignored.contains(parent)) {
                    ignored.add(partnerPath);
                    unmapped.add(loader.wireName() + ": your field '" + partnerPath + "' matches no field of the "
                            + "contract: ignored in the draft (rename it in the profile if it is one)");
                }
                continue;
            }
            String earlier = contractOf.entrySet().stream().filter(e -> e.getValue().equals(match.path()))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (earlier != null) { // a better name for the same field: the earlier one is ignored instead
                contractOf.remove(earlier);
                renames.remove(earlier);
                ignored.add(earlier);
                unmapped.add(loader.wireName() + ": your field '" + earlier + "' looks like '" + match.path()
                        + "' too, less than '" + partnerPath + "': ignored in the draft");
            }
            bestScore.put(match.path(), match.score());
            contractOf.put(partnerPath, match.path());
            if (!match.path().equals(partnerPath)) {
                renames.put(partnerPath, match.path());
            }
        }
        return new FieldMatches(contractOf, renames, ignored);
    }

    /** The accepted value a partner's word is, by the dictionary (or the value itself, spelt otherwise), or null. */
    private String dictionaryValue(String contractPath, String value, List<String> accepted) {
        String wanted = spaced(value);
        for (String code : accepted) {
            if (spaced(code).equals(wanted)) {
                return code;
            }
        }
        JsonNode words = dictionary.path("values").path(contractPath);
        for (String code : accepted) {
            for (JsonNode word : words.path(code)) {
                if (spaced(word.asText()).equals(wanted)) {
                    return code;
                }
            }
        }
        return null;
    }

    private void missingRequired(Loader loader, String type, String prefix, ContractFields.Field field,
                                 Set<String> present, ObjectNode defaults, List<String> unmapped) {
        String path = prefix + field.name();
        if (field.kind() == ContractFields.Kind.OBJECT) {
            if (present.contains(path)) {
                field.fields().forEach(f -> missingRequired(loader, type, path + "/", f, present, defaults, unmapped));
            }
            return;
        }
        if (!field.required() || present.contains(path) || defaults.has(path)
                || (loader == Loader.CARACTERISTIQUES && path.equals("type"))) {
            return;
        }
        JsonNode obvious = OBVIOUS_DEFAULTS.get(path);
        if (obvious != null) {
            defaults.set(path, obvious);
            unmapped.add(loader.wireName() + ": '" + path + "' is never sent: the draft gives it the default "
                    + obvious.asText());
        } else if (!unmapped.contains(missing(loader, path))) {
            unmapped.add(missing(loader, path));
        }
    }

    private static String missing(Loader loader, String path) {
        return loader.wireName() + ": no field of yours was matched to the required '" + path + "'";
    }

    private record Match(String path, double score) {
    }

    /** The contract path a partner's name is, among the fields under {@code prefix}, or null. */
    private Match match(Loader loader, String prefix, String name, Map<String, ContractFields.Field> fields,
                        boolean isObject) {
        String wanted = squeezed(name);
        Match best = null;
        for (Map.Entry<String, ContractFields.Field> entry : fields.entrySet()) {
            String path = entry.getKey();
            if (!path.startsWith(prefix) || path.substring(prefix.length()).contains("/")
                    || (entry.getValue().kind() == ContractFields.Kind.OBJECT) != isObject) {
                continue;
            }
            String own = path.substring(prefix.length());
            List<String> names = new ArrayList<>();
            names.add(own);
            dictionary.path("fields").path(loader.wireName() + ":" + path).forEach(n -> names.add(n.asText()));
            dictionary.path("fields").path(path).forEach(n -> names.add(n.asText()));
            for (int i = 0; i < names.size(); i++) {
                String candidate = squeezed(names.get(i));
                double score = candidate.equals(wanted) ? (i == 0 ? 3.0 : 2.0) : similarity(candidate, wanted);
                if (score >= SIMILAR && (best == null || score > best.score())) {
                    best = new Match(path, score);
                }
            }
        }
        return best;
    }

    private ObjectNode valueMap(Loader loader, String contractPath, String partnerPath, List<JsonNode> sampled,
                                List<String> accepted, List<String> unmapped) {
        ObjectNode map = ContractJson.internalMapper().createObjectNode();
        Set<String> seen = new LinkedHashSet<>();
        sampled.stream().filter(JsonNode::isTextual).map(JsonNode::textValue).forEach(seen::add);
        for (String value : seen) {
            if (accepted.contains(value)) {
                continue;
            }
            String target = dictionaryValue(contractPath, value, accepted);
            if (target != null) {
                map.put(value, target);
            } else {
                unmapped.add(loader.wireName() + ": your value '" + value + "' of '" + partnerPath + "' ("
                        + contractPath + ") is in no dictionary: map it to one of " + String.join(", ", accepted)
                        + (contractPath.equals("category") ? " (unmapped, it is kept as your category, with a warning)"
                        : ""));
            }
        }
        return map;
    }

    private static void suggestNumberFormat(List<String> numbers, ObjectNode profile, List<String> unmapped) {
        boolean commaDecimal = false;
        boolean pointDecimal = false;
        Set<String> commaThousands = new LinkedHashSet<>();
        Set<String> pointThousands = new LinkedHashSet<>();
        boolean ambiguous = false;
        for (String number : numbers) {
            var comma = COMMA_DECIMAL.matcher(number);
            var point = POINT_DECIMAL.matcher(number);
            boolean threeAfterComma = number.matches("[-+]?[0-9]{1,3},[0-9]{3}");
            if (threeAfterComma) {
                ambiguous = true; // 1,234: a thousand, or one and a quarter
            } else if (comma.matches()) {
                commaDecimal = true;
                if (comma.group(1) != null) {
                    commaThousands.add(comma.group(1));
                }
            } else if (point.matches()) {
                if (number.contains(".")) {
                    pointDecimal = true;
                }
                if (point.group(1) != null) {
                    pointThousands.add(point.group(1));
                }
            }
        }
        if (commaDecimal && !pointDecimal && commaThousands.size() <= 1) {
            ObjectNode format = profile.putObject("number_format");
            format.put("decimal_separator", ",");
            format.put("thousands_separator", commaThousands.isEmpty() ? "" : commaThousands.iterator().next());
        } else if (!commaDecimal && pointThousands.size() == 1) {
            ObjectNode format = profile.putObject("number_format");
            format.put("decimal_separator", ".");
            format.put("thousands_separator", pointThousands.iterator().next());
        } else if (commaDecimal && pointDecimal) {
            unmapped.add("numbers: some are written with a decimal comma, others with a decimal point: no number "
                    + "format in the draft");
        } else if (ambiguous) {
            unmapped.add("numbers: values like 1,234 may be a thousand or one and a quarter, and nothing else tells: "
                    + "no number format in the draft (say decimal_separator yourself)");
        }
    }

    private static void suggestDateFormats(List<String> dates, ObjectNode profile, List<String> unmapped) {
        List<String> partnerDates = dates.stream().filter(d -> !ISO_DATE.matcher(d).matches()).distinct().toList();
        if (partnerDates.isEmpty()) {
            return;
        }
        List<String> chosen = new ArrayList<>();
        List<String> left = new ArrayList<>(partnerDates);
        while (!left.isEmpty()) {
            String bestPattern = null;
            List<String> bestParsed = List.of();
            for (String pattern : DATE_PATTERNS) {
                List<String> parsed = left.stream().filter(d -> parses(pattern, d)).toList();
                if (parsed.size() > bestParsed.size()) {
                    bestPattern = pattern;
                    bestParsed = parsed;
                }
            }
            if (bestPattern == null) {
                unmapped.add("dates: '" + left.get(0) + "' (and " + (left.size() - 1) + " more) read with no known "
                        + "pattern: add yours to date_formats");
                break;
            }
            chosen.add(bestPattern);
            left.removeAll(bestParsed);
        }
        if (chosen.contains("dd/MM/yyyy") && partnerDates.stream().allMatch(d -> parses("MM/dd/yyyy", d))) {
            unmapped.add("dates: every date read as dd/MM/yyyy could be MM/dd/yyyy too: check which your export "
                    + "writes");
        }
        if (!chosen.isEmpty()) {
            ArrayNode formats = profile.putArray("date_formats");
            chosen.forEach(formats::add);
        }
    }

    private static boolean parses(String pattern, String date) {
        try {
            LocalDate.parse(date, DateTimeFormatter.ofPattern(pattern.replace('y', 'u'), Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A name without case, accents or anything but letters and digits: "Date d'opération" is "datedoperation". */
    static String squeezed(String name) {
        return ProfileReading.normalized(name).replaceAll("[^a-z0-9]", "");
    }

    /** A value without case or accents, its punctuation as single spaces: "Prêt-immo" is "pret immo". */
    static String spaced(String value) {
        return ProfileReading.normalized(value).replaceAll("[^a-z0-9]+", " ").strip();
    }

    /** Dice's coefficient over letter pairs: 1 for the same name, near 1 for a name and its variant. */
    static double similarity(String a, String b) {
        if (a.length() < 2 || b.length() < 2) {
            return 0;
        }
        Map<String, Integer> pairs = new HashMap<>();
        for (int i = 0; i < a.length() - 1; i++) {
            pairs.merge(a.substring(i, i + 2), 1, Integer::sum);
        }
        int common = 0;
        for (int i = 0; i < b.length() - 1; i++) {
            String pair = b.substring(i, i + 2);
            Integer count = pairs.get(pair);
            if (count != null && count > 0) {
                common++;
                pairs.put(pair, count - 1);
            }
        }
        return 2.0 * common / (a.length() - 1 + b.length() - 1);
    }
}
