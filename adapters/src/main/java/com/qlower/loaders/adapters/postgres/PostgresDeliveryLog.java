package com.qlower.loaders.adapters.postgres;

import com.qlower.loaders.ports.DeliveryLog;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;

/** {@link DeliveryLog} in {@code file_deliveries}: one insert per delivery. */
public final class PostgresDeliveryLog implements DeliveryLog {

    private final Jdbi jdbi;

    public PostgresDeliveryLog(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void record(Delivery delivery) {
        Database.withTransientFailures("recording a delivery of run " + delivery.runId(), () -> jdbi.withHandle(
                h -> h.createUpdate("""
                                insert into file_deliveries (run_id, object_bucket, object_key, object_version,
                                    execution_name, outcome, delivered_at)
                                values (:run, :bucket, :key, :version, :execution, :outcome, :at)""")
                        .bind("run", delivery.runId())
                        .bind("bucket", delivery.file().bucket())
                        .bind("key", delivery.file().key())
                        .bind("version", delivery.file().versionId())
                        .bind("execution", delivery.executionName())
                        .bind("outcome", delivery.outcome().name())
                        .bind("at", delivery.deliveredAt().atOffset(ZoneOffset.UTC))
                        .execute()));
    }
}
