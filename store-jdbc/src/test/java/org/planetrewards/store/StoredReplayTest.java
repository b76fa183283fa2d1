package org.planetrewards.store;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.planetrewards.Decision;
import org.planetrewards.DecisionJson;
import org.planetrewards.HistoryReader;
import org.planetrewards.InvalidInputException;
import org.planetrewards.RewardsEngine;
import org.planetrewards.Settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demo history stored in SQLite and in PostgreSQL: run twice, grown, stopped after a commit,
 * swapped for another file, broken at a line. The table is compared with what the engine decides
 * replaying the same lines with no store at all.
 */
class StoredReplayTest {
    static final Path DEMO = Path.of("../examples/histories/demo.jsonl");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void twiceInARowStoresEachDecisionOnce(String kind) throws Exception {
        String url = Databases.of(kind, dir);
        List<Decision> expected = decisionsOf(DEMO);
        assertThat(expected).as("a history that decides something").hasSizeGreaterThan(5);

        StoredReplay.Result first = run(url, DEMO, 40);
        StoredReplay.Result second = run(url, DEMO, 40);

        assertThat(first.stored()).isEqualTo(expected.size());
        assertThat(second.stored()).as("the second run finds everything stored").isZero();
        assertThat(second.resumedAfterLine()).isEqualTo(first.lines());
        assertThat(lines(stored(url))).isEqualTo(lines(expected));
        assertThat(ids(url)).containsExactlyInAnyOrderElementsOf(expected.stream().map(Decision::id).toList());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aLongerHistoryStoresOnlyWhatTheNewLinesDecide(String kind) throws Exception {
        String url = Databases.of(kind, dir);
        List<String> all = Files.readAllLines(DEMO);
        Path growing = dir.resolve("demo.jsonl");
        Files.write(growing, all.subList(0, 250));
        List<Decision> early = decisionsOf(growing);

        assertThat(run(url, growing, 1_000).stored()).isEqualTo(early.size());
        Files.write(growing, all); // the same 250 lines, then the rest
        StoredReplay.Result later = run(url, growing, 1_000);

        List<Decision> expected = decisionsOf(DEMO);
        assertThat(later.resumedAfterLine()).isEqualTo(250);
        assertThat(later.stored()).isEqualTo(expected.size() - early.size()).isPositive();
        assertThat(lines(stored(url))).isEqualTo(lines(expected));
    }

    /**
     * With revocableFor: m1 wins and loses the reward to a rejection (revoked), m3 loses it and wins it
     * again (decided again, same id), m2's rejection comes after the period (final). Stored in batches of
     * one line and of all lines, each twice: the rows end the same, a revocation applied once.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void revocationsMarkTheirRowRevokedOnceAndAWinAgainDecidesItAgain(String kind) throws Exception {
        Path history = Path.of("src/test/resources/revocations.jsonl");
        Settings settings = Settings.load(Path.of("src/test/resources/revocable-settings.json"));
        List<Decision> replayed;
        try (RewardsEngine engine = RewardsEngine.builder().settings(settings).shards(1).build();
             HistoryReader reader = HistoryReader.open(history)) {
            replayed = engine.replay(reader);
        }
        assertThat(replayed).filteredOn(Decision::isRevocation).extracting(Decision::member).containsExactly("m1", "m3");
        for (int batch : new int[]{1, 1_000}) {
            String url = Databases.of(kind, dir);
            for (int run = 0; run < 2; run++) {
                try (DecisionStore store = DecisionStore.open(url)) {
                    new StoredReplay(store, RewardsEngine.builder().settings(settings).shards(2)).batchLines(batch).replay(history);
                }
            }
            List<Decision> rows = stored(url);
            assertThat(rows).extracting(d -> d.member() + " " + (d.isRevocation() ? "revoked" : "decided"))
                    .as("batch %d", batch).containsExactly("m1 revoked", "m2 decided", "m3 decided");
            Decision m1 = rows.get(0);
            assertThat(m1.decidedAt()).as("stamped by the rejection").isEqualTo(OffsetDateTime.parse("2026-03-04T09:00:00+08:00"));
            assertThat(m1.revocation().cause()).startsWith("moderation reject of post \"a2\"");
            assertThat(m1.id()).isEqualTo(replayed.get(0).id());
            assertThat(rows.get(2).decidedAt()).as("m3 won again").isEqualTo(OffsetDateTime.parse("2026-03-05T21:00:00+08:00"));
            assertThat(ids(url)).hasSize(3);
        }
    }

    /** A run that stops right after its k-th commit (what a crash there leaves), then runs to the end. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void stoppedAfterAnyCommitThenRunAgainLeavesTheSameTable(String kind) throws Exception {
        List<String> expected = lines(decisionsOf(DEMO));
        for (int k = 1; k <= 9; k += 2) {
            String url = Databases.of(kind, dir);
            int[] commits = {0};
            int stopAfter = k;
            try (DecisionStore store = DecisionStore.open(url)) {
                new StoredReplay(store, RewardsEngine.builder().shards(1)).batchLines(30)
                        .onStored(d -> {
                            if (++commits[0] == stopAfter) {
                                throw new Stop();
                            }
                        })
                        .replay(DEMO);
            } catch (Stop stopped) {
                // the process "dies" here: the transaction that stored this decision has committed
            }
            run(url, DEMO, 30);
            assertThat(lines(stored(url))).as("stopped after decision %d", k).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite"})
    void anotherHistoryIsRefusedNotResumed(String kind) throws Exception {
        String url = Databases.of(kind, dir);
        run(url, DEMO, 100);
        List<String> changed = new ArrayList<>(Files.readAllLines(DEMO));
        changed.set(2, changed.get(2).replace("\"at\"", "\"at\" ")); // the same fact, other bytes: still another file
        Path other = dir.resolve("other.jsonl");
        Files.write(other, changed);

        assertThatThrownBy(() -> run(url, other, 100))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("holds demo.jsonl up to line " + changed.size())
                .hasMessageContaining("the first " + changed.size() + " lines of other.jsonl are not those lines");
        assertThat(lines(stored(url))).isEqualTo(lines(decisionsOf(DEMO)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite"})
    void aBadLineStopsTheRunWithEverythingBeforeItStored(String kind) throws Exception {
        String url = Databases.of(kind, dir);
        List<String> all = new ArrayList<>(Files.readAllLines(DEMO));
        all.set(299, "{\"type\":\"checkin\",\"member\":\"mei\"}");
        Path broken = dir.resolve("broken.jsonl");
        Files.write(broken, all);
        Path before = dir.resolve("before.jsonl");
        Files.write(before, all.subList(0, 299));

        assertThatThrownBy(() -> run(url, broken, 1_000))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("broken.jsonl:300: checkin is missing \"at\"");
        assertThat(lines(stored(url))).isEqualTo(lines(decisionsOf(before)));
        try (DecisionStore store = DecisionStore.open(url)) {
            assertThat(store.checkpoint().orElseThrow().lines()).isEqualTo(299);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite"})
    void windowsLineBreaksResumeAtTheSameLine(String kind) throws Exception {
        String url = Databases.of(kind, dir);
        List<String> all = Files.readAllLines(DEMO);
        Path crlf = dir.resolve("crlf.jsonl");
        Files.writeString(crlf, String.join("\r\n", all.subList(0, 180)) + "\r\n", StandardCharsets.UTF_8);
        run(url, crlf, 50);
        Files.writeString(crlf, String.join("\r\n", all) + "\r\n", StandardCharsets.UTF_8);
        StoredReplay.Result later = run(url, crlf, 50);

        assertThat(later.resumedAfterLine()).isEqualTo(180);
        assertThat(lines(stored(url))).isEqualTo(lines(decisionsOf(DEMO)));
    }

    private static final class Stop extends RuntimeException {
    }

    static StoredReplay.Result run(String url, Path history, int batch) throws IOException {
        try (DecisionStore store = DecisionStore.open(url)) {
            return new StoredReplay(store, RewardsEngine.builder().shards(2)).batchLines(batch).replay(history);
        }
    }

    /** What the engine decides on the history with no store: the reference. */
    static List<Decision> decisionsOf(Path history) throws IOException {
        try (RewardsEngine engine = RewardsEngine.builder().shards(1).build();
             HistoryReader reader = HistoryReader.open(history)) {
            return engine.replay(reader);
        }
    }

    static List<Decision> stored(String url) {
        try (DecisionStore store = DecisionStore.open(url)) {
            return store.decisions();
        }
    }

    static List<String> ids(String url) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id FROM decisions")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }

    static List<String> lines(List<Decision> decisions) {
        return decisions.stream().map(DecisionJson::toJson).toList();
    }
}
