package com.qlower.loaders.domain;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A record of Qlower's internal model, as the transformer stages it for the integrator. The closed list of
 * subtypes is named explicitly: no class name ever comes from the data.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Owner.class, name = "owner"),
        @JsonSubTypes.Type(value = Property.class, name = "property"),
        @JsonSubTypes.Type(value = Transaction.class, name = "transaction"),
        @JsonSubTypes.Type(value = Document.class, name = "document"),
        @JsonSubTypes.Type(value = Retirement.class, name = "retirement"),
        @JsonSubTypes.Type(value = ErasureRequest.class, name = "erasure_request")
})
public sealed interface StagedRecord permits Owner, Property, Transaction, Document, Retirement, ErasureRequest {

    String externalId();
}
