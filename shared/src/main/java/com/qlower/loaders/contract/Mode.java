package com.qlower.loaders.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A snapshot is the partner's full current set; a delta lists only changed records. */
public enum Mode {
    SNAPSHOT,
    DELTA;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Mode fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
