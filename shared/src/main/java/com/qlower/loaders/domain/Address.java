package com.qlower.loaders.domain;

/** A postal address, normalized: trimmed, single spaces, upper-case postal code and country. */
public record Address(String line1, String line2, String postalCode, String city, String country) {
}
