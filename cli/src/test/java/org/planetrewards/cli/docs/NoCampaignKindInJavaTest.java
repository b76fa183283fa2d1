package org.planetrewards.cli.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a campaign kind means is written in its rule file only: no main source of the engine, the command
 * line or the report names one of the default pack's kinds (the independent reference model aside, which
 * has its own copy on purpose). A kind name found here is a switch on kinds coming back.
 */
class NoCampaignKindInJavaTest {
    /** The engine, the command line (this module) and the integrations a host builds on. */
    static final List<Path> MAIN_SOURCES = List.of(Path.of("../engine/src/main"), Path.of("src/main"),
            Path.of("../store-jdbc/src/main"), Path.of("../spring-boot-starter/src/main"), Path.of("../kafka-streams/src/main"));
    /** The reference model lives in its own module, outside MAIN_SOURCES; kept for a copy that moves back. */
    static final Path REFERENCE = Path.of("src/main/java/org/planetrewards/reference");

    /** The kinds the default pack declares, read from the pack itself: what to look for. */
    static List<String> declaredKinds() throws IOException {
        List<String> kinds = new ArrayList<>();
        try (Stream<Path> drls = Files.list(Path.of("../rules/default-pack"))) {
            for (Path drl : drls.filter(p -> p.toString().endsWith(".drl")).toList()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("@kind\\(\\s*\"([^\"]+)\"\\s*\\)")
                        .matcher(Files.readString(drl, StandardCharsets.UTF_8));
                while (m.find()) {
                    kinds.add(m.group(1));
                }
            }
        }
        return kinds;
    }

    @Test
    void noMainSourceNamesADefaultCampaignKind() throws IOException {
        List<String> kinds = declaredKinds();
        assertThat(kinds).hasSize(3);
        List<String> upper = kinds.stream().map(k -> k.toUpperCase(java.util.Locale.ROOT).replace('-', '_')).toList();
        List<String> found = new ArrayList<>();
        for (Path root : MAIN_SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(REFERENCE)).sorted().toList()) {
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    for (int i = 0; i < kinds.size(); i++) {
                        if (text.contains(kinds.get(i)) || text.contains(upper.get(i))) {
                            found.add(f + " names " + kinds.get(i));
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
