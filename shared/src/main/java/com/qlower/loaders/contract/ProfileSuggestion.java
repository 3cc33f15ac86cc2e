package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A draft mapping profile from a partner's sample exports ({@code ./loaders profile suggest}): each of its field
 * names matched to the contract's by a French and English dictionary of the names exporters use, then by
 * similarity; each coded value it uses that the contract does not take looked up in a dictionary of property
 * types, rental regimes, transaction categories and document types; the number and date formats its strings show;
 * the defaults of what it never sends and has one obvious value. What it could not map is said, never guessed: the
 * draft is for a person to check before storing it.
 */
public final class ProfileSuggestion {

    private static final Map<String, JsonNode> OBVIOUS_DEFAULTS = Map.of(
            "currency", TextNode.valueOf("EUR"),
            "address/country", TextNode.valueOf("FR"));

    /** The draft, and what could not be mapped, one sentence each. */
    public record Suggestion(ObjectNode profile, List<String> unmapped) {
    }

    private final SuggestionDictionary dictionary = new SuggestionDictionary();
    private final FieldNameMatching fieldNames = new FieldNameMatching(dictionary);

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
        Map<Loader, SampledRecords> byLoader = new TreeMap<>();
        samples.forEach((loader, files) -> {
            SampledRecords sample = byLoader.computeIfAbsent(loader, l -> new SampledRecords());
            files.forEach(sample::addFile);
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
        SuggestedFormats.numberFormat(numbers, profile, unmapped);
        SuggestedFormats.dateFormats(dates, profile, unmapped);
        if (!loaders.isEmpty()) {
            profile.set("loaders", loaders);
        }
        return new Suggestion(profile, List.copyOf(unmapped));
    }

    private ObjectNode suggestLoader(Loader loader, SampledRecords sample, List<String> numbers, List<String> dates,
                                     List<String> unmapped) {
        Map<String, ContractFields.Field> fields = ProfileCheck.contractPaths(loader);
        FieldNameMatching.FieldMatches matches = fieldNames.match(loader, sample, fields, new ArrayList<>());
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
            matches = fieldNames.match(loader, sample, ofTypesSeen, unmapped);
        } else {
            matches = fieldNames.match(loader, sample, fields, unmapped);
        }
        Map<String, String> contractOf = matches.contractOf();
        Map<String, String> renames = matches.renames();
        List<String> ignored = matches.ignored();
        ObjectNode values = ContractJson.internalMapper().createObjectNode();
        Set<String> present = new LinkedHashSet<>(contractOf.values());
        contractOf.forEach((partnerPath, contractPath) -> {
            List<JsonNode> sampled = sample.valuesAt(partnerPath);
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
    private Set<String> typesSeen(Loader loader, SampledRecords sample, Map<String, String> contractOf) {
        List<String> types = RecordValidator.recordTypes(loader);
        if (types.size() == 1) {
            return Set.copyOf(types);
        }
        Set<String> seen = new LinkedHashSet<>();
        contractOf.forEach((partnerPath, contractPath) -> {
            if (contractPath.equals("type")) {
                for (JsonNode value : sample.valuesAt(partnerPath)) {
                    String type = dictionary.valueOf("type", value.asText(), types);
                    if (type != null) {
                        seen.add(type);
                    }
                }
            }
        });
        return seen.isEmpty() ? Set.copyOf(types) : seen;
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

    private ObjectNode valueMap(Loader loader, String contractPath, String partnerPath, List<JsonNode> sampled,
                                List<String> accepted, List<String> unmapped) {
        ObjectNode map = ContractJson.internalMapper().createObjectNode();
        Set<String> seen = new LinkedHashSet<>();
        sampled.stream().filter(JsonNode::isTextual).map(JsonNode::textValue).forEach(seen::add);
        for (String value : seen) {
            if (accepted.contains(value)) {
                continue;
            }
            String target = dictionary.valueOf(contractPath, value, accepted);
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
}
