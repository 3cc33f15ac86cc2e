package com.qlower.loaders.adapters;

import java.util.Map;

/** Reads the functions' environment variables, failing at cold start with the name of a missing one. */
public final class Environment {

    private Environment() {
    }

    public static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    public static String optional(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
