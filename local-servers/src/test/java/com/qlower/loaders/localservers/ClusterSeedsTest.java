package com.qlower.loaders.localservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSeedsTest {

    @TempDir
    Path folder;

    @Test
    void seed_isMadeOnce_thenFound() throws IOException {
        AtomicInteger made = new AtomicInteger();
        ClusterSeeds.Maker maker = cluster -> {
            made.incrementAndGet();
            Files.createDirectories(cluster.resolve("base"));
            Files.writeString(cluster.resolve("PG_VERSION"), "17\n");
        };

        Path first = ClusterSeeds.seed(folder, "initdb", maker);
        Path second = ClusterSeeds.seed(folder, "initdb", maker);

        assertThat(made).hasValue(1);
        assertThat(second).isEqualTo(first);
        assertThat(first.resolve("PG_VERSION")).hasContent("17");
    }

    @Test
    void seed_halfMadeByAJvmThatDied_isMadeAgain_fromAnEmptyFolder() throws IOException {
        Path halfMade = Files.createDirectories(folder.resolve("initdb"));
        Files.writeString(halfMade.resolve("left-over"), "x");

        Path seed = ClusterSeeds.seed(folder, "initdb", cluster -> {
            assertThat(cluster).doesNotExist();
            Files.createDirectories(cluster);
            Files.writeString(cluster.resolve("PG_VERSION"), "17\n");
        });

        assertThat(seed.resolve("left-over")).doesNotExist();
        assertThat(seed.resolve("PG_VERSION")).exists();
    }

    @Test
    void seed_whoseMakerFails_isNotMarkedReady() {
        assertThatThrownBy(() -> ClusterSeeds.seed(folder, "broken", cluster -> {
            Files.createDirectories(cluster);
            throw new IllegalStateException("initdb failed");
        })).isInstanceOf(IOException.class).hasRootCauseMessage("initdb failed");

        assertThat(folder.resolve("broken/seed-ready")).doesNotExist();
    }

    @Test
    void copy_keepsTheFiles_withTheOwnerOnlyModePostgresAsks_butNotTheMarks() throws IOException {
        Path seed = ClusterSeeds.seed(folder, "initdb", cluster -> {
            Files.createDirectories(cluster.resolve("global"));
            Files.writeString(cluster.resolve("global/pg_control"), "control");
            Files.writeString(cluster.resolve("epg-lock"), "");
        });
        Path copy = folder.resolve("copy");

        ClusterSeeds.copy(seed, copy);

        assertThat(copy.resolve("global/pg_control")).hasContent("control");
        assertThat(copy.resolve("seed-ready")).doesNotExist();
        assertThat(copy.resolve("epg-lock")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.resolve("global"))))
                .isEqualTo("rwx------");
    }
}
