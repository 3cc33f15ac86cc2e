package com.qlower.loaders.steps;

import com.fasterxml.jackson.databind.JsonNode;

/** A record that passed validation, as the validator stages it: its index in the file and its JSON, unchanged. */
public record ValidatedRecord(long index, JsonNode record) {
}
