package org.planetrewards.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.planetrewards.cli.ExplainCommandTest.DEMO;
import static org.planetrewards.cli.ReplayCommandTest.rewards;

/**
 * Explanations in the community's language: the sentences are the pack's message files
 * (rules/default-pack/messages/*.properties), so the expected words here are read from those files,
 * never from the code under test; an admin adds a language or rewords a sentence in a copy of the pack.
 */
class LanguagesTest {
    static final Path PACK = Path.of("../rules/default-pack");

    @TempDir
    Path tmp;

    static Properties words(Path pack, String language) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(pack.resolve("messages/" + language + ".properties"), StandardCharsets.UTF_8)));
        return p;
    }

    /** The fixed part of a sentence before its first placeholder. */
    static String head(Properties words, String key) {
        String s = words.getProperty(key);
        assertThat(s).as(key).isNotNull();
        int brace = s.indexOf('{');
        return brace < 0 ? s : s.substring(0, brace);
    }

    /** A copy of the default pack, message files included. */
    Path copyOfPack(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.createDirectories(dir.resolve("messages"));
        try (Stream<Path> files = Files.walk(PACK)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, dir.resolve(PACK.relativize(f).toString()));
            }
        }
        return dir;
    }

    @Test
    void zhangInChineseReadsTheZhCnFileWithTheSameNumbersAsInEnglish() throws IOException {
        Properties zh = words(PACK, "zh-CN");
        CommandRun en = rewards("explain", DEMO, "--member", "zhang");
        CommandRun cn = rewards("explain", DEMO, "--member", "zhang", "--lang", "zh-CN");

        assertThat(cn.code()).as(cn.err()).isZero();
        assertThat(cn.out()).contains(zh.getProperty("explain.campaigns") + "\n", zh.getProperty("explain.timeline") + "\n",
                zh.getProperty("measure.in-a-row"), head(zh, "action.check-in").strip(), zh.getProperty("explain.counted"));
        assertThat(cn.out()).doesNotContain("counted days in a row", "Campaigns", "check in on");
        // Same facts, same rules: only the words (and their order) differ, never a number or a date.
        assertThat(digits(cn.out())).isEqualTo(digits(en.out()));
    }

    @Test
    void aLocaleSettingMakesChineseTheDefaultAndLangStillChoosesEnglish() throws IOException {
        Path settings = Files.writeString(tmp.resolve("rewards.json"), "{\"locale\": \"zh-CN\"}");
        Properties zh = words(PACK, "zh-CN");

        CommandRun cn = rewards("explain", DEMO, "--member", "zhang", "--settings", settings.toString());
        CommandRun en = rewards("explain", DEMO, "--member", "zhang", "--settings", settings.toString(), "--lang", "en");

        assertThat(cn.out()).contains(zh.getProperty("explain.campaigns") + "\n");
        assertThat(en.out()).isEqualTo(rewards("explain", DEMO, "--member", "zhang").out());
    }

    @Test
    void theJsonKeepsEveryNumberAndDateAndSaysItsLanguage() {
        JsonNode en = Json.read(rewards("explain", DEMO, "--member", "wu", "--json").out());
        JsonNode cn = Json.read(rewards("explain", DEMO, "--member", "wu", "--json", "--lang", "zh-CN").out());

        assertThat(en.at("/progress/language").asText()).isEqualTo("en");
        assertThat(cn.at("/progress/language").asText()).isEqualTo("zh-CN");
        assertThat(cn.at("/timeline")).hasSameSizeAs(en.at("/timeline"));
        for (int i = 0; i < en.at("/progress/campaigns").size(); i++) {
            JsonNode e = en.at("/progress/campaigns/" + i);
            JsonNode c = cn.at("/progress/campaigns/" + i);
            for (String field : List.of("campaign", "kind", "reward", "target", "current", "evidence", "decided", "nextNeeded", "winsOn")) {
                assertThat(c.get(field)).as(field).isEqualTo(e.get(field));
            }
            assertThat(c.get("summary").asText()).isNotEqualTo(e.get("summary").asText());
        }
    }

    @Test
    void anAdminAddsAThirdLanguageWithNoJava() throws IOException {
        Path pack = copyOfPack("with-french");
        Files.writeString(pack.resolve("messages/fr.properties"), """
                # Français : seulement quelques phrases ; le reste vient de l'anglais.
                measure.in-a-row = jours comptés d'affilée
                explain.campaigns = Campagnes
                quality.too-short = a {length} caractères visibles, il en manque {short} pour {min}
                """, StandardCharsets.UTF_8);

        CommandRun fr = rewards("explain", DEMO, "--member", "zhang", "--rules", pack.toString(), "--lang", "fr");
        CommandRun xu = rewards("explain", DEMO, "--member", "xu", "--rules", pack.toString(), "--lang", "fr");

        assertThat(fr.code()).as(fr.err()).isZero();
        assertThat(fr.out()).contains("\nCampagnes\n", "14/15 jours comptés d'affilée (2026-03-03..2026-03-16)",
                "Timeline"); // a sentence the file lacks comes in English
        assertThat(xu.out()).contains("il en manque");
        CommandRun check = rewards("check", "--rules", pack.toString());
        assertThat(check.out()).contains("messages/fr.properties:0:0: warning: lacks ");
    }

    @Test
    void aKeyTheRulesUseThatNoMessageFileHasIsCaughtByCheck() throws IOException {
        Path pack = copyOfPack("lost-a-key");
        Path en = pack.resolve("messages/en.properties");
        List<String> kept = new ArrayList<>(Files.readAllLines(en, StandardCharsets.UTF_8));
        assertThat(kept.removeIf(l -> l.startsWith("quality.no-known-tag"))).isTrue();
        Files.write(en, kept, StandardCharsets.UTF_8);
        int line = lineOf(pack.resolve("quality.drl"), "\"quality.no-known-tag\"");

        CommandRun check = rewards("check", "--rules", pack.toString());

        assertThat(check.code()).isEqualTo(1);
        assertThat(check.out()).contains("quality.drl:" + line + ":",
                "warning: message key \"quality.no-known-tag\" is in no message file");
    }

    @Test
    void aPlaceholderTheRuleDoesNotGiveIsCaughtByCheckAtTheRuleAndTheFile() throws IOException {
        Path pack = copyOfPack("typo");
        Path zh = pack.resolve("messages/zh-CN.properties");
        Files.writeString(zh, Files.readString(zh, StandardCharsets.UTF_8).replace("比 {min} 少 {short} 个", "比 {minimum} 少 {short} 个"),
                StandardCharsets.UTF_8);

        CommandRun check = rewards("check", "--rules", pack.toString());

        assertThat(check.out()).contains("quality.drl:" + lineOf(pack.resolve("quality.drl"), "\"quality.too-short\"") + ":",
                "quality.too-short uses {minimum}, which this rule does not give",
                "messages/zh-CN.properties:" + lineOf(zh, "quality.too-short") + ":1: warning: quality.too-short uses {minimum}");
    }

    @Test
    void aBrokenMessageLineIsRefusedWithItsFileAndLine() throws IOException {
        Path pack = copyOfPack("broken");
        Files.writeString(pack.resolve("messages/zh-CN.properties"), "# ok\nthis line has no separator\n", StandardCharsets.UTF_8);

        CommandRun run = rewards("explain", DEMO, "--member", "zhang", "--rules", pack.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("messages/zh-CN.properties:2: expected key = text").doesNotContain("Exception");
    }

    @Test
    void anUnknownLanguageSaysSoAndSpeaksEnglish() {
        CommandRun run = rewards("explain", DEMO, "--member", "zhang", "--lang", "de");

        assertThat(run.code()).isZero();
        assertThat(run.err()).contains("no message file for de");
        assertThat(run.out()).isEqualTo(rewards("explain", DEMO, "--member", "zhang").out());
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    private static List<String> digits(String text) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[0-9]+(?:[-:T+.]+[0-9]+)*").matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        out.sort(null);
        return out;
    }
}
