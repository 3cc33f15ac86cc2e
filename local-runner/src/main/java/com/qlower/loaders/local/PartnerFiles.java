package com.qlower.loaders.local;

import com.qlower.loaders.contract.Loader;
import com.qlower.loaders.contract.PartnerFileName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The partner files that paths on this machine name, each with the inbox key it stands for: what {@code ./loaders
 * run} submits and {@code ./loaders validate} checks. Apart from {@link LoadersCommand}, so that the partners' jar
 * ({@link PartnerValidatorJar}) holds it without the pipeline.
 */
final class PartnerFiles {

    private PartnerFiles() {
    }

    /** A file to submit and the inbox key it is uploaded under. */
    record PartnerFile(Path path, String key) {
    }

    /**
     * The files to submit, in the order a night's drop is best processed: characteristics before the
     * transactions and documents that refer to them, then by date and correction. A folder gives the files directly
     * in it (a partner's folder) and those in its folders (a folder of partners' folders, laid out like the inbox),
     * their {@code .json} files only; each file is keyed by the folder it is in.
     */
    static List<PartnerFile> collect(List<Path> paths) throws IOException {
        List<PartnerFile> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                files.add(new PartnerFile(path, keyOf(path)));
            } else if (Files.isDirectory(path)) {
                List<PartnerFile> inFolder = new ArrayList<>();
                for (Path entry : list(path)) {
                    if (Files.isDirectory(entry)) {
                        list(entry).stream().filter(PartnerFiles::isJsonFile)
                                .forEach(f -> inFolder.add(new PartnerFile(f, keyOf(f))));
                    } else if (isJsonFile(entry)) {
                        inFolder.add(new PartnerFile(entry, keyOf(entry)));
                    }
                }
                if (inFolder.isEmpty()) {
                    throw new IllegalArgumentException("no .json file in " + path + ": give a partner's folder ("
                            + path + "/{file}.json) or a folder of partners' folders (" + path
                            + "/{partner_id}/{file}.json)");
                }
                files.addAll(inFolder);
            } else {
                throw new IllegalArgumentException("no such file or folder: " + path);
            }
        }
        files.sort(Comparator.comparingInt(PartnerFiles::loaderRank).thenComparing(PartnerFile::key));
        return files;
    }

    private static boolean isJsonFile(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private static String keyOf(Path file) {
        Path partner = file.toAbsolutePath().getParent().getFileName();
        return PartnerFileName.INBOX_PREFIX + partner + "/" + file.getFileName();
    }

    private static int loaderRank(PartnerFile file) {
        try {
            Loader loader = PartnerFileName.parse(file.key()).loader();
            return loader.ordinal();
        } catch (RuntimeException e) {
            return Loader.values().length;
        }
    }
}
