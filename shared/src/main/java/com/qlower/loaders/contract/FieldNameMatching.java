package com.qlower.loaders.contract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A partner's field names matched to the contract's, for {@link ProfileSuggestion}: by the dictionary's words, then
 * by similarity; a nested field among the fields of what its parent became; two names for one field, the better
 * kept. What matches nothing is ignored, and said.
 */
final class FieldNameMatching {

    /** How alike two names must be (bigrams in common) to be taken for one another without the dictionary. */
    private static final double SIMILAR = 0.8;

    /** The partner's fields matched to the contract's: renamed, kept as they are, or ignored. */
    record FieldMatches(Map<String, String> contractOf, Map<String, String> renames, List<String> ignored) {
    }

    private record Match(String path, double score) {
    }

    private final SuggestionDictionary dictionary;

    FieldNameMatching(SuggestionDictionary dictionary) {
        this.dictionary = dictionary;
    }

    /**
     * @param fields the contract's fields by path, among which the partner's are matched
     * @param unmapped where what could not be matched is said, one sentence each
     */
    FieldMatches match(Loader loader, SampledRecords sample, Map<String, ContractFields.Field> fields,
                       List<String> unmapped) {
        Map<String, String> renames = new LinkedHashMap<>();
        Map<String, String> contractOf = new HashMap<>(); // partner path to contract path, renamed or not
        List<String> ignored = new ArrayList<>();
        Map<String, Double> bestScore = new HashMap<>();
        List<String> partnerPaths = sample.paths();
        // parents before their fields: a nested field is matched among the fields of what its parent became
        partnerPaths.sort(Comparator.comparingInt((String p) -> p.split("/").length));
        for (String partnerPath : partnerPaths) {
            String parent = partnerPath.contains("/") ? partnerPath.substring(0, partnerPath.lastIndexOf('/')) : null;
            String contractParent = parent == null ? "" : contractOf.get(parent);
            if (contractParent == null) {
                continue; // its parent is ignored, and it with it
            }
            String name = partnerPath.substring(partnerPath.lastIndexOf('/') + 1);
            Match match = best(loader, contractParent.isEmpty() ? "" : contractParent + "/", name, fields,
                    sample.isObject(partnerPath));
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

    /** The contract path a partner's name is, among the fields under {@code prefix}, or null. */
    private Match best(Loader loader, String prefix, String name, Map<String, ContractFields.Field> fields,
                       boolean isObject) {
        String wanted = squeezed(name);
        Match best = null;
        for (Map.Entry<String, ContractFields.Field> entry : fields.entrySet()) {
            String path = entry.getKey();
            if (!path.startsWith(prefix) || path.substring(prefix.length()).contains("/")
                    || (entry.getValue().kind() == ContractFields.Kind.OBJECT) != isObject) {
                continue;
            }
            List<String> names = dictionary.namesOf(loader, path, path.substring(prefix.length()));
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

    /** A name without case, accents or anything but letters and digits: "Date d'opération" is "datedoperation". */
    static String squeezed(String name) {
        return ProfileReading.normalized(name).replaceAll("[^a-z0-9]", "");
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
