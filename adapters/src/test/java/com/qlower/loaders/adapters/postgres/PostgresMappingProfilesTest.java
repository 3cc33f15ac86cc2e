package com.qlower.loaders.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.qlower.loaders.contract.ContractJson;
import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.MappingProfile;
import com.qlower.loaders.contract.ProfileCheck;
import com.qlower.loaders.adapters.testing.TestDatabase;
import com.qlower.loaders.partners.Partner;
import com.qlower.loaders.ports.MappingProfiles.StoredProfile;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The partners' mapping profiles, versioned in the registry, on a real PostgreSQL migrated by Flyway. */
class PostgresMappingProfilesTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.emptiedBeforeEachTest();
    private static final PostgresMappingProfiles profiles = new PostgresMappingProfiles(database.database());

    @BeforeEach
    void registerThePartner() {
        new PostgresPartnerRegistry(database.database()).save(new Partner("gerance-fr", "Gérance",
                Partner.Language.FR, List.of(), null, null, true, EnumSet.allOf(Loader.class), 5.0));
    }

    private static MappingProfile profile(String amountField) throws Exception {
        return new ProfileCheck().check(ContractJson.internalMapper().readTree("""
                {"profile_id": "gerance-fr", "date_formats": ["dd/MM/yyyy"],
                 "loaders": {"transactions": {"renames": {"%s": "amount"}}}}""".formatted(amountField))).profile();
    }

    @Test
    void everyStoredChange_isANewVersion_theEarlierOnesKept_theHighestCurrent() throws Exception {
        assertThat(profiles.current("gerance-fr")).isEmpty();

        StoredProfile first = profiles.store("gerance-fr", profile("montant"));
        StoredProfile second = profiles.store("gerance-fr", profile("montant_ttc"));

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.ref().toString()).isEqualTo("gerance-fr v2");
        assertThat(profiles.current("gerance-fr").orElseThrow().profile().mapping(Loader.TRANSACTIONS).renames())
                .containsEntry("montant_ttc", "amount");
        assertThat(profiles.versions("gerance-fr")).extracting(s -> s.profile().mapping(Loader.TRANSACTIONS)
                .renames().keySet().iterator().next()).containsExactly("montant", "montant_ttc");
    }

    @Test
    void storingTheCurrentProfileAgain_storesNothing() throws Exception {
        profiles.store("gerance-fr", profile("montant"));

        StoredProfile again = profiles.store("gerance-fr", profile("montant"));

        assertThat(again.version()).isEqualTo(1);
        assertThat(profiles.versions("gerance-fr")).hasSize(1);
    }

    @Test
    void aProfileOfAPartnerNotRegistered_isRefused() {
        assertThatThrownBy(() -> profiles.store("nobody", profile("montant")))
                .hasMessageContaining("nobody is not registered");
    }

    @Test
    void theFunctionsRole_cannotChangeOrDeleteAStoredVersion() {
        String privileges = database.jdbi().withHandle(h -> h.createQuery("""
                        select string_agg(privilege_type, ',' order by privilege_type)
                        from information_schema.role_table_grants
                        where grantee = 'qlower_loaders_app' and table_name = 'partner_profiles'""")
                .mapTo(String.class).one());
        assertThat(privileges).contains("INSERT", "SELECT").doesNotContain("UPDATE", "DELETE");
    }
}
