package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.domain.DeletionGuard;
import com.qlower.loaders.domain.RejectTolerance;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.ports.PartnerRegistry;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** {@link PartnerRegistry} on the {@code partners} table. */
public final class PostgresPartnerRegistry implements PartnerRegistry {

    private static final String COLUMNS = "partner_id, display_name, language, contact_emails, webhook_url, "
            + "webhook_secret_ref, webhook_enabled, loaders, reject_tolerance_percent, reject_tolerance_records, "
            + "retirement_guard_percent, retirement_guard_records";

    private final Jdbi jdbi;

    public PostgresPartnerRegistry(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public Optional<Partner> find(String partnerId) {
        return Database.withTransientFailures("looking up partner " + partnerId, () -> jdbi.withHandle(h ->
                h.createQuery("select " + COLUMNS + " from partners where partner_id = :id")
                        .bind("id", partnerId)
                        .map((rs, ctx) -> partner(rs))
                        .findOne()));
    }

    @Override
    public List<Partner> all() {
        return Database.withTransientFailures("listing partners", () -> jdbi.withHandle(h ->
                h.createQuery("select " + COLUMNS + " from partners order by partner_id")
                        .map((rs, ctx) -> partner(rs))
                        .list()));
    }

    @Override
    public void save(Partner partner) {
        Database.withTransientFailures("saving partner " + partner.partnerId(), () -> jdbi.withHandle(h ->
                h.createUpdate("""
                                insert into partners (partner_id, display_name, language, contact_emails, webhook_url,
                                    webhook_secret_ref, webhook_enabled, loaders, reject_tolerance_percent,
                                    reject_tolerance_records, retirement_guard_percent, retirement_guard_records)
                                values (:id, :name, :language, :emails, :url, :secret, :enabled, :loaders, :tolerance,
                                    :toleranceRecords, :guard, :guardRecords)
                                on conflict (partner_id) do update set display_name = excluded.display_name,
                                    language = excluded.language, contact_emails = excluded.contact_emails,
                                    webhook_url = excluded.webhook_url,
                                    webhook_secret_ref = excluded.webhook_secret_ref,
                                    webhook_enabled = excluded.webhook_enabled, webhook_disabled_reason = null,
                                    loaders = excluded.loaders,
                                    reject_tolerance_percent = excluded.reject_tolerance_percent,
                                    reject_tolerance_records = excluded.reject_tolerance_records,
                                    retirement_guard_percent = excluded.retirement_guard_percent,
                                    retirement_guard_records = excluded.retirement_guard_records,
                                    updated_at = now()""")
                        .bind("id", partner.partnerId())
                        .bind("name", partner.displayName())
                        .bind("language", partner.language().name().toLowerCase(Locale.ROOT))
                        .bindArray("emails", String.class, partner.contactEmails())
                        .bind("url", partner.webhookUrl() == null ? null : partner.webhookUrl().toString())
                        .bind("secret", partner.webhookSecretRef())
                        .bind("enabled", partner.webhookEnabled())
                        .bindArray("loaders", String.class, partner.loaders().stream().map(Loader::wireName)
                                .sorted().toList())
                        .bind("tolerance", partner.rejectTolerance().percent())
                        .bind("toleranceRecords", partner.rejectTolerance().records())
                        .bind("guard", partner.deletionGuard().percent())
                        .bind("guardRecords", partner.deletionGuard().records())
                        .execute()));
    }

    @Override
    public void disableWebhook(String partnerId, String reason) {
        Database.withTransientFailures("disabling the webhook of " + partnerId, () -> jdbi.withHandle(h ->
                h.createUpdate("update partners set webhook_enabled = false, webhook_disabled_reason = :reason, "
                                + "updated_at = now() where partner_id = :id")
                        .bind("id", partnerId)
                        .bind("reason", reason)
                        .execute()));
    }

    private static Partner partner(ResultSet rs) throws SQLException {
        String id = rs.getString("partner_id");
        String url = rs.getString("webhook_url");
        return new Partner(id, rs.getString("display_name"),
                Partner.Language.valueOf(rs.getString("language").toUpperCase(Locale.ROOT)),
                List.of((String[]) rs.getArray("contact_emails").getArray()),
                url == null ? null : URI.create(url), rs.getString("webhook_secret_ref"),
                rs.getBoolean("webhook_enabled"),
                Arrays.stream((String[]) rs.getArray("loaders").getArray())
                        .map(name -> Loader.fromWireName(name).orElseThrow(() -> new IllegalStateException(
                                "partner " + id + " allows an unknown loader " + name)))
                        .collect(Collectors.toSet()),
                new RejectTolerance(rs.getBigDecimal("reject_tolerance_percent").doubleValue(),
                        rs.getLong("reject_tolerance_records")),
                new DeletionGuard(rs.getBigDecimal("retirement_guard_percent").doubleValue(),
                        rs.getLong("retirement_guard_records")));
    }
}
