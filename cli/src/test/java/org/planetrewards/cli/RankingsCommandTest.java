package org.planetrewards.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.planetrewards.cli.ExplainCommandTest.DEMO;
import static org.planetrewards.cli.ReplayCommandTest.rewards;

/** {@code rewards rankings} on the demo community, the board as it stood on a day and as it stands now. */
class RankingsCommandTest {
    static final String AT = "2026-03-10T23:00:00+08:00";

    @Test
    void onTheTenthEveryBoardIsOrderedByCountThenMemberWithTheCompletionOfEach() {
        CommandRun run = rewards("rankings", DEMO, "--at", AT, "--json", "--limit", "100");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode all = Json.read(run.out());
        assertThat(all.get("asOf").asText()).isEqualTo("2026-03-10");
        // Who had won what by then: replay's decisions stamped up to the instant.
        Set<String> wonByThen = new HashSet<>();
        for (String line : rewards("replay", DEMO).lines()) {
            JsonNode d = Json.read(line);
            if (d.get("decidedAt").asText().compareTo(AT) <= 0) {
                wonByThen.add(d.get("member").asText() + " " + d.get("campaign").asText());
            }
        }
        assertThat(wonByThen).isNotEmpty();
        for (JsonNode board : all.get("rankings")) {
            List<JsonNode> entries = new ArrayList<>();
            board.get("entries").forEach(entries::add);
            assertThat(entries).hasSize(board.get("members").asInt()).isNotEmpty();
            for (int i = 0; i < entries.size(); i++) {
                JsonNode e = entries.get(i);
                assertThat(e.get("place").asInt()).isEqualTo(i + 1);
                boolean won = wonByThen.contains(e.get("member").asText() + " " + board.get("campaign").asText());
                assertThat(e.get("decided").asBoolean()).as(e.toString()).isEqualTo(won);
                double rate = won ? 1.0 : Math.min(1.0, e.get("count").asDouble() / e.get("target").asDouble());
                assertThat(e.get("completion").asDouble()).as(e.toString()).isEqualTo(rate);
                if (i > 0) {
                    JsonNode before = entries.get(i - 1);
                    assertThat(before.get("count").asInt()).isGreaterThanOrEqualTo(e.get("count").asInt());
                    if (before.get("count").asInt() == e.get("count").asInt()) {
                        assertThat(before.get("member").asText()).isLessThan(e.get("member").asText());
                    }
                }
            }
        }
    }

    @Test
    void theTextBoardShowsTheSameTopMembersAsTheJson() {
        JsonNode board = Json.read(rewards("rankings", DEMO, "--at", AT, "--json", "--campaign", "streak-15", "--limit", "3").out())
                .get("rankings").get(0);
        CommandRun text = rewards("rankings", DEMO, "--at", AT, "--campaign", "streak-15", "--limit", "3");

        assertThat(board.get("entries")).hasSize(3);
        List<String> lines = text.lines();
        assertThat(lines.get(0)).contains("2026-03-10");
        for (JsonNode e : board.get("entries")) {
            String row = e.get("place").asText() + ". " + e.get("member").asText() + "  " + e.get("count").asText() + "/15";
            assertThat(lines).anyMatch(l -> l.strip().startsWith(row));
        }
    }

    @Test
    void withoutAtEveryMemberIsMeasuredOnTheLatestDayOfTheHistory() {
        JsonNode all = Json.read(rewards("rankings", DEMO, "--json").out());
        String newest = "";
        for (String m : List.of("chen", "gao", "he", "li", "liu", "mei", "sun", "wang", "wu", "xu", "zhang", "zhao", "zhou")) {
            String day = Json.read(rewards("explain", DEMO, "--member", m, "--json").out()).at("/progress/latestActivity").asText();
            newest = day.compareTo(newest) > 0 ? day : newest;
        }
        assertThat(all.get("asOf").asText()).isEqualTo(newest);
        assertThat(all.get("rankings").get(0).get("members").asInt()).isEqualTo(13);
    }

    @Test
    void mistakesAreNamedAndExitTwo() {
        CommandRun campaign = rewards("rankings", DEMO, "--campaign", "streak-16");
        CommandRun at = rewards("rankings", DEMO, "--at", "2026-03-10");
        CommandRun limit = rewards("rankings", DEMO, "--limit", "0");

        assertThat(campaign.code()).isEqualTo(2);
        assertThat(campaign.err()).contains("--campaign streak-16: no such campaign", "streak-15");
        assertThat(at.code()).isEqualTo(2);
        assertThat(at.err()).contains("--at 2026-03-10: expected an instant with its offset");
        assertThat(limit.code()).isEqualTo(2);
        assertThat(limit.err()).contains("--limit 0");
    }
}
