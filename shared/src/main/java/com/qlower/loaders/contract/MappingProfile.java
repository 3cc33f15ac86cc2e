package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one partner's own export is read as the contract: its field names, its coded values, its number and date
 * formats, and the constants it leaves out. Applied to each record while the file is read, before the contract's
 * checks ({@link ProfileReading}); published as {@code docs/mapping-profile.schema.json}. Paths are field names
 * joined by {@code /} ({@code adresse/cp}), the partner's on the left of a rename, the contract's everywhere else.
 *
 * @param profileId the profile's name, as reports quote it beside the version the registry gave it
 * @param numbers how the partner writes numbers held in strings
 * @param dateFormats the partner's date patterns ({@code dd/MM/yyyy}); an ISO date is always read as well
 * @param loaders what changes per loader; a loader absent here has only the number and date formats
 * @param json the profile as written, what the registry stores
 */
public record MappingProfile(String profileId, NumberFormat numbers, List<String> dateFormats,
                             Map<Loader, LoaderMapping> loaders, ObjectNode json) {

    public MappingProfile {
        dateFormats = List.copyOf(dateFormats);
        loaders = Map.copyOf(loaders);
    }

    /**
     * How numbers written as strings are read. A decimal comma is read only where a profile says so: never guessed.
     *
     * @param decimalSeparator {@code .} or {@code ,}
     * @param thousandsSeparator the separator of groups of three digits, or empty for none
     */
    public record NumberFormat(String decimalSeparator, String thousandsSeparator) {

        /** The contract's own: a decimal point, no thousands separator. */
        public static final NumberFormat CONTRACT = new NumberFormat(".", "");

        public boolean isContract() {
            return CONTRACT.equals(this);
        }
    }

    /**
     * What a profile changes in one loader's records.
     *
     * @param renames the partner's path to the contract's path, at the same depth ({@code montant} to
     *     {@code amount}, {@code adresse/cp} to {@code address/postal_code})
     * @param values per contract path of a coded field, the partner's value to the contract's
     * @param defaults per contract path, the value of a field the partner leaves out (or writes null)
     * @param ignored the partner's paths of fields the contract does not take, dropped on reading
     */
    public record LoaderMapping(Map<String, String> renames, Map<String, Map<String, String>> values,
                                Map<String, JsonNode> defaults, Set<String> ignored) {

        public static final LoaderMapping NONE = new LoaderMapping(Map.of(), Map.of(), Map.of(), Set.of());

        public LoaderMapping {
            renames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(renames));
            Map<String, Map<String, String>> copied = new LinkedHashMap<>();
            values.forEach((field, map) -> copied.put(field,
                    java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map))));
            values = java.util.Collections.unmodifiableMap(copied);
            defaults = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
            ignored = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(ignored));
        }

        /** The partner's path of a contract path: the inverse of the renames, segment by segment. */
        public String partnerPathOf(String contractPath) {
            Map<String, String> inverse = new LinkedHashMap<>();
            renames.forEach((partner, contract) -> inverse.put(contract, partner));
            StringBuilder partnerPath = new StringBuilder();
            StringBuilder prefix = new StringBuilder();
            for (String segment : contractPath.split("/")) {
                if (!prefix.isEmpty()) {
                    prefix.append('/');
                }
                prefix.append(segment);
                String renamed = inverse.get(prefix.toString());
                String partnerSegment = renamed == null ? segment : renamed.substring(renamed.lastIndexOf('/') + 1);
                if (!partnerPath.isEmpty()) {
                    partnerPath.append('/');
                }
                partnerPath.append(partnerSegment);
            }
            return partnerPath.toString();
        }
    }

    /** What this profile changes in a loader's records. */
    public LoaderMapping mapping(Loader loader) {
        return loaders.getOrDefault(loader, LoaderMapping.NONE);
    }
}
