package com.qlower.loaders.ports;

import com.qlower.loaders.partners.Partner;
import java.util.List;
import java.util.Optional;

/**
 * The registered partners ({@code partners} table): a file from a partner not found here, or for a loader it is
 * not allowed, is rejected.
 */
public interface PartnerRegistry {

    Optional<Partner> find(String partnerId);

    List<Partner> all();

    /** Adds a partner, or replaces the registration of one with the same id. */
    void save(Partner partner);

    /** Stops webhook deliveries to the partner's endpoint (it answered 410 Gone), saying why. */
    void disableWebhook(String partnerId, String reason);
}
