package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.model.Text;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Message files as an admin writes them: what a line means, what is refused (with file and line), what falls back. */
class MessagesTest {
    static final Messages BASE = Messages.of(Map.of(
            "en", "greeting = hello {name}\nfarewell = bye\ncount.one = {n} day\ncount.other = {n} days\n",
            "zh", "greeting = 你好 {name}\n"), null);

    @Test
    void placeholdersAreFilledAndAnUnknownOneStaysAsWritten() {
        assertThat(BASE.say("en", "greeting", "name", "mei")).isEqualTo("hello mei");
        assertThat(BASE.say("en", "greeting")).isEqualTo("hello {name}");
        assertThat(Messages.fill("{{literal} {d} {xs}", Map.of("d", LocalDate.of(2026, 3, 1), "xs", List.of("a", "b"))))
                .isEqualTo("{literal} 2026-03-01 a, b");
    }

    @Test
    void aNarrowerLanguageFallsBackToItsParentThenEnglishThenTheKey() {
        assertThat(BASE.say("zh-CN", "greeting", "name", "梅")).isEqualTo("你好 梅");
        assertThat(BASE.say("zh-CN", "farewell")).isEqualTo("bye");
        assertThat(BASE.say("zh-CN", "missing.key", "n", 3)).isEqualTo("missing.key {n=3}");
        assertThat(BASE.knowsLanguage("zh-CN")).isTrue();
        assertThat(BASE.knowsLanguage("de")).isFalse();
    }

    @Test
    void aPackFileOverridesTheDefaultsSentenceByLanguageAndKey() {
        Messages pack = Messages.of(Map.of("en", "farewell = see you\n"), BASE);
        assertThat(pack.say("en", "farewell")).isEqualTo("see you");
        assertThat(pack.say("en", "greeting", "name", "li")).isEqualTo("hello li");
    }

    @Test
    void pluralsPickOneOrOtherAndALanguageWithoutOneUsesOther() {
        Messages zh = Messages.of(Map.of("zh-CN", "count.other = {n} 天\n"), BASE);
        assertThat(BASE.plural("en", "count", 1, Map.of("n", 1))).isEqualTo("1 day");
        assertThat(BASE.plural("en", "count", 2, Map.of("n", 2))).isEqualTo("2 days");
        assertThat(zh.plural("zh-CN", "count", 1, Map.of("n", 1))).isEqualTo("1 天");
    }

    @Test
    void theFileFormatKeepsALeadingSpaceEscapesAndContinuationLines() {
        Messages m = Messages.of(Map.of("en", "# comment\n! also a comment\nspan = \\ ({from})\nsep = ;\\u0020\nlong = one \\\n   two\ncolon: works\n"), null);
        assertThat(m.say("en", "span", "from", "x")).isEqualTo(" (x)");
        assertThat(m.say("en", "sep")).isEqualTo("; ");
        assertThat(m.say("en", "long")).isEqualTo("one two");
        assertThat(m.say("en", "colon")).isEqualTo("works");
    }

    @Test
    void aBadLineIsRefusedWithItsFileAndLine() {
        assertThatThrownBy(() -> Messages.of(Map.of("en", "ok = fine\n\nno separator here\n"), null))
                .hasMessage("messages/en.properties:3: expected key = text, found \"no separator here\"");
        assertThatThrownBy(() -> Messages.of(Map.of("en", "a = 1\na = 2\n"), null))
                .hasMessage("messages/en.properties:2: key a is given twice");
        assertThatThrownBy(() -> Messages.of(Map.of("en", "Bad Key = x\n"), null))
                .hasMessageStartingWith("messages/en.properties:1: key \"Bad Key\"");
    }

    @Test
    void aRuleSentenceTakesOnlyValuesThatPrintTheSameEverywhere() {
        assertThat(Text.of("quality.too-short", "length", 3, "min", 50).args()).containsEntry("length", 3);
        assertThatThrownBy(() -> Text.of("k", "x", 1.5)).hasMessageContaining("placeholder x");
        assertThatThrownBy(() -> Text.of("k", "x")).hasMessageContaining("pairs");
        assertThatThrownBy(() -> Text.of("k", 1, 2)).hasMessageContaining("placeholder name");
        assertThatThrownBy(() -> Text.of("Not A Key")).hasMessageContaining("message key");
    }
}
