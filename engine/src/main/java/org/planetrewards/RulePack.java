package org.planetrewards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A set of {@code .drl} rule files, by file name, not yet compiled. The default pack ships in the
 * {@code rules} jar; an admin's pack is a folder of {@code .drl} files.
 */
public final class RulePack {
    static final String DEFAULT_PACK_RESOURCE = "planet-rewards/default-pack";

    private final String origin;
    private final Map<String, String> files;
    private final Messages messages;

    private RulePack(String origin, Map<String, String> files, Messages messages) {
        this.origin = origin;
        this.files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        this.messages = messages;
    }

    /** The default rule pack (docs/default-rules.md) from the classpath, read once (it is immutable). */
    public static RulePack defaults() {
        if (DefaultPack.FAILURE != null) {
            throw new IllegalStateException(DefaultPack.FAILURE.getMessage(), DefaultPack.FAILURE);
        }
        return DefaultPack.PACK;
    }

    /**
     * The default pack, read when first asked for: opening the rules jar as a file system and reading its
     * files is a tenth of an engine's build at a start, and every engine of the process reads the same.
     */
    private static final class DefaultPack {
        static final IllegalStateException FAILURE;
        static final RulePack PACK;

        static {
            RulePack pack = null;
            IllegalStateException failure = null;
            try {
                pack = readDefaults();
            } catch (IllegalStateException e) {
                failure = e;
            }
            PACK = pack;
            FAILURE = failure;
        }
    }

    private static RulePack readDefaults() {
        URL url = RulePack.class.getClassLoader().getResource(DEFAULT_PACK_RESOURCE);
        if (url == null) {
            throw new IllegalStateException("the default rule pack is not on the classpath: add org.planetrewards:rules");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return read("default pack", jar.getPath(DEFAULT_PACK_RESOURCE), null);
                }
            }
            return read("default pack", Path.of(uri), null);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the default rule pack at " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every {@code .drl} file directly in {@code folder}.
     *
     * @throws UncheckedIOException when the folder cannot be read
     * @throws IllegalArgumentException when it is not a folder or holds no {@code .drl} file
     */
    public static RulePack folder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + ": not a folder of .drl files");
        }
        try {
            RulePack pack = read(folder.toString(), folder, DefaultMessages.MESSAGES);
            if (pack.files.isEmpty()) {
                throw new IllegalArgumentException(folder + ": holds no .drl file");
            }
            return pack;
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": " + e.getMessage(), e);
        }
    }

    /** A pack from file names and their text, for tests and hosts that keep rules elsewhere. */
    public static RulePack of(String origin, Map<String, String> drlFilesByName) {
        return new RulePack(origin, drlFilesByName, DefaultMessages.MESSAGES);
    }

    /**
     * A pack from file names and their text, with message files' text by language ({@code en} → the text
     * of {@code messages/en.properties}); sentences they lack come from the default pack's.
     *
     * @throws IllegalArgumentException naming the file and line of a message line that is not {@code key = text}
     */
    public static RulePack of(String origin, Map<String, String> drlFilesByName, Map<String, String> messagesByLanguage) {
        return new RulePack(origin, drlFilesByName, Messages.of(messagesByLanguage, DefaultMessages.MESSAGES));
    }

    /** @param fallback where sentences the pack's message files lack come from; null for the default pack itself */
    private static RulePack read(String origin, Path dir, Messages fallback) throws IOException {
        List<Path> drls = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.getFileName().toString().endsWith(".drl")).forEach(drls::add);
        }
        // Sorted by name so a pack compiles the same way on every file system.
        drls.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        Map<String, String> files = new LinkedHashMap<>();
        for (Path p : drls) {
            try (InputStream in = Files.newInputStream(p)) {
                files.put(p.getFileName().toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        Path words = dir.resolve(Messages.FOLDER);
        Messages messages = Files.isDirectory(words) ? Messages.read(words, origin + "/" + Messages.FOLDER, fallback)
                : fallback != null ? fallback : Messages.none();
        return new RulePack(origin, files, messages);
    }

    /**
     * The pack's words: its {@code messages/*.properties} files, falling back to the default pack's for
     * sentences (or, with no {@code messages} folder, languages) it does not have.
     */
    public Messages messages() {
        return messages;
    }

    /** The default pack's words, read once: what packs without message files of their own speak. */
    private static final class DefaultMessages {
        static final Messages MESSAGES = load();

        private static Messages load() {
            try {
                return defaults().messages;
            } catch (IllegalStateException e) {
                return Messages.none(); // no default pack on the classpath: sentences show their keys
            }
        }
    }

    /** Where the pack came from: a folder path, or {@code default pack}. */
    public String origin() {
        return origin;
    }

    /** File name to DRL text, sorted by name. */
    public Map<String, String> files() {
        return files;
    }
}
