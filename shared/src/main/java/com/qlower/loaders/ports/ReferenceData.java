package com.qlower.loaders.ports;

import com.qlower.loaders.contract.Loader;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * What a partner has already sent, for the business rules that need it: a transaction's property must exist, a
 * property's owner must exist.
 *
 * <p>Contract: answers only for the given partner (another partner's records are never found) and only for
 * records that are not retired.
 */
public interface ReferenceData {

    enum Entity { OWNER, PROPERTY, TRANSACTION }

    boolean exists(String partnerId, Entity entity, String externalId);

    /**
     * The external ids of every active record of that entity of the partner, when there are at most {@code limit}:
     * a file of a million transactions refers to a few thousand properties, which one query lists. Empty when there
     * are more, or when the store does not list them: {@link #exists} then answers one id at a time.
     */
    default Optional<Set<String>> allActive(String partnerId, Entity entity, int limit) {
        return Optional.empty();
    }

    /**
     * Whether the partner had that owner erased and no operator lifted the erasure's refusal since: such an owner,
     * and their properties, are not recorded again. Known from the pseudonymous erasure record only.
     */
    boolean erased(String partnerId, String ownerExternalId);

    /**
     * Whether a file of that loader dated {@code onOrAfter} or later has been processed for the partner, whatever
     * its outcome (integrated, rejected or failed): a file referring to that night's records need not wait for it.
     */
    boolean hasProcessed(String partnerId, Loader loader, LocalDate onOrAfter);
}
