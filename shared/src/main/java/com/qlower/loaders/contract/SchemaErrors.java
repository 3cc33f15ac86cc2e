package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.PartnerMessage;
import java.util.List;

/**
 * The schema validator's messages as the partner's errors: which code, which field (its pointer), which value; a
 * coded value the contract does not know gets the accepted values and the way out, a mapping of the partner's word.
 */
final class SchemaErrors {

    private SchemaErrors() {
    }

    static FileError envelopeError(ContractSchemas.SchemaMessage m) {
        return FileError.atPointer(ErrorCode.ENVELOPE_INVALID, m.message(), pointerOf(m.english()));
    }

    /** A schema message on record {@code index} of the record type {@code type} as a record error. */
    static FileError recordError(ContractFields contract, String type, long index, ContractSchemas.SchemaMessage m) {
        ValidationMessage english = m.english();
        String pointer = pointerOf(english);
        List<String> codes = "enum".equals(english.getType()) ? codesAt(contract.fields(type), pointer) : List.of();
        if (!codes.isEmpty() && english.getInstanceNode() != null && english.getInstanceNode().isTextual()) {
            String field = pointer.substring(pointer.lastIndexOf('/') + 1);
            String value = english.getInstanceNode().textValue();
            String accepted = String.join(", ", codes);
            return FileError.ofRecord(ErrorCode.FIELD_INVALID, PartnerMessage.FIELD_VALUE_NOT_ACCEPTED.with(
                    "field", field, "value", value, "accepted", accepted), index, pointer, value);
        }
        return FileError.ofRecord(codeOf(english), m.message(), index, pointer, valueOf(english));
    }

    /** Where the message points: the value, or for a missing or unknown property, the property itself. */
    static String pointerOf(ValidationMessage m) {
        String location = m.getInstanceLocation().toString();
        boolean namesAProperty = switch (m.getType()) {
            case "required", "dependentRequired", "additionalProperties", "unevaluatedProperties" -> true;
            default -> false;
        };
        if (namesAProperty && m.getProperty() != null) {
            return location + "/" + m.getProperty();
        }
        return location;
    }

    /** The accepted values of the coded field at {@code pointer} ({@code /property_type}, {@code /a/b}). */
    private static List<String> codesAt(List<ContractFields.Field> fields, String pointer) {
        String[] names = pointer.substring(1).split("/");
        List<ContractFields.Field> level = fields;
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            ContractFields.Field found = level.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
            if (found == null) {
                return List.of();
            }
            if (i == names.length - 1) {
                return found.kind() == ContractFields.Kind.CODE ? found.codes() : List.of();
            }
            level = found.fields();
        }
        return List.of();
    }

    private static ErrorCode codeOf(ValidationMessage m) {
        return switch (m.getType()) {
            case "required", "dependentRequired" -> ErrorCode.FIELD_MISSING;
            case "additionalProperties", "unevaluatedProperties" -> ErrorCode.FIELD_UNKNOWN;
            case "type" -> ErrorCode.FIELD_WRONG_TYPE;
            default -> ErrorCode.FIELD_INVALID;
        };
    }

    private static String valueOf(ValidationMessage m) {
        JsonNode node = m.getInstanceNode();
        if (node == null || node.isContainerNode() || codeOf(m) == ErrorCode.FIELD_MISSING) {
            return null;
        }
        return node.asText();
    }
}
