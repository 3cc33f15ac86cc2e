package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The French and English words exporters use for the contract's field names and coded values
 * ({@code profile/suggestion-dictionary.json}), as {@link ProfileSuggestion} looks them up.
 */
final class SuggestionDictionary {

    static final String RESOURCE = "profile/suggestion-dictionary.json";

    private final JsonNode dictionary;

    SuggestionDictionary() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(RESOURCE)) {
            dictionary = ContractJson.internalMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names a contract field goes by: its own last segment, then the dictionary's, for its loader first. */
    List<String> namesOf(Loader loader, String contractPath, String ownName) {
        List<String> names = new ArrayList<>();
        names.add(ownName);
        dictionary.path("fields").path(loader.wireName() + ":" + contractPath).forEach(n -> names.add(n.asText()));
        dictionary.path("fields").path(contractPath).forEach(n -> names.add(n.asText()));
        return names;
    }

    /** The accepted value a partner's word is, by the dictionary (or the value itself, spelt otherwise), or null. */
    String valueOf(String contractPath, String value, List<String> accepted) {
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

    /** A value without case or accents, its punctuation as single spaces: "Prêt-immo" is "pret immo". */
    static String spaced(String value) {
        return ProfileReading.normalized(value).replaceAll("[^a-z0-9]+", " ").strip();
    }
}
