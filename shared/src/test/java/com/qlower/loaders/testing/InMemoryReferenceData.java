package com.qlower.loaders.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.ports.ReferenceData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;

/** What partners have sent, as a set, for the core tests. */
public final class InMemoryReferenceData implements ReferenceData {

    private final Set<String> known = new HashSet<>();
    private final Set<String> erased = new HashSet<>();
    private final Map<String, LocalDate> lastProcessed = new HashMap<>();

    /** As if a file of that loader and date had been processed for the partner. */
    public InMemoryReferenceData processed(String partnerId, Loader loader, LocalDate snapshotDate) {
        lastProcessed.merge(partnerId + "/" + loader, snapshotDate, (a, b) -> a.isAfter(b) ? a : b);
        return this;
    }

    public InMemoryReferenceData add(String partnerId, Entity entity, String externalId) {
        known.add(partnerId + "/" + entity + "/" + externalId);
        return this;
    }

    /** Everything the given partner files hold, as if they had been integrated. */
    public static InMemoryReferenceData withRecordsOf(String partnerId, Path... partnerFiles) {
        InMemoryReferenceData data = new InMemoryReferenceData();
        for (Path file : partnerFiles) {
            try {
                JsonNode envelope = ContractJson.partnerFileMapper().readTree(file.toFile());
                String loader = envelope.path("loader").asText();
                for (JsonNode record : envelope.path("records")) {
                    String type = loader.equals("caracteristiques") ? record.path("type").asText() : loader;
                    Entity entity = switch (type) {
                        case "owner" -> Entity.OWNER;
                        case "property" -> Entity.PROPERTY;
                        case "transactions" -> Entity.TRANSACTION;
                        default -> null;
                    };
                    if (entity != null) {
                        data.add(partnerId, entity, record.path("external_id").asText());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return data;
    }

    @Override
    public boolean exists(String partnerId, Entity entity, String externalId) {
        return known.contains(partnerId + "/" + entity + "/" + externalId);
    }

    /** As if the partner had that owner erased. */
    public InMemoryReferenceData erase(String partnerId, String ownerExternalId) {
        erased.add(partnerId + "/" + ownerExternalId);
        return this;
    }

    @Override
    public boolean erased(String partnerId, String ownerExternalId) {
        return erased.contains(partnerId + "/" + ownerExternalId);
    }

    @Override
    public boolean hasProcessed(String partnerId, Loader loader, LocalDate onOrAfter) {
        LocalDate last = lastProcessed.get(partnerId + "/" + loader);
        return last != null && !last.isBefore(onOrAfter);
    }
}
