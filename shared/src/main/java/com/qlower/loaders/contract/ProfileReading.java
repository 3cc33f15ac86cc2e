package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import com.qlower.loaders.errors.PartnerMessage;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A partner's record read through its {@link MappingProfile}, before the contract's checks: its fields renamed
 * (and those the contract does not take dropped), its coded values mapped, the defaults of what it leaves out set,
 * its numbers and dates rewritten as the contract writes them. What cannot be read is left as written, for the
 * contract's checks to say so; their errors are then pointed back at the partner's own field
 * ({@link #inPartnerWords}).
 */
final class ProfileReading {

    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private final MappingProfile profile;
    private final List<DateTimeFormatter> dateFormats;
    private final Pattern number;

    ProfileReading(MappingProfile profile) {
        this.profile = profile;
        this.dateFormats = profile.dateFormats().stream()
                .map(p -> DateTimeFormatter.ofPattern(p.replace('y', 'u'), Locale.ROOT)
                        .withResolverStyle(ResolverStyle.STRICT))
                .toList();
        String decimal = Pattern.quote(profile.numbers().decimalSeparator());
        String thousands = profile.numbers().thousandsSeparator();
        String integer = thousands.isEmpty() ? "[0-9]+"
                : "(?:[0-9]{1,3}(?:" + Pattern.quote(thousands) + "[0-9]{3})+|[0-9]+)";
        this.number = Pattern.compile("[-+]?" + integer + "(?:" + decimal + "[0-9]+)?");
    }

    MappingProfile profile() {
        return profile;
    }

    /** The record as the contract reads it; {@code partnerRecord} is left unchanged. */
    ObjectNode read(Loader loader, ContractFields contract, ObjectNode partnerRecord) {
        MappingProfile.LoaderMapping mapping = profile.mapping(loader);
        ObjectNode record = renamed(mapping, "", partnerRecord);
        mapping.values().forEach((path, map) -> mapValue(record, path, map));
        String type = RecordValidator.recordTypeOf(loader, record);
        if (!RecordValidator.isRetirement(record)) {
            List<ContractFields.Field> fields = contract.fields(type);
            mapping.defaults().forEach((path, value) -> setDefault(record, fields, path, value));
            rewriteNumbersAndDates(fields, record);
        }
        return record;
    }

    private static ObjectNode renamed(MappingProfile.LoaderMapping mapping, String prefix, ObjectNode partner) {
        ObjectNode renamed = partner.objectNode();
        partner.fields().forEachRemaining(entry -> {
            String partnerPath = prefix + entry.getKey();
            if (mapping.ignored().contains(partnerPath)) {
                return;
            }
            String target = mapping.renames().get(partnerPath);
            String name = target == null ? entry.getKey() : target.substring(target.lastIndexOf('/') + 1);
            JsonNode value = entry.getValue() instanceof ObjectNode nested
                    ? renamed(mapping, partnerPath + "/", nested) : entry.getValue();
            // a partner field renamed onto a name it also sends as is: the renamed one is the one the profile means
            if (target != null || !renamed.has(name)) {
                renamed.set(name, value);
            }
        });
        return renamed;
    }

    private static void mapValue(ObjectNode record, String path, Map<String, String> map) {
        ObjectNode parent = parentOf(record, path);
        String name = path.substring(path.lastIndexOf('/') + 1);
        JsonNode value = parent == null ? null : parent.get(name);
        if (value == null || !value.isTextual()) {
            return;
        }
        String mapped = map.get(value.textValue());
        if (mapped == null) {
            String wanted = normalized(value.textValue());
            for (Map.Entry<String, String> entry : map.entrySet()) {
                if (normalized(entry.getKey()).equals(wanted)) {
                    mapped = entry.getValue();
                    break;
                }
            }
        }
        if (mapped != null) {
            parent.put(name, mapped);
        }
    }

    /** A coded value compared as people read it: without case, accents or surrounding spaces. */
    static String normalized(String value) {
        return Normalizer.normalize(value.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
    }

    private static void setDefault(ObjectNode record, List<ContractFields.Field> fields, String path,
                                   JsonNode value) {
        if (fieldAt(fields, path) == null) {
            return; // a default of another record type of the loader (an owner has no currency)
        }
        ObjectNode parent = parentOf(record, path);
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (parent != null && (!parent.has(name) || parent.get(name).isNull())) {
            parent.set(name, value);
        }
    }

    private void rewriteNumbersAndDates(List<ContractFields.Field> fields, ObjectNode object) {
        for (ContractFields.Field field : fields) {
            JsonNode value = object.get(field.name());
            if (value == null) {
                continue;
            }
            switch (field.kind()) {
                case NUMBER, INTEGER, MONEY -> {
                    if (value.isTextual() && !profile.numbers().isContract()) {
                        String text = value.textValue().strip();
                        if (number.matcher(text).matches()) {
                            String thousands = profile.numbers().thousandsSeparator();
                            String plain = (thousands.isEmpty() ? text : text.replace(thousands, ""))
                                    .replace(profile.numbers().decimalSeparator(), ".");
                            object.set(field.name(), TextNode.valueOf(plain.startsWith("+") ? plain.substring(1)
                                    : plain));
                        }
                    }
                }
                case DATE -> {
                    if (value.isTextual() && !ISO_DATE.matcher(value.textValue()).matches()) {
                        dateOf(value.textValue().strip()).ifPresent(date -> object.put(field.name(), date.toString()));
                    }
                }
                case OBJECT -> {
                    if (value instanceof ObjectNode nested) {
                        rewriteNumbersAndDates(field.fields(), nested);
                    }
                }
                default -> {
                    // texts and codes: the value maps did what a profile does to them
                }
            }
        }
    }

    private java.util.Optional<LocalDate> dateOf(String text) {
        for (DateTimeFormatter format : dateFormats) {
            try {
                return java.util.Optional.of(LocalDate.parse(text, format));
            } catch (DateTimeParseException e) {
                // the next pattern, if any
            }
        }
        return java.util.Optional.empty();
    }

    private static ObjectNode parentOf(ObjectNode record, String path) {
        JsonNode parent = record;
        String[] names = path.split("/");
        for (int i = 0; i < names.length - 1; i++) {
            parent = parent.get(names[i]);
            if (!(parent instanceof ObjectNode)) {
                return null;
            }
        }
        return (ObjectNode) parent;
    }

    private static ContractFields.Field fieldAt(List<ContractFields.Field> fields, String path) {
        List<ContractFields.Field> level = fields;
        ContractFields.Field found = null;
        for (String name : path.split("/")) {
            found = level.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
            if (found == null) {
                return null;
            }
            level = found.fields();
        }
        return found;
    }

    /**
     * The record's errors pointed at the partner's own fields: {@code /records/3/amount} is
     * {@code /records/3/montant} under a profile renaming {@code montant}, and the message names the partner's field.
     */
    List<FileError> inPartnerWords(Loader loader, List<FileError> errors) {
        MappingProfile.LoaderMapping mapping = profile.mapping(loader);
        if (mapping.renames().isEmpty()) {
            return errors;
        }
        List<FileError> translated = new ArrayList<>(errors.size());
        for (FileError error : errors) {
            String prefix = "/records/" + error.recordIndex() + "/";
            if (error.recordIndex() == null || error.pointer() == null || !error.pointer().startsWith(prefix)) {
                translated.add(error);
                continue;
            }
            String contractPath = error.pointer().substring(prefix.length());
            String partnerPath = mapping.partnerPathOf(contractPath);
            if (partnerPath.equals(contractPath)) {
                translated.add(error);
                continue;
            }
            Message message = PartnerMessage.IN_YOUR_FIELD.with("message", error.message(), "field", partnerPath);
            translated.add(new FileError(error.code(), message, error.recordIndex(), prefix + partnerPath,
                    error.line(), error.column(), error.value()));
        }
        return translated;
    }
}
