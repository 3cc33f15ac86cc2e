package com.qlower.loaders.ports;

import com.qlower.loaders.contract.MappingProfile;
import com.qlower.loaders.domain.ProfileVersion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The partners' mapping profiles, in the partner registry ({@code partner_profiles}). Contract: every stored change
 * is a new version, numbered from 1 per partner; a version once stored never changes and is never deleted; a
 * partner's current profile is its highest version; storing a profile equal to the current one stores nothing.
 */
public interface MappingProfiles {

    /** One stored version of a partner's profile. */
    record StoredProfile(String partnerId, int version, MappingProfile profile, Instant storedAt) {

        public ProfileVersion ref() {
            return new ProfileVersion(profile.profileId(), version);
        }
    }

    /** The partner's current profile, or empty when it writes the contract as it is. */
    Optional<StoredProfile> current(String partnerId);

    /** Every version of the partner's profile, oldest first. */
    List<StoredProfile> versions(String partnerId);

    /**
     * Stores the profile as the partner's next version, unless it equals the current one.
     *
     * @return the partner's current profile afterwards
     */
    StoredProfile store(String partnerId, MappingProfile profile);

    /** No profile for anyone: for tools that run without a database. */
    static MappingProfiles none() {
        return new MappingProfiles() {
            @Override
            public Optional<StoredProfile> current(String partnerId) {
                return Optional.empty();
            }

            @Override
            public List<StoredProfile> versions(String partnerId) {
                return List.of();
            }

            @Override
            public StoredProfile store(String partnerId, MappingProfile profile) {
                throw new UnsupportedOperationException("no registry to store a profile in");
            }
        };
    }
}
