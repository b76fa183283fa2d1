package org.planetrewards.examples;

import org.junit.jupiter.api.Test;
import org.planetrewards.Decision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README shows this example; it must compile, run, and stay the same text as the README's. */
class EmbeddingExampleTest {

    @Test
    void theExampleEarnsMeiTheStoryBadge() {
        List<Decision> decided = EmbeddingExample.run();

        assertThat(decided).singleElement().satisfies(d -> {
            assertThat(d.member()).isEqualTo("mei");
            assertThat(d.campaign()).isEqualTo("member-story");
            assertThat(d.reward()).isEqualTo("story-badge");
        });
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws IOException {
        String source = Files.readString(Path.of("src/main/java/org/planetrewards/examples/EmbeddingExample.java"));
        String code = source.substring(source.indexOf("// README-EXAMPLE-START") + "// README-EXAMPLE-START".length(),
                source.indexOf("// README-EXAMPLE-END"));
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(normalise(readme)).contains(normalise(code));
        assertThat(code.strip().lines().count()).isLessThanOrEqualTo(12);
    }

    private static String normalise(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }
}
