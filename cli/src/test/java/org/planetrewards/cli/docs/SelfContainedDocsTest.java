package org.planetrewards.cli.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user has the repository and nothing else: no source, doc or scenario may send them to a contract
 * kept elsewhere, and every doc the README and the docs name must exist.
 */
class SelfContainedDocsTest {
    static final Path ROOT = Path.of("..");
    static final Set<String> TEXT = Set.of("java", "md", "jsonl", "json", "drl", "html", "js", "xml", "properties", "sh");
    /** "SPEC §2", "SPEC.md", "the SPEC", a path into the shared folder outside the repository. */
    static final Pattern OUTSIDE = Pattern.compile("\\bSPEC\\b|§\\s*\\d|/work/|\\bshared/");
    static final Pattern DOC_LINK = Pattern.compile("docs/[a-z0-9-]+\\.md");

    static List<Path> textFiles() throws IOException {
        try (Stream<Path> all = Files.walk(ROOT)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> {
                        String s = ROOT.relativize(p).toString().replace('\\', '/');
                        return !s.contains("target/") && !s.startsWith(".git") && !s.contains("/.")
                                && (TEXT.contains(ext(s)) || s.equals("rewards"));
                    })
                    .sorted().toList();
        }
    }

    private static String ext(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    private static String read(Path p) throws IOException {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return ""; // test data that is deliberately not UTF-8 cites nothing
        }
    }

    @Test
    void nothingCitesAContractOutsideTheRepository() throws IOException {
        List<String> citations = new ArrayList<>();
        for (Path p : textFiles()) {
            if (p.endsWith("SelfContainedDocsTest.java")) {
                continue;
            }
            List<String> lines = read(p).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (OUTSIDE.matcher(lines.get(i)).find()) {
                    citations.add(ROOT.relativize(p) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(citations).as("cite the project's own docs (docs/history-format.md, docs/default-rules.md, ...)").isEmpty();
    }

    @Test
    void everyDocThatIsNamedExists() throws IOException {
        assertThat(textFiles()).isNotEmpty();
        List<String> missing = new ArrayList<>();
        for (Path p : textFiles()) {
            Matcher m = DOC_LINK.matcher(read(p));
            while (m.find()) {
                if (!Files.isRegularFile(ROOT.resolve(m.group()))) {
                    missing.add(ROOT.relativize(p) + " names " + m.group());
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(read(ROOT.resolve("README.md"))).contains("docs/history-format.md", "docs/scenario-format.md", "docs/decisions.md");
    }
}
