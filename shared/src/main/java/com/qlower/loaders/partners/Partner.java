package com.qlower.loaders.partners;

import com.qlower.loaders.contract.Loader;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * A partner as registered with Qlower: who to tell what happened to its files, in which language, and what it may
 * send.
 *
 * @param webhookUrl where its webhook events go, or null for none
 * @param webhookSecretRef where the webhook signing secret is: a Secrets Manager ARN on AWS, {@code file:PATH} or
 *     {@code env:NAME} in the local runner; never the secret itself
 * @param webhookEnabled false once the endpoint answered 410 Gone, until an operator enables it again
 * @param rejectTolerancePercent above this share of rejected records, a file of the partner is rejected whole
 */
public record Partner(String partnerId, String displayName, Language language, List<String> contactEmails,
                      URI webhookUrl, String webhookSecretRef, boolean webhookEnabled, Set<Loader> loaders,
                      double rejectTolerancePercent) {

    /** The language of a partner's emails and of its report pages. */
    public enum Language { FR, EN }

    public Partner {
        contactEmails = List.copyOf(contactEmails);
        loaders = Set.copyOf(loaders);
    }

    public boolean allows(Loader loader) {
        return loaders.contains(loader);
    }
}
