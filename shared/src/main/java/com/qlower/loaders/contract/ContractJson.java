package com.qlower.loaders.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The two ways this project reads and writes JSON. Partner files are untrusted: read strictly, with explicit
 * limits, numbers kept exact. Our own files (reports, staged records) use snake_case like the contract.
 * Neither ever enables default typing.
 */
public final class ContractJson {

    /** Deeper than any record of the contract needs; far below what would exhaust a thread's stack. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longer than any real amount; a 5,000-digit number is an attack, not a price. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /**
     * The base64 text of the largest document (15 MiB, so 20 MiB of text), with a little room: a 25 MB string is
     * refused while it is read, before it can fill the memory.
     */
    public static final int MAX_STRING_LENGTH = 21 * 1024 * 1024;
    public static final int MAX_NAME_LENGTH = 256;

    private ContractJson() {
    }

    /** Reads partner files: duplicate keys and non-numeric numbers rejected, decimals kept as BigDecimal. */
    public static ObjectMapper partnerFileMapper() {
        return PartnerFiles.MAPPER;
    }

    /** Writes and reads the pipeline's own JSON: reports, staged records. */
    public static ObjectMapper internalMapper() {
        return Internal.MAPPER;
    }

    /** Each mapper is built when first asked for: only the validator reads partner files. */
    private static final class PartnerFiles {
        static final ObjectMapper MAPPER = buildPartnerFileMapper();
    }

    private static final class Internal {
        static final ObjectMapper MAPPER = buildInternalMapper();
    }

    private static ObjectMapper buildPartnerFileMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .build();
    }

    private static ObjectMapper buildInternalMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }
}
