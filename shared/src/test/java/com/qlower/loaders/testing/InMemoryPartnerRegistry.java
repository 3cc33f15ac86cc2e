package com.qlower.loaders.testing;

import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.ports.PartnerRegistry;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The partner registry as a map, for the core tests. */
public final class InMemoryPartnerRegistry implements PartnerRegistry {

    private final Map<String, Partner> partners = new TreeMap<>();

    /** A registry holding the given partners, allowed every loader, in French, at a 5 % tolerance. */
    public static InMemoryPartnerRegistry with(String... partnerIds) {
        InMemoryPartnerRegistry registry = new InMemoryPartnerRegistry();
        for (String id : partnerIds) {
            registry.save(everyLoader(id));
        }
        return registry;
    }

    public static Partner everyLoader(String partnerId) {
        return new Partner(partnerId, partnerId, Partner.Language.FR, List.of("ops@" + partnerId + ".example"),
                null, null, true, EnumSet.allOf(Loader.class), 5.0);
    }

    @Override
    public Optional<Partner> find(String partnerId) {
        return Optional.ofNullable(partners.get(partnerId));
    }

    @Override
    public List<Partner> all() {
        return List.copyOf(partners.values());
    }

    @Override
    public void save(Partner partner) {
        partners.put(partner.partnerId(), partner);
    }

    @Override
    public void disableWebhook(String partnerId, String reason) {
        Partner p = partners.get(partnerId);
        partners.put(partnerId, new Partner(p.partnerId(), p.displayName(), p.language(), p.contactEmails(),
                p.webhookUrl(), p.webhookSecretRef(), false, p.loaders(), p.rejectTolerance(), p.deletionGuard()));
    }
}
