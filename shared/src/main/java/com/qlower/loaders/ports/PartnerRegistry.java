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

    /** The ids of every registered partner. */
    default List<String> partnerIds() {
        return all().stream().map(Partner::partnerId).toList();
    }

    /** Adds a partner, or replaces the registration of one with the same id. */
    void save(Partner partner);

    /** Stops webhook deliveries to the partner's endpoint (it answered 410 Gone), saying why. */
    void disableWebhook(String partnerId, String reason);

    /** A registry of these partners only, that cannot change: for tools that run without a database. */
    static PartnerRegistry fixed(List<Partner> partners) {
        List<Partner> copy = List.copyOf(partners);
        return new PartnerRegistry() {
            @Override
            public Optional<Partner> find(String partnerId) {
                return copy.stream().filter(p -> p.partnerId().equals(partnerId)).findFirst();
            }

            @Override
            public List<Partner> all() {
                return copy;
            }

            @Override
            public void save(Partner partner) {
                throw new UnsupportedOperationException("a fixed registry does not change");
            }

            @Override
            public void disableWebhook(String partnerId, String reason) {
                throw new UnsupportedOperationException("a fixed registry does not change");
            }
        };
    }
}
