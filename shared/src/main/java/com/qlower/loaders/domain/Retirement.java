package com.qlower.loaders.domain;

/**
 * A delta file's request to retire one record sent earlier ({@code "action": "retire"}): the row stays, marked
 * retired, and comes back if the partner sends the record again.
 */
public record Retirement(Kind recordKind, String externalId) implements StagedRecord {

    /** The kinds of record a retirement may name. */
    public enum Kind { OWNER, PROPERTY, TRANSACTION, DOCUMENT }
}
