package com.qlower.loaders.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The three kinds of partner file. The wire name is the one used in keys and envelopes. */
public enum Loader {
    CARACTERISTIQUES("caracteristiques"),
    TRANSACTIONS("transactions"),
    DOCUMENTS("documents");

    private final String wireName;

    Loader(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<Loader> fromWireName(String name) {
        return Arrays.stream(values()).filter(l -> l.wireName.equals(name)).findFirst();
    }

    @JsonCreator
    static Loader ofWireName(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException("unknown loader: " + name));
    }
}
