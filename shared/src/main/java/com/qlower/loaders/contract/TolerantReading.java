package com.qlower.loaders.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.Message;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the contract reads the way exporters write it, with no configuration, before a record is checked: a
 * {@code null} in an optional field is the field left out, and a decimal written as a string (with a point) where
 * the contract takes a number that is not money is that number. Money needs nothing here: the contract takes it as
 * a number or a decimal string already ({@link MoneyAmount}). A decimal comma is never guessed, in money or not:
 * {@code "1,234"} may be one thousand or one point two, so it is an error ({@link ErrorCode#DECIMAL_COMMA}).
 */
final class TolerantReading {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    /** An integer as written: no sign, no leading zero, no decimals (what the contract's integer pattern takes). */
    private static final Pattern INTEGER = Pattern.compile("0|[1-9][0-9]*");
    /** Digits with a comma among them, and maybe points or spaces as thousands separators: "-312,40", "1.250,5". */
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[-+]?[0-9][0-9 .\\u00A0\\u202F]*,[0-9]*");

    private TolerantReading() {
    }

    /**
     * Reads {@code record} (left unchanged) tolerantly; the errors found are added to {@code errors}.
     *
     * @return the record as the contract's checks see it, and as it is staged
     */
    static JsonNode read(List<ContractFields.Field> fields, long index, JsonNode record, List<FileError> errors) {
        if (!record.isObject()) {
            return record;
        }
        ObjectNode copy = record.deepCopy();
        read(fields, "", index, copy, errors);
        return copy;
    }

    private static void read(List<ContractFields.Field> fields, String path, long index, ObjectNode object,
                             List<FileError> errors) {
        for (ContractFields.Field field : fields) {
            JsonNode value = object.get(field.name());
            if (value == null) {
                continue;
            }
            String pointer = path + "/" + field.name();
            if (value.isNull()) {
                if (!field.required()) {
                    object.remove(field.name());
                }
                continue;
            }
            switch (field.kind()) {
                case NUMBER, INTEGER -> {
                    if (value.isTextual()) {
                        String text = value.textValue();
                        Pattern number = field.kind() == ContractFields.Kind.INTEGER ? INTEGER : DECIMAL;
                        if (number.matcher(text).matches() && text.length() <= ContractJson.MAX_NUMBER_LENGTH) {
                            object.set(field.name(), numberOf(new BigDecimal(text)));
                        } else if (DECIMAL_COMMA.matcher(text).matches()) {
                            errors.add(decimalComma(index, pointer, field.name(), text));
                        }
                    }
                }
                case MONEY -> {
                    if (value.isTextual() && DECIMAL_COMMA.matcher(value.textValue()).matches()) {
                        errors.add(decimalComma(index, pointer, field.name(), value.textValue()));
                    }
                }
                case OBJECT -> {
                    if (value instanceof ObjectNode nested) {
                        read(field.fields(), pointer, index, nested, errors);
                    }
                }
                default -> {
                    // texts, dates and codes are read as written
                }
            }
        }
    }

    private static JsonNode numberOf(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() < 19) {
            return LongNode.valueOf(value.longValue());
        }
        return DecimalNode.valueOf(value);
    }

    static FileError decimalComma(long index, String pointer, String field, String text) {
        return FileError.ofRecord(ErrorCode.DECIMAL_COMMA, Message.of(
                field + " « " + text + " » s'écrit avec une virgule : écrivez le nombre avec un point décimal et "
                        + "sans séparateur de milliers (1234.5). Qlower ne devine pas si 1,234 vaut 1234 ou 1,234",
                field + " '" + text + "' is written with a comma: write the number with a decimal point and no "
                        + "thousands separator (1234.5). Qlower does not guess whether 1,234 means 1234 or 1.234"),
                index, pointer, text);
    }
}
