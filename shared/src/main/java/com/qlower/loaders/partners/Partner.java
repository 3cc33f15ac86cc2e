package com.qlower.loaders.partners;

import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.domain.RejectTolerance;
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
 * @param rejectTolerance how many refused records refuse a file of the partner whole (share and floor)
 * @param deletionGuard how many of its active records a snapshot of the partner may retire (share and floor)
 */
public record Partner(String partnerId, String displayName, Language language, List<String> contactEmails,
                      URI webhookUrl, String webhookSecretRef, boolean webhookEnabled, Set<Loader> loaders,
                      RejectTolerance rejectTolerance, DeletionGuard deletionGuard) {

    /** The language of a partner's emails and of its report pages. */
    public enum Language { FR, EN }

    public Partner {
        contactEmails = List.copyOf(contactEmails);
        loaders = Set.copyOf(loaders);
        java.util.Objects.requireNonNull(rejectTolerance, "rejectTolerance");
        java.util.Objects.requireNonNull(deletionGuard, "deletionGuard");
    }

    /** A partner at this share of tolerance, with the default floor and deletion guard. */
    public Partner(String partnerId, String displayName, Language language, List<String> contactEmails,
                   URI webhookUrl, String webhookSecretRef, boolean webhookEnabled, Set<Loader> loaders,
                   double rejectTolerancePercent) {
        this(partnerId, displayName, language, contactEmails, webhookUrl, webhookSecretRef, webhookEnabled, loaders,
                new RejectTolerance(rejectTolerancePercent, RejectTolerance.DEFAULT.records()), DeletionGuard.DEFAULT);
    }

    /** The share of the reject tolerance. */
    public double rejectTolerancePercent() {
        return rejectTolerance.percent();
    }

    public boolean allows(Loader loader) {
        return loaders.contains(loader);
    }
}
