package com.qlower.loaders.adapters.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The fingerprint of the schema migrations Flyway applies ({@code classpath:db/migration}, from the adapters' folder
 * or jar): the name of the migrated cluster the test JVMs copy, so that a new or changed migration makes a new one.
 */
final class MigrationFiles {

    private static final String LOCATION = "db/migration/";

    private MigrationFiles() {
    }

    /** A SHA-256 of every migration's name and content, in name order, as 16 hexadecimal digits. */
    static String fingerprint() {
        try {
            TreeMap<String, byte[]> files = new TreeMap<>();
            for (URL location : Collections.list(MigrationFiles.class.getClassLoader().getResources(LOCATION))) {
                if (location.getProtocol().equals("jar")) {
                    readJar(location, files);
                } else {
                    readFolder(Path.of(location.toURI()), files);
                }
            }
            if (files.isEmpty()) {
                throw new IllegalStateException("no migration on the class path under " + LOCATION);
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((name, content) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update(content);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the migrations", e);
        } catch (URISyntaxException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("could not read the migrations", e);
        }
    }

    private static void readFolder(Path folder, TreeMap<String, byte[]> files) throws IOException {
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
    }

    private static void readJar(URL location, TreeMap<String, byte[]> files) throws IOException {
        JarURLConnection connection = (JarURLConnection) location.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            List<JarEntry> entries = Collections.list(jar.entries()).stream()
                    .filter(e -> e.getName().startsWith(LOCATION) && !e.isDirectory()).toList();
            for (JarEntry entry : entries) {
                try (InputStream in = jar.getInputStream(entry)) {
                    files.put(entry.getName().substring(LOCATION.length()), in.readAllBytes());
                }
            }
        }
    }
}
