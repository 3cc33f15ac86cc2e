package com.qlower.loaders.ports;

import java.time.Instant;

/**
 * What one erasure request did. The counts are of rows deleted and of S3 copies to remove after the commit
 * ({@link IntegrationStore#pendingPurges}); none names the owner.
 *
 * @param erasedOn for ALREADY_DONE, when the earlier erasure of that owner took place; null otherwise
 */
public record ErasureOutcome(String reference, Status status, Instant erasedOn, long owners, long properties,
                             long transactions, long documents, long documentObjects, long files) {

    public enum Status {
        /** The owner and what was tied to them are deleted. */
        APPLIED,
        /** Nothing is left of the owner: an earlier request erased them. Nothing is done. */
        ALREADY_DONE,
        /** The partner never sent this owner (or sent nothing tied to them). Nothing is done. */
        OWNER_UNKNOWN
    }

    public static ErasureOutcome nothingDone(String reference, Status status, Instant erasedOn) {
        return new ErasureOutcome(reference, status, erasedOn, 0, 0, 0, 0, 0, 0);
    }
}
