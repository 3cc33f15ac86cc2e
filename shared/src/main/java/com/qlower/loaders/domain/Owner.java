package com.qlower.loaders.domain;

/**
 * A property owner (a person, or a company such as an SCI).
 *
 * @param displayName derived: "Last First" for a person, the company name otherwise
 */
public record Owner(
        String externalId,
        String kind,
        String firstName,
        String lastName,
        String companyName,
        String displayName,
        String siren,
        String email,
        String phone,
        Address address) implements StagedRecord {
}
