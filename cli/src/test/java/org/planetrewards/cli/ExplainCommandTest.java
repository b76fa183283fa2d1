package org.planetrewards.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.planetrewards.cli.ReplayCommandTest.rewards;

/**
 * {@code rewards explain} on the demo cast (histories/README.md): a member who won everything, two who
 * nearly won, and members who failed on each quality reason, in the quality rules' own words.
 */
class ExplainCommandTest {
    static final String DEMO = "../examples/histories/demo.jsonl";

    static String explain(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "explain";
        all[1] = DEMO;
        System.arraycopy(args, 0, all, 2, args.length);
        CommandRun run = rewards(all);
        assertThat(run.code()).as(run.err()).isZero();
        return run.out();
    }

    @Test
    void meiWonAllThreeAndALateRejectionUndidNothing() {
        String out = explain("--member", "mei");

        assertThat(out).startsWith("mei: 19 counted days, latest activity 2026-03-20 (days in Asia/Shanghai)\n");
        assertThat(out).contains(
                "2026-03-01  checked in, COUNTED\n    post mei-story [member-story]: high quality\n",
                "    REWARD member-story → story-badge decided at 2026-03-01T12:00:00+08:00\n",
                "    REWARD streak-15 → chatgpt-account decided at 2026-03-15T21:00:00+08:00\n",
                "    REWARD window-15-of-30 → openai-key decided at 2026-03-15T21:00:00+08:00\n",
                // The admin features 03-12 (no effect) and rejects 03-03 after the decisions.
                "high quality, featured by a moderator at 2026-03-13T10:00:00+08:00",
                "2026-03-03  checked in, not counted (no high-quality post)\n",
                "        rejected — was rejected by a moderator on 2026-03-21 at 11:00\n",
                "Counted days (19): 2026-03-01..2026-03-02, 2026-03-04..2026-03-20\n",
                "  streak-15: won chatgpt-account at 2026-03-15T21:00:00+08:00, evidence 15 days 2026-03-01..2026-03-15\n",
                "  window-15-of-30: won openai-key at 2026-03-15T21:00:00+08:00, evidence 15 days 2026-03-01..2026-03-15\n",
                "  member-story: won story-badge at 2026-03-01T12:00:00+08:00, evidence day 2026-03-01\n");
        assertThat(out).doesNotContain("missing:");
    }

    @Test
    void zhangNearlyWonAndOnlyLacksACheckInOnTheSeventeenth() {
        String out = explain("--member", "zhang");

        assertThat(out).contains(
                "2026-03-17  no check-in, not counted (no check-in)\n    post zhang-0317 [resources]: high quality\n",
                "Counted days (14): 2026-03-03..2026-03-16\n",
                "  streak-15: 14/15 counted days in a row (2026-03-03..2026-03-16), next needed 2026-03-17,"
                        + " wins chatgpt-account on 2026-03-17 at the earliest\n",
                "      missing: 14/15 counted days in a row — check in on 2026-03-17 (your post that day is high quality);"
                        + " that day wins chatgpt-account\n",
                "  window-15-of-30: 14/15 counted days in the 30 days up to 2026-03-17 (2026-02-16..2026-03-17),"
                        + " next needed 2026-03-17, wins openai-key on 2026-03-17 at the earliest\n",
                "  member-story: won story-badge at 2026-03-03T21:30:00+08:00");
    }

    @Test
    void chenNearlyWonTheWindowOneCharacterShort() {
        String out = explain("--member", "chen");

        assertThat(out).contains(
                "2026-03-30  checked in, not counted (no high-quality post)\n    post chen-0330 [tricks]: NOT high quality\n"
                        + "        too-short — has 49 non-whitespace characters, 1 short of 50\n",
                "  window-15-of-30: 14/15 counted days in the 30 days up to 2026-03-30 (2026-03-01..2026-03-30),"
                        + " next needed 2026-03-30, wins openai-key on 2026-03-30 at the earliest\n",
                "that day wins openai-key");
    }

    @Test
    void wangFailedOnLength() {
        String out = explain("--member", "wang");

        assertThat(out).contains(
                "2026-03-06  checked in, not counted (no high-quality post)\n    post wang-0306 [tricks]: NOT high quality\n"
                        + "        too-short — has 35 non-whitespace characters, 15 short of 50\n",
                "2026-03-08  checked in, COUNTED\n",
                // The story was a one-liner until its edit on 03-09: judged on the edited version.
                "    post wang-story [member-story] version of 2026-03-09T21:00:00+08:00: high quality\n",
                "Counted days (4): 2026-03-05, 2026-03-08, 2026-03-12, 2026-03-16\n",
                // Her last counted day, 03-16, is four days behind: the streak starts again on 03-20.
                "  streak-15: 0/15 counted days in a row, next needed 2026-03-20, wins chatgpt-account on 2026-04-03 at the earliest\n");
    }

    @Test
    void zhaoFailedOnSourceLinksAndLiuOnTags() {
        String zhao = explain("--member", "zhao");
        assertThat(zhao).contains(
                "    post zhao-story [deep-dive, member-story]: NOT high quality\n"
                        + "        no-source-link — is tagged deep-dive but has no http:// or https:// link\n",
                "Counted days (4): 2026-03-09, 2026-03-12, 2026-03-15, 2026-03-18\n",
                "  member-story: 0/1 high-quality posts tagged member-story\n");

        String liu = explain("--member", "liu");
        assertThat(liu).contains("no-known-tag — carries no community tag", "Counted days (0): none");
    }

    @Test
    void sunsRejectedPostSplitsHisDays() {
        String out = explain("--member", "sun", "--date", "2026-03-17");

        assertThat(out).contains("Timeline on 2026-03-17\n2026-03-17  checked in, not counted (no high-quality post)\n",
                "(latest moderation: reject at 2026-03-18T09:00:00+08:00)\n        rejected — was rejected by a moderator on 2026-03-18 at 09:00\n",
                "Counted days (14): 2026-03-10..2026-03-16, 2026-03-18..2026-03-24\n");
        assertThat(out).doesNotContain("2026-03-16  ");
    }

    @Test
    void jsonCarriesTheSameExplanation() {
        JsonNode json = Json.read(explain("--member", "chen", "--date", "2026-03-30", "--json"));

        assertThat(json.get("member").asText()).isEqualTo("chen");
        assertThat(json.get("timeline")).hasSize(1);
        JsonNode post = json.get("timeline").get(0).get("posts").get(0);
        assertThat(post.get("id").asText()).isEqualTo("chen-0330");
        assertThat(post.get("highQuality").asBoolean()).isFalse();
        assertThat(post.get("problems").get(0).get("reason").asText()).isEqualTo("too-short");
        assertThat(post.get("problems").get(0).get("detail").asText()).isEqualTo("has 49 non-whitespace characters, 1 short of 50");
        assertThat(json.get("countedDays")).hasSize(14);
        JsonNode window = json.get("progress").get("campaigns").get(1);
        assertThat(window.get("campaign").asText()).isEqualTo("window-15-of-30");
        assertThat(window.get("current").get("count").asInt()).isEqualTo(14);
        assertThat(window.get("nextNeeded").asText()).isEqualTo("2026-03-30");
        assertThat(window.get("decided").asBoolean()).isFalse();
    }

    @Test
    void aMemberTheHistoryDoesNotMentionIsRefused() {
        CommandRun run = rewards("explain", DEMO, "--member", "nobody");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("demo.jsonl has no fact of member \"nobody\"");
    }
}
