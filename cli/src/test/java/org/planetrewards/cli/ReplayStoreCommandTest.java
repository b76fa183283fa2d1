package org.planetrewards.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.planetrewards.DecisionJson;
import org.planetrewards.generate.HistoryGenerator;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rewards replay HISTORY --store JDBC-URL}: run twice, and killed with SIGKILL at random moments
 * (a real {@code java} process running the command line), then run again. The table must end as one
 * uninterrupted run leaves it, holding exactly the decisions plain {@code replay} prints.
 */
class ReplayStoreCommandTest {
    private static final Path DEMO = Path.of("../examples/histories/demo.jsonl");
    private static EmbeddedPostgres postgres;
    private static String postgresWhyNot;

    @TempDir
    Path dir;

    @Test
    void twiceInARowStoresOneRowPerDecisionWithReplaysIds() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("rewards.db");
        CommandRun plain = CommandRun.of("replay", DEMO.toString());
        CommandRun first = CommandRun.of("replay", DEMO.toString(), "--store", url, "--store-batch", "50");
        CommandRun second = CommandRun.of("replay", DEMO.toString(), "--store", url, "--store-batch", "50");

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.lines()).as("the first run prints what it stored: replay's decisions").isEqualTo(plain.lines());
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.lines()).as("the second run stores nothing new").isEmpty();
        assertThat(second.err()).contains("0 new decisions");
        List<String> replayIds = plain.lines().stream().map(l -> DecisionJson.parse(l).id()).toList();
        assertThat(table(url)).extracting(row -> row.split("\t")[0]).containsExactlyElementsOf(replayIds);
    }

    /**
     * The revocation example's history (docs/examples/revocation) with its settings: replay prints the
     * revocation after the decisions, and --store leaves m1's row revoked and m2's decided, run after run.
     */
    @Test
    void aRevocationIsPrintedAndMarksItsRowRevoked() throws Exception {
        Path example = Path.of("../docs/examples/revocation");
        Path history = dir.resolve("post-and-delete.jsonl");
        Files.write(history, Files.readAllLines(example.resolve("post-and-delete.scenario.jsonl")).stream()
                .filter(l -> l.startsWith("{\"type\"")).toList());
        String settings = example.resolve("settings.json").toString();
        String url = "jdbc:sqlite:" + dir.resolve("rewards.db");
        CommandRun plain = CommandRun.of("replay", history.toString(), "--settings", settings);
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.lines()).hasSize(3);
        assertThat(plain.lines().get(2)).startsWith("{\"member\":\"m1\",\"campaign\":\"streak-3\",\"reward\":\"sticker\","
                + "\"decidedAt\":\"2026-03-04T09:00:00+08:00\",\"days\":[\"2026-03-01\",\"2026-03-02\",\"2026-03-03\"],"
                + "\"status\":\"revoked\",\"reason\":").contains("\"cause\":\"moderation reject of post \\\"a2\\\"");
        for (int run = 0; run < 2; run++) {
            CommandRun stored = CommandRun.of("replay", history.toString(), "--settings", settings, "--store", url, "--store-batch", "1");
            assertThat(stored.code()).as(stored.err()).isZero();
        }
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id, member, status, revoked_at FROM decisions ORDER BY seq")) {
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getString(4));
            }
        }
        String m1 = DecisionJson.parse(plain.lines().get(0)).id();
        String m2 = DecisionJson.parse(plain.lines().get(1)).id();
        assertThat(rows).containsExactly(m1 + " m1 revoked 2026-03-04T09:00:00+08:00", m2 + " m2 decided null");
    }

    @Test
    void aStoreOfAnotherHistoryIsRefusedWithExit2() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("rewards.db");
        Path other = dir.resolve("other.jsonl");
        Files.write(other, Files.readAllLines(DEMO).subList(1, 40));
        assertThat(CommandRun.of("replay", DEMO.toString(), "--store", url).code()).isZero();

        CommandRun refused = CommandRun.of("replay", other.toString(), "--store", url);

        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).startsWith("rewards: the store jdbc:sqlite:").contains("holds demo.jsonl up to line");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void killedAtRandomMomentsThenRunAgainEndsAsOneUninterruptedRun(String kind) throws Exception {
        Path history = dir.resolve("history.jsonl");
        try (Writer w = Files.newBufferedWriter(history, StandardCharsets.UTF_8)) {
            new HistoryGenerator(7, 150, 30).write(w);
        }
        long totalLines = Files.readAllLines(history).size();
        String uninterruptedUrl = url(kind, "uninterrupted");
        String killedUrl = url(kind, "killed");
        CommandRun uninterrupted = CommandRun.of("replay", history.toString(), "--store", uninterruptedUrl, "--store-batch", "97");
        assertThat(uninterrupted.code()).as(uninterrupted.err()).isZero();
        assertThat(uninterrupted.lines()).isEqualTo(CommandRun.of("replay", history.toString()).lines());

        SplittableRandom random = new SplittableRandom(kind.hashCode());
        int kills = kind.equals("sqlite") ? 3 : 2;
        List<String> moments = new ArrayList<>();
        int midRun = 0;
        for (int k = 0; k < kills; k++) {
            Process p = cli(history, killedUrl);
            long before = checkpointLines(killedUrl);
            long target;
            if (k == 0) {
                Thread.sleep(random.nextInt(50, 1500)); // anywhere in start-up or the first batches
                target = -1;
            } else {
                target = before + random.nextLong(1, Math.max(2, (totalLines - before) / 2));
                while (p.isAlive() && checkpointLines(killedUrl) < target) {
                    Thread.sleep(5);
                }
                Thread.sleep(random.nextInt(0, 40)); // and then a little later: often inside a transaction
            }
            boolean wasAlive = p.isAlive();
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback, no close
            p.waitFor(30, TimeUnit.SECONDS);
            long after = checkpointLines(killedUrl);
            moments.add("kill " + k + ": checkpoint " + before + " -> " + after + " of " + totalLines
                    + (target >= 0 ? " (aimed past " + target + ")" : " (random delay)") + (wasAlive ? "" : ", it had finished"));
            if (wasAlive && after > 0 && after < totalLines) {
                midRun++;
            }
        }
        Process last = cli(history, killedUrl);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).as("the last run finishes").isTrue();
        System.out.println("replay --store " + kind + " killed with SIGKILL: " + String.join("; ", moments));
        assertThat(last.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();

        assertThat(midRun).as("kills that landed in the middle of the replay: %s", moments).isGreaterThanOrEqualTo(1);
        assertThat(table(killedUrl)).as("the table after kills and a rerun")
                .hasSize(uninterrupted.lines().size())
                .isEqualTo(table(uninterruptedUrl));
    }

    private Process cli(Path history, String url) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Rewards.class.getName(), "replay", history.toString(), "--store", url, "--store-batch", "97")
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
    }

    private String url(String kind, String name) throws SQLException {
        if (kind.equals("sqlite")) {
            return "jdbc:sqlite:" + dir.resolve(name + ".db");
        }
        synchronized (ReplayStoreCommandTest.class) {
            if (postgres == null && postgresWhyNot == null) {
                try {
                    postgres = EmbeddedPostgres.builder().start();
                } catch (Exception | LinkageError e) {
                    postgresWhyNot = e.toString();
                }
            }
        }
        Assumptions.assumeTrue(postgresWhyNot == null,
                () -> "PostgreSQL could not start on this machine, so this test is skipped: " + postgresWhyNot);
        String db = name + "_" + Math.abs(dir.hashCode());
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
             Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE " + db);
        }
        return postgres.getJdbcUrl("postgres", db);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** Lines consumed according to the store, or 0 before the first commit (tables not there, or busy). */
    private static long checkpointLines(String url) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT lines FROM rewards_checkpoint")) {
            return r.next() ? r.getLong(1) : 0;
        } catch (SQLException notYet) {
            return 0;
        }
    }

    /** Every row of {@code decisions}, in decision order, its columns tab-separated. */
    private static List<String> table(String url) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id, member, campaign, reward, decided_at, days, seq FROM decisions ORDER BY seq")) {
            while (r.next()) {
                rows.add(String.join("\t", r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getString(6), Long.toString(r.getLong(7))));
            }
        }
        return rows;
    }
}
