package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.PartnerMessage;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a schema lets through but the database cannot store, or stores as something else: each is refused for the
 * record alone, so no single record can fail a whole file at the merge. A text holding U+0000 (PostgreSQL's text
 * cannot) or a lone surrogate (an escaped half of a character, {@code "\ud800"}, which UTF-8 cannot encode: it
 * would be stored as {@code ?}); a required text with nothing but spaces or invisible characters (stored blank,
 * or refused by a NOT NULL column once normalized); a date before {@value #MIN_YEAR} or after {@value #MAX_YEAR}
 * (year 0 does not exist in PostgreSQL; neither bound is a date a property, a transaction or a request can have).
 */
final class StorableValues {

    /** No deed, booking or request of a property let today is older: the earliest dates of the contract. */
    static final int MIN_YEAR = 1900;
    /** A typing mistake (2206 for 2026), not a plan: the latest dates of the contract. */
    static final int MAX_YEAR = 2100;

    private StorableValues() {
    }

    /** Adds to {@code errors} what cannot be stored in {@code record}, a record of {@code type}. */
    static void check(ContractFields contract, String type, long index, JsonNode record, List<FileError> errors) {
        forbiddenCharacters("", index, record, errors);
        Set<String> requiredHere = contract.requiredBy(type, record);
        checkFields(contract.fields(type), requiredHere, "", index, record, errors);
    }

    private static void checkFields(List<ContractFields.Field> fields, Set<String> alsoRequired, String path,
                                    long index, JsonNode object, List<FileError> errors) {
        for (ContractFields.Field field : fields) {
            JsonNode value = object.get(field.name());
            // a value of the wrong kind ({} for a date, a text for an address) is the schema's to refuse
            boolean objectField = field.kind() == ContractFields.Kind.OBJECT;
            if (value == null || (objectField ? !value.isObject() : !value.isTextual())) {
                continue;
            }
            String pointer = path + "/" + field.name();
            switch (field.kind()) {
                case TEXT -> {
                    boolean required = field.required() || alsoRequired.contains(field.name());
                    // an empty text is the schema's to refuse (minLength), a NUL already refused above
                    if (required && field.minLength() > 0 && !value.textValue().isEmpty()
                            && isBlank(value.textValue()) && forbiddenCharacterIn(value.textValue()) == null) {
                        errors.add(FileError.ofRecord(ErrorCode.TEXT_BLANK,
                                PartnerMessage.TEXT_BLANK.with("field", field.name()), index, pointer, null));
                    }
                }
                case DATE, DATE_TIME -> checkYear(field.name(), pointer, index, value.textValue(), errors);
                case OBJECT -> checkFields(field.fields(), Set.of(), pointer, index, value, errors);
                default -> {
                    // numbers, money and codes have their own rules
                }
            }
        }
    }

    private static void checkYear(String field, String pointer, long index, String text, List<FileError> errors) {
        if (text.length() < 5 || text.charAt(4) != '-') {
            return; // not a date at all: the schema's format says so
        }
        int year;
        try {
            year = Integer.parseInt(text.substring(0, 4));
        } catch (NumberFormatException e) {
            return;
        }
        if (year < MIN_YEAR || year > MAX_YEAR) {
            errors.add(FileError.ofRecord(ErrorCode.DATE_OUT_OF_RANGE, PartnerMessage.DATE_OUT_OF_RANGE.with(
                    "field", field, "year", year, "min", MIN_YEAR, "max", MAX_YEAR), index, pointer, text));
        }
    }

    /** Every text within {@code node} (at {@code path}); a field's path is written only for a text it reports. */
    private static void forbiddenCharacters(String path, long index, JsonNode node, List<FileError> errors) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode value = entry.getValue();
                if (value.isTextual()) {
                    forbiddenCharacterIn(path, entry.getKey(), index, value, errors);
                } else if (value.isContainerNode()) {
                    forbiddenCharacters(path + "/" + escape(entry.getKey()), index, value, errors);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                forbiddenCharacters(path + "/" + i, index, node.get(i), errors);
            }
        } else if (node.isTextual()) {
            String problem = forbiddenCharacterIn(node.textValue());
            if (problem != null) {
                String field = path.substring(path.lastIndexOf('/') + 1);
                errors.add(forbiddenCharacter(problem, field, index, path));
            }
        }
    }

    private static void forbiddenCharacterIn(String path, String name, long index, JsonNode text,
                                             List<FileError> errors) {
        String problem = forbiddenCharacterIn(text.textValue());
        if (problem != null) {
            String pointer = path + "/" + escape(name);
            errors.add(forbiddenCharacter(problem, pointer.substring(pointer.lastIndexOf('/') + 1), index, pointer));
        }
    }

    /** The value is not quoted: it could not be written back as it is. */
    private static FileError forbiddenCharacter(String problem, String field, long index, String pointer) {
        return FileError.ofRecord(ErrorCode.TEXT_FORBIDDEN_CHARACTER, "NUL".equals(problem)
                ? PartnerMessage.TEXT_NUL_CHARACTER.with("field", field)
                : PartnerMessage.TEXT_LONE_SURROGATE.with("field", field, "character", problem), index, pointer, null);
    }

    /** "NUL", the lone surrogate as U+XXXX, or null when every character can be stored. */
    static String forbiddenCharacterIn(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "NUL";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return String.format("U+%04X", (int) c);
            }
            if (Character.isLowSurrogate(c)) {
                return String.format("U+%04X", (int) c);
            }
        }
        return null;
    }

    /** Nothing a reader would see: white space of any kind, controls and invisible format characters (U+200B…). */
    static boolean isBlank(String text) {
        return text.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || Character.getType(cp) == Character.FORMAT || Character.isISOControl(cp));
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
