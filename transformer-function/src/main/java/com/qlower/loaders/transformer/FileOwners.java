package com.qlower.loaders.transformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.contract.RecordValidator;
import com.qlower.loaders.domain.ErasureRequest;
import com.qlower.loaders.errors.ErrorCode;
import com.qlower.loaders.errors.FileError;
import com.qlower.loaders.errors.PartnerMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The owners a caracteristiques file sends, which its properties may refer to; and those its properties name, which
 * it must not erase. The transformer and {@code ./loaders validate} both learn them from the file's records before
 * judging its erasure requests, so they refuse the same.
 */
public final class FileOwners {

    private final Set<String> sent = new HashSet<>();
    private final Set<String> named = new HashSet<>();

    /** Learns from one of the file's records; a retirement sends no one. */
    public void learnFrom(JsonNode record) {
        if (RecordValidator.isRetirement(record)) {
            return;
        }
        switch (record.path("type").asText()) {
            case "owner" -> sent.add(record.path("external_id").asText());
            case "property" -> named.add(record.path("owner_external_id").asText());
            default -> { }
        }
    }

    /** The owners the file sends. */
    public Set<String> sent() {
        return sent;
    }

    /**
     * An erasure request for an owner the same file sends (as an owner, or as a property's owner) is rejected: the
     * file would erase and recreate them at once, and which the partner meant cannot be told.
     */
    public RecordMapper.Mapped refuseErasingWhatIsSent(RecordMapper.Mapped mapped, long index) {
        if (mapped.record() instanceof ErasureRequest erasure
                && (sent.contains(erasure.externalId()) || named.contains(erasure.externalId()))) {
            return new RecordMapper.Mapped(null, List.of(FileError.ofRecord(ErrorCode.ERASURE_CONFLICT,
                    PartnerMessage.ERASURE_CONFLICT.with("owner", erasure.externalId()), index, "/owner_external_id",
                    erasure.externalId())), List.of());
        }
        return mapped;
    }
}
