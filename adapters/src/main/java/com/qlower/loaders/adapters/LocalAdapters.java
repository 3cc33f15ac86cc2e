package com.qlower.loaders.adapters;

import com.qlower.loaders.adapters.postgres.Database;
import com.qlower.loaders.adapters.postgres.PostgresAuditTrail;
import com.qlower.loaders.adapters.postgres.PostgresDeliveryLog;
import com.qlower.loaders.adapters.postgres.PostgresIntegrationStore;
import com.qlower.loaders.adapters.postgres.PostgresMappingProfiles;
import com.qlower.loaders.adapters.postgres.PostgresNotificationLog;
import com.qlower.loaders.adapters.postgres.PostgresPartnerRegistry;
import com.qlower.loaders.adapters.postgres.PostgresReferenceData;
import com.qlower.loaders.adapters.postgres.PostgresRunHistory;
import com.qlower.loaders.adapters.postgres.PostgresRunLedger;
import com.qlower.loaders.adapters.postgres.PostgresSupersededContents;
import com.qlower.loaders.ports.AuditTrail;
import com.qlower.loaders.ports.DeliveryLog;
import com.qlower.loaders.ports.EmailSender;
import com.qlower.loaders.ports.IntegrationStore;
import com.qlower.loaders.ports.MappingProfiles;
import com.qlower.loaders.ports.NotificationLog;
import com.qlower.loaders.ports.ObjectStore;
import com.qlower.loaders.ports.PartnerRegistry;
import com.qlower.loaders.ports.ReferenceData;
import com.qlower.loaders.ports.ReportLinks;
import com.qlower.loaders.ports.RunHistory;
import com.qlower.loaders.ports.RunLedger;
import com.qlower.loaders.ports.Secrets;
import com.qlower.loaders.ports.SupersededContents;
import com.qlower.loaders.ports.WebhookSender;
import java.time.Clock;
import java.util.Objects;

/**
 * The ports the functions run on outside AWS, in one record: what each function's wiring takes for a local run
 * ({@code XWiring.forLocal}), the local runner's and the tests' alike. {@link #onPostgres} gives the PostgreSQL
 * adapters; a test replaces one port by a fake with a {@code with} method. A port a function needs and that is
 * missing fails its wiring with the port's name.
 */
public record LocalAdapters(ObjectStore store, Clock clock, AuditTrail audit, PartnerRegistry partners,
                            DeliveryLog deliveries, ReferenceData references, IntegrationStore integration,
                            SupersededContents supersededContents, RunLedger ledger, RunHistory history,
                            NotificationLog notifications, EmailSender email, WebhookSender webhooks,
                            Secrets secrets, ReportLinks reportLinks, MappingProfiles profiles) {

    /**
     * The object store alone, no audit trail, no delivery log, no mapping profile: the other ports are given with the
     * {@code with}s.
     */
    public static LocalAdapters of(ObjectStore store, Clock clock) {
        return new LocalAdapters(store, clock, AuditTrail.NONE, null, DeliveryLog.NONE, null, null, null, null, null,
                null, null, null, null, null, MappingProfiles.none());
    }

    /** The object store and every PostgreSQL adapter on the database; the notifier's channels are still to give. */
    public static LocalAdapters onPostgres(ObjectStore store, Database database, Clock clock) {
        return new LocalAdapters(store, clock, new PostgresAuditTrail(database), new PostgresPartnerRegistry(database),
                new PostgresDeliveryLog(database), new PostgresReferenceData(database),
                new PostgresIntegrationStore(database), new PostgresSupersededContents(database),
                new PostgresRunLedger(database), new PostgresRunHistory(database),
                new PostgresNotificationLog(database), null, null, null, null,
                new PostgresMappingProfiles(database));
    }

    /** A port a function needs: its wiring fails with the port's name when it was not given. */
    public static <T> T required(T port, String name) {
        return Objects.requireNonNull(port, () -> "the local adapters have no " + name);
    }

    public LocalAdapters withAudit(AuditTrail audit) {
        return new LocalAdapters(store, clock, audit, partners, deliveries, references, integration,
                supersededContents, ledger, history, notifications, email, webhooks, secrets, reportLinks,
                profiles);
    }

    public LocalAdapters withPartners(PartnerRegistry partners) {
        return new LocalAdapters(store, clock, audit, partners, deliveries, references, integration,
                supersededContents, ledger, history, notifications, email, webhooks, secrets, reportLinks,
                profiles);
    }

    public LocalAdapters withReferences(ReferenceData references) {
        return new LocalAdapters(store, clock, audit, partners, deliveries, references, integration,
                supersededContents, ledger, history, notifications, email, webhooks, secrets, reportLinks,
                profiles);
    }

    /** The partners' mapping profiles, read by the validator. */
    public LocalAdapters withProfiles(MappingProfiles profiles) {
        return new LocalAdapters(store, clock, audit, partners, deliveries, references, integration,
                supersededContents, ledger, history, notifications, email, webhooks, secrets, reportLinks,
                profiles);
    }

    /** The notifier's channels: how emails are sent, webhooks delivered, secrets read, reports linked. */
    public LocalAdapters withChannels(EmailSender email, WebhookSender webhooks, Secrets secrets,
                                      ReportLinks reportLinks) {
        return new LocalAdapters(store, clock, audit, partners, deliveries, references, integration,
                supersededContents, ledger, history, notifications, email, webhooks, secrets, reportLinks,
                profiles);
    }
}
