package com.qlower.loaders.domain;

import java.time.OffsetDateTime;

/**
 * A partner's request to erase an owner and everything tied to them (GDPR, right to erasure): the owner, their
 * properties, the properties' transactions and documents, and the copies of their data in staged and archived
 * files. The external id is the owner's.
 *
 * @param reference the partner's reference for the request, kept in the erasure record
 */
public record ErasureRequest(String externalId, String reference, OffsetDateTime requestedAt)
        implements StagedRecord {
}
