package com.qlower.loaders.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.qlower.loaders.audit.AuditEvent;
import com.qlower.loaders.audit.AuditEvent.Action;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The canonical text an audit event is sealed with: written once, verified for years, so it must never move. */
class AuditChainLinkTest {

    private static final String SHA256 = "bf040677f3a1e48f633be24a9caa1e730e09bb4acc5944fc335a6524a0663ab5";
    private static final String PREVIOUS = "a".repeat(64);

    private static AuditEvent validated(String version, String detail, Instant at) {
        return new AuditEvent("r-1", Action.VALIDATED, "validator", "gestimmo",
                "inbox/gestimmo/transactions_20261123.json", version, SHA256, "gestimmo-transactions_20261123-r-1",
                detail, at);
    }

    @Test
    void canonicalText_namesEveryFieldInAFixedOrder_separatedByNul_andItsHashIsFrozen() {
        AuditChainLink link = AuditChainLink.following(
                validated(null, "", Instant.parse("2026-11-23T01:30:00.123456Z")), 2, PREVIOUS);

        assertThat(link.canonicalText()).isEqualTo(String.join("\0",
                "run_id=r-1", "seq=2", "action=VALIDATED", "actor=validator", "partner_id=gestimmo",
                "object_key=inbox/gestimmo/transactions_20261123.json", "object_version", "sha256=" + SHA256,
                "execution_name=gestimmo-transactions_20261123-r-1", "detail=",
                "occurred_at=2026-11-23T01:30:00.123456Z", "previous_hash=" + PREVIOUS));
        // printf '<the text above>' | sha256sum: every stored chain depends on this value
        assertThat(link.hash()).isEqualTo("02a88c324a93324eef8f9e3a4a1d65184377e91787f5800e502178967a690532");
    }

    @Test
    void aNullField_andAnEmptyOne_sealDifferently() {
        Instant at = Instant.parse("2026-11-23T01:30:00Z");

        assertThat(AuditChainLink.following(validated("v-3", null, at), 1, null).hash())
                .isNotEqualTo(AuditChainLink.following(validated("v-3", "", at), 1, null).hash());
    }

    @Test
    void theTime_isSealedToTheMicrosecond_asPostgresqlStoresIt_inUtc() {
        AuditChainLink nanos = AuditChainLink.following(
                validated("v-3", null, Instant.parse("2026-11-23T01:30:00.123456789Z")), 1, null);
        AuditChainLink micros = AuditChainLink.following(
                validated("v-3", null, Instant.parse("2026-11-23T01:30:00.123456Z")), 1, null);
        AuditChainLink whole = AuditChainLink.following(
                validated("v-3", null, Instant.parse("2026-11-23T01:30:00Z")), 1, null);

        assertThat(nanos.occurredAt()).isEqualTo(Instant.parse("2026-11-23T01:30:00.123456Z"));
        assertThat(nanos.hash()).isEqualTo(micros.hash());
        assertThat(whole.canonicalText()).contains("occurred_at=2026-11-23T01:30:00.000000Z");
    }

    @Test
    void theSameEvent_afterAnotherPreviousHash_orAtAnotherSeq_sealsDifferently() {
        AuditEvent event = validated("v-3", null, Instant.parse("2026-11-23T01:30:00Z"));
        String hash = AuditChainLink.following(event, 2, PREVIOUS).hash();

        assertThat(AuditChainLink.following(event, 2, "b".repeat(64)).hash()).isNotEqualTo(hash);
        assertThat(AuditChainLink.following(event, 3, PREVIOUS).hash()).isNotEqualTo(hash);
    }
}
