package com.qlower.loaders.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
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

    /**
     * The loaders whose records this loader's records refer to: a transaction to a property, a document to a
     * property and a transaction. A file of the same night from these is worth waiting for.
     */
    public List<Loader> refersTo() {
        return switch (this) {
            case CARACTERISTIQUES -> List.of();
            case TRANSACTIONS -> List.of(CARACTERISTIQUES);
            case DOCUMENTS -> List.of(CARACTERISTIQUES, TRANSACTIONS);
        };
    }

    @JsonCreator
    static Loader ofWireName(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException("unknown loader: " + name));
    }
}
