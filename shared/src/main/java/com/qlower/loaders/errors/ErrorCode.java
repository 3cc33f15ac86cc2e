package com.qlower.loaders.errors;

/**
 * The stable catalogue of what can be wrong with a partner file (docs/error-codes.md lists them).
 * A code never changes meaning once published; new rules get new codes.
 */
public enum ErrorCode {
    // the object key
    KEY_INVALID(Scope.FILE),
    KEY_TOO_LONG(Scope.FILE),
    KEY_UNKNOWN_LOADER(Scope.FILE),
    KEY_INVALID_DATE(Scope.FILE),
    // the partner's registration
    PARTNER_UNKNOWN(Scope.FILE),
    LOADER_NOT_ALLOWED(Scope.FILE),
    // the bytes
    FILE_EMPTY(Scope.FILE),
    FILE_TOO_LARGE(Scope.FILE),
    ENCODING_NOT_UTF8(Scope.FILE),
    INVALID_UTF8(Scope.FILE),
    // the JSON
    JSON_MALFORMED(Scope.FILE),
    JSON_TRUNCATED(Scope.FILE),
    JSON_TRAILING_CONTENT(Scope.FILE),
    JSON_DUPLICATE_KEY(Scope.FILE),
    JSON_LIMIT_EXCEEDED(Scope.FILE),
    // the envelope
    ENVELOPE_NOT_OBJECT(Scope.FILE),
    ENVELOPE_INVALID(Scope.FILE),
    ENVELOPE_KEY_MISMATCH(Scope.FILE),
    RECORDS_NOT_ARRAY(Scope.FILE),
    RECORD_COUNT_MISMATCH(Scope.FILE),
    // one record: the record is rejected, the rest of the file goes on
    RECORD_NOT_OBJECT(Scope.RECORD),
    RECORD_TYPE_UNKNOWN(Scope.RECORD),
    FIELD_MISSING(Scope.RECORD),
    FIELD_UNKNOWN(Scope.RECORD),
    FIELD_WRONG_TYPE(Scope.RECORD),
    FIELD_INVALID(Scope.RECORD),
    MONEY_TOO_MANY_DECIMALS(Scope.RECORD),
    MONEY_OUT_OF_RANGE(Scope.RECORD),
    CURRENCY_UNSUPPORTED(Scope.RECORD),
    IBAN_INVALID(Scope.RECORD),
    SIREN_INVALID(Scope.RECORD),
    DATE_IN_FUTURE(Scope.RECORD),
    /** A decimal written with a comma: never guessed (is 1,234 one thousand or one point two?). */
    DECIMAL_COMMA(Scope.RECORD),
    /** A required text with nothing but spaces or invisible characters. */
    TEXT_BLANK(Scope.RECORD),
    /** A text holding U+0000 or a lone surrogate (an escaped half of a character, such as \ud800). */
    TEXT_FORBIDDEN_CHARACTER(Scope.RECORD),
    /** A date or a date-time before 1900 or after 2100. */
    DATE_OUT_OF_RANGE(Scope.RECORD),
    /** Retired: erasure requests are processed since issue 4; kept so the code keeps its meaning. */
    ERASURE_NOT_SUPPORTED(Scope.RECORD),
    RETIRE_IN_SNAPSHOT(Scope.RECORD),
    ERASURE_CONFLICT(Scope.RECORD),
    /** An owner the partner had erased, or one of their properties, sent again. */
    OWNER_ERASED(Scope.RECORD),
    DOCUMENT_NOT_BASE64(Scope.RECORD),
    DOCUMENT_SIZE_MISMATCH(Scope.RECORD),
    DOCUMENT_CHECKSUM_MISMATCH(Scope.RECORD),
    RENTAL_START_BEFORE_ACQUISITION(Scope.RECORD),
    VALUE_DATE_TOO_EARLY(Scope.RECORD),
    TRANSACTION_AFTER_SNAPSHOT(Scope.RECORD),
    DUPLICATE_EXTERNAL_ID(Scope.RECORD),
    SNAPSHOT_RETIREMENT_REFUSED(Scope.FILE),
    SNAPSHOT_STALE(Scope.FILE),
    /** The file was checked before an erasure of an owner it sends was committed: the integrator refuses it. */
    OWNER_ERASED_MEANWHILE(Scope.FILE),
    // a record refers to what the partner never sent (or retired): another partner's data is never found
    PROPERTY_OWNER_UNKNOWN(Scope.RECORD),
    TRANSACTION_PROPERTY_UNKNOWN(Scope.RECORD),
    DOCUMENT_PROPERTY_UNKNOWN(Scope.RECORD),
    DOCUMENT_TRANSACTION_UNKNOWN(Scope.RECORD),
    // the file after its records were judged
    TOO_MANY_REJECTED_RECORDS(Scope.FILE),
    // not the partner's doing: an operator looks at it
    PIPELINE_ERROR(Scope.FILE),
    // warnings: the record is kept
    CATEGORY_INFERRED(Scope.WARNING),
    /** A category the contract does not know: kept as the partner's, and the category inferred from the label. */
    CATEGORY_UNKNOWN(Scope.WARNING),
    AMOUNT_IS_ZERO(Scope.WARNING),
    RENT_AS_DEBIT(Scope.WARNING),
    FURNISHED_WITHOUT_FURNITURE_VALUE(Scope.WARNING),
    SNAPSHOT_RETIREMENT_SKIPPED(Scope.WARNING),
    CONTENT_ALREADY_RECEIVED(Scope.WARNING),
    UPSTREAM_FILE_NOT_RECEIVED(Scope.WARNING),
    // what became of an erasure request (the request itself is never rejected for these)
    ERASURE_APPLIED(Scope.WARNING),
    ERASURE_ALREADY_DONE(Scope.WARNING),
    ERASURE_OWNER_UNKNOWN(Scope.WARNING);

    /** Whether the error rejects the whole file, one record, or only warns. */
    public enum Scope { FILE, RECORD, WARNING }

    private final Scope scope;

    ErrorCode(Scope scope) {
        this.scope = scope;
    }

    /** A record refers to another of the partner's records that is not found. */
    public boolean isUnknownReference() {
        return this == PROPERTY_OWNER_UNKNOWN || this == TRANSACTION_PROPERTY_UNKNOWN
                || this == DOCUMENT_PROPERTY_UNKNOWN || this == DOCUMENT_TRANSACTION_UNKNOWN;
    }

    public Scope scope() {
        return scope;
    }
}
