package com.qlower.loaders.adapters.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.MappingProfile;
import com.qlower.loaders.contract.ProfileCheck;
import com.qlower.loaders.ports.MappingProfiles;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@link MappingProfiles} on the {@code partner_profiles} table: one row per version, never updated. */
public final class PostgresMappingProfiles implements MappingProfiles {

    private static final String COLUMNS = "partner_id, version, profile::text as profile, stored_at";

    private final Jdbi jdbi;
    private final ProfileCheck check;

    public PostgresMappingProfiles(Database database) {
        this(database, new ProfileCheck());
    }

    /** @param check the check stored profiles are read back through: one the function primes for SnapStart */
    public PostgresMappingProfiles(Database database, ProfileCheck check) {
        this.jdbi = database.jdbi();
        this.check = check;
    }

    @Override
    public Optional<StoredProfile> current(String partnerId) {
        return Database.withTransientFailures("looking up the profile of " + partnerId, () -> jdbi.withHandle(h ->
                current(h, partnerId)));
    }

    private Optional<StoredProfile> current(Handle h, String partnerId) {
        return h.createQuery("select " + COLUMNS + " from partner_profiles where partner_id = :id "
                        + "order by version desc limit 1")
                .bind("id", partnerId)
                .map((rs, ctx) -> stored(rs))
                .findOne();
    }

    @Override
    public List<StoredProfile> versions(String partnerId) {
        return Database.withTransientFailures("listing the profiles of " + partnerId, () -> jdbi.withHandle(h ->
                h.createQuery("select " + COLUMNS + " from partner_profiles where partner_id = :id order by version")
                        .bind("id", partnerId)
                        .map((rs, ctx) -> stored(rs))
                        .list()));
    }

    @Override
    public StoredProfile store(String partnerId, MappingProfile profile) {
        return Database.withTransientFailures("storing the profile of " + partnerId, () -> jdbi.inTransaction(h -> {
            // the partner's row locked: two stores at once get two versions, never the same one twice
            h.createQuery("select partner_id from partners where partner_id = :id for update")
                    .bind("id", partnerId).mapTo(String.class).findOne()
                    .orElseThrow(() -> new IllegalArgumentException("partner " + partnerId + " is not registered"));
            Optional<StoredProfile> current = current(h, partnerId);
            if (current.isPresent() && current.get().profile().json().equals(profile.json())) {
                return current.get();
            }
            int version = current.map(StoredProfile::version).orElse(0) + 1;
            h.createUpdate("insert into partner_profiles (partner_id, version, profile_id, profile) "
                            + "values (:id, :version, :profileId, cast(:profile as jsonb))")
                    .bind("id", partnerId)
                    .bind("version", version)
                    .bind("profileId", profile.profileId())
                    .bind("profile", profile.json().toString())
                    .execute();
            return current(h, partnerId).orElseThrow();
        }));
    }

    private StoredProfile stored(ResultSet rs) throws SQLException {
        JsonNode json;
        try {
            json = ContractJson.internalMapper().readTree(rs.getString("profile"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored profile is not JSON", e);
        }
        ProfileCheck.Verdict verdict = check.check(json);
        if (!verdict.valid()) {
            // stored once checked; only a contract changed since could make it fail, and that must be seen
            throw new IllegalStateException("profile version " + rs.getInt("version") + " of "
                    + rs.getString("partner_id") + " no longer reads: " + verdict.problems());
        }
        return new StoredProfile(rs.getString("partner_id"), rs.getInt("version"), verdict.profile(),
                rs.getTimestamp("stored_at").toInstant());
    }
}
