package org.planetrewards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.planetrewards.model.Campaign;
import org.planetrewards.model.ModerationAction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Hot reload ({@link RewardsEngine#reload}) into an engine that is deciding the demo history:
 * a broken rule set changes nothing; a good one decides from then on like a fresh replay under the
 * new rules, less the campaigns already decided; facts submitted meanwhile are neither lost nor
 * applied twice.
 */
class HotReloadTest {
    static final Path DEMO = Path.of("../examples/histories/demo.jsonl");
    static final Path TEN_IN_TWENTY = Path.of("../examples/settings/ten-in-twenty.json");
    static final Path RELOAD_RULES = Path.of("src/test/resources/reload-rules");
    static final Comparator<Decision> BY_KEY = Comparator.comparing(Decision::member).thenComparing(Decision::campaign);

    static List<Fact> facts;

    @BeforeAll
    static void readTheDemoHistory() throws IOException {
        try (HistoryReader r = HistoryReader.open(DEMO)) {
            facts = r.readAll();
        }
        assertThat(facts).hasSize(439);
    }

    /** Rules and settings. */
    record Config(String name, RulePack rules, Settings settings) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A decision and the index of the fact that caused it ({@code -1}: made by reload itself). */
    record Caused(int fact, Decision decision) {
    }

    /** Who won what. */
    record Key(String member, String campaign) {
        static Key of(Decision d) {
            return new Key(d.member(), d.campaign());
        }
    }

    static Config defaults() {
        return new Config("default pack + default settings", RulePack.defaults(), Settings.defaults());
    }

    static Config tenInTwenty() {
        return new Config("default pack + 10 in 20", RulePack.defaults(), Settings.load(TEN_IN_TWENTY));
    }

    /** A rule change (any post with the story tag wins the badge, good or not) and the settings change at once. */
    static Config anyStoryAndTenInTwenty() {
        return new Config("any tagged story + 10 in 20", with(RELOAD_RULES.resolve("campaign-tagged-post.drl")), Settings.load(TEN_IN_TWENTY));
    }

    /** The default pack with one file added, or put in place of the default file of the same name. */
    static RulePack with(Path file) {
        Map<String, String> files = new LinkedHashMap<>(RulePack.defaults().files());
        try {
            files.put(file.getFileName().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return RulePack.of("default pack with " + file.getFileName(), files);
    }

    static RewardsEngine engine(Config c, DecisionHandler handler) {
        return RewardsEngine.builder().rules(c.rules()).settings(c.settings()).onDecision(handler).build();
    }

    static List<Caused> apply(RewardsEngine engine, int from, int to) {
        List<Caused> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            for (Decision d : engine.apply(facts.get(i))) {
                out.add(new Caused(i, d));
            }
        }
        return out;
    }

    private static final Map<String, List<Caused>> FRESH = new ConcurrentHashMap<>();

    /** Every decision of a replay of the whole demo history under {@code c}, with its cause. */
    static List<Caused> fresh(Config c) {
        return FRESH.computeIfAbsent(c.name(), n -> {
            try (RewardsEngine e = engine(c, d -> { })) {
                return apply(e, 0, facts.size());
            }
        });
    }

    static List<Decision> decisions(List<Caused> caused) {
        return caused.stream().map(Caused::decision).toList();
    }

    // ---- (a) a broken rule set: refused, and the old rules keep deciding ------------------------

    static Stream<Arguments> brokenReloads() {
        Settings tenInTwenty = Settings.load(TEN_IN_TWENTY);
        return Stream.of(
                Arguments.of("a syntax error", with(Path.of("src/test/resources/mistake-rules/syntax-error.drl")), tenInTwenty,
                        RulesException.class, "syntax-error.drl:7:"),
                Arguments.of("a hostile file refused by the code check", with(Path.of("src/test/resources/hostile-rules/system-exit.drl")),
                        tenInTwenty, RulesException.class, "system-exit.drl:11:"),
                Arguments.of("a rule that throws while the sessions are rebuilt", with(RELOAD_RULES.resolve("fails-on-any-check-in.drl")),
                        tenInTwenty, RuleFailureException.class, "no check-ins today"),
                Arguments.of("settings in another zone", RulePack.defaults(), Settings.defaults().withZone(ZoneId.of("UTC")),
                        IllegalArgumentException.class, "a reload cannot change the zone"),
                Arguments.of("settings whose day starts at another hour", RulePack.defaults(),
                        Settings.defaults().withDayStartsAt(java.time.LocalTime.of(4, 0)),
                        IllegalArgumentException.class, "a reload cannot change the hour the day starts at"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenReloads")
    void aBrokenReloadIsRefusedAndTheOldRulesKeepDeciding(String what, RulePack broken, Settings settings,
                                                          Class<? extends Exception> refusal, String message) {
        int k = 222;
        List<Decision> handledByUntouched = new ArrayList<>();
        List<Decision> handled = new ArrayList<>();
        try (RewardsEngine untouched = engine(defaults(), handledByUntouched::add);
             RewardsEngine engine = engine(defaults(), handled::add)) {
            List<Caused> expected = apply(untouched, 0, facts.size());
            List<Caused> actual = apply(engine, 0, k);
            RulePack rulesBefore = engine.rules();
            Settings settingsBefore = engine.settings();

            Throwable refused = catchThrowable(() -> engine.reload(broken, settings));

            assertThat(refused).isInstanceOf(refusal).hasMessageContaining(message);
            assertThat(engine.rules()).isSameAs(rulesBefore);
            assertThat(engine.settings()).isSameAs(settingsBefore);
            actual.addAll(apply(engine, k, facts.size()));
            assertThat(actual).isEqualTo(expected);
            assertThat(handled).isEqualTo(handledByUntouched).isEqualTo(decisions(expected));
            assertThat(engine.pendingDecisions()).isEmpty();
        }
    }

    @Test
    void aRefusedReloadDoesNotStopALaterGoodOne() {
        try (RewardsEngine engine = engine(defaults(), d -> { })) {
            apply(engine, 0, 100);
            assertThat(catchThrowable(() -> engine.reload(with(Path.of("src/test/resources/mistake-rules/syntax-error.drl")),
                    Settings.defaults()))).isInstanceOf(RulesException.class);
            engine.reload(RulePack.defaults(), Settings.load(TEN_IN_TWENTY));
            assertThat(engine.settings()).isEqualTo(Settings.load(TEN_IN_TWENTY));
        }
    }

    // ---- (b) a good rule set mid-history: a fresh replay, less what was decided -------------------

    static Stream<Arguments> goodReloads() {
        List<Integer> points = List.of(0, 1, 60, 150, 222, 300, 380, 438, 439);
        return Stream.of(tenInTwenty(), anyStoryAndTenInTwenty())
                .flatMap(c -> points.stream().map(k -> Arguments.of(c, k)));
    }

    /**
     * With B the campaigns decided before the reload (old rules, facts 0..k-1) and F a fresh replay
     * of the whole history under the new rules:
     * <ul>
     *   <li>reload() itself decides exactly F's decisions caused by facts 0..k-1 whose campaign is not
     *       in B, with their evidence, but stamped with the last fact applied (fact k-1): the engine
     *       learns only now that they are met;</li>
     *   <li>facts k.. decide exactly F's decisions caused by them whose campaign is not in B, in F's
     *       order and with F's stamps and evidence;</li>
     *   <li>so no member wins a campaign twice, and before + catch-up + after covers F's campaigns and
     *       B: a campaign the new rules no longer award stays decided.</li>
     * </ul>
     * This holds when every condition the new rules met before the reload still holds at the reload,
     * as in the demo history; {@link #aConditionMetOnlyBeforeTheReloadIsNotCaughtUp} shows the exception.
     */
    @ParameterizedTest(name = "{0}, reloaded before fact {1}")
    @MethodSource("goodReloads")
    void aGoodReloadDecidesLikeAFreshReplayLessWhatWasAlreadyDecided(Config next, int k) {
        List<Caused> fresh = fresh(next);
        List<Decision> handled = new ArrayList<>();
        try (RewardsEngine engine = engine(defaults(), handled::add)) {
            List<Caused> before = apply(engine, 0, k);
            List<Decision> catchUp = engine.reload(next.rules(), next.settings());
            List<Caused> after = apply(engine, k, facts.size());

            Set<Key> decidedBefore = before.stream().map(c -> Key.of(c.decision())).collect(Collectors.toSet());
            ZoneId zone = next.settings().zone();
            List<Decision> expectedCatchUp = fresh.stream()
                    .filter(c -> c.fact() < k && !decidedBefore.contains(Key.of(c.decision())))
                    .map(c -> stampedWith(c.decision(), facts.get(k - 1).stamp(), zone))
                    .sorted(BY_KEY).toList();
            List<Caused> expectedAfter = fresh.stream()
                    .filter(c -> c.fact() >= k && !decidedBefore.contains(Key.of(c.decision()))).toList();

            assertThat(catchUp.stream().sorted(BY_KEY).toList()).isEqualTo(expectedCatchUp);
            assertThat(after).isEqualTo(expectedAfter);
            List<Decision> all = new ArrayList<>(decisions(before));
            all.addAll(catchUp);
            all.addAll(decisions(after));
            assertThat(all.stream().map(Key::of).toList()).doesNotHaveDuplicates();
            assertThat(handled).isEqualTo(all);
            Set<Key> won = all.stream().map(Key::of).collect(Collectors.toSet());
            assertThat(won).containsAll(fresh.stream().map(c -> Key.of(c.decision())).toList()).containsAll(decidedBefore);
            assertThat(engine.settings()).isEqualTo(next.settings());
        }
    }

    @Test
    void theReloadPointsAboveCatchUpSomethingAndDecideSomethingAfterwards() {
        // Guards the test above against passing vacuously: at fact 222 both parts are non-empty.
        try (RewardsEngine engine = engine(defaults(), d -> { })) {
            apply(engine, 0, 222);
            assertThat(engine.reload(RulePack.defaults(), Settings.load(TEN_IN_TWENTY))).isNotEmpty();
            assertThat(apply(engine, 222, facts.size())).isNotEmpty();
        }
    }

    static Decision stampedWith(Decision d, OffsetDateTime stamp, ZoneId zone) {
        return new Decision(d.member(), d.campaign(), d.reward(), stamp.atZoneSameInstant(zone).toOffsetDateTime(), d.days());
    }

    /**
     * The exception to the relation above: reload judges the members' current facts, it does not
     * replay their past. m1 meets "3 in a row" under the new rules at fact 5, but a rejection at fact 6
     * un-meets it before the reload: a fresh replay decides at fact 5, the reloaded engine decides
     * nothing at the reload and only when the condition holds again (the restore at fact 9).
     */
    @Test
    void aConditionMetOnlyBeforeTheReloadIsNotCaughtUp() {
        String text = "I asked ChatGPT to turn my meeting notes into a task list for each owner, and it saved an hour.";
        List<Fact> history = new ArrayList<>();
        for (int day = 1; day <= 3; day++) {
            history.add(new CheckIn("m1", at(day, 8)));
            history.add(new Post("p" + day, "m1", at(day, 21), text, List.of("news"), List.of()));
        }
        history.add(new Moderation("p2", ModerationAction.REJECT, at(3, 22)));
        history.add(new CheckIn("m1", at(4, 8)));
        history.add(new Post("p4", "m1", at(4, 21), text, List.of("news"), List.of()));
        history.add(new Moderation("p2", ModerationAction.RESTORE, at(5, 9)));
        Settings threeInARow = Settings.defaults().withCampaigns(List.of(DefaultKinds.consecutiveDays("streak-3", "chatgpt-account", 3)));

        List<Decision> fresh = new ArrayList<>();
        try (RewardsEngine e = RewardsEngine.builder().settings(threeInARow).build()) {
            history.forEach(f -> fresh.addAll(e.apply(f)));
        }
        List<Decision> reloaded = new ArrayList<>();
        try (RewardsEngine e = RewardsEngine.builder().build()) {
            history.subList(0, 7).forEach(f -> reloaded.addAll(e.apply(f)));
            assertThat(reloaded).isEmpty();
            assertThat(e.reload(RulePack.defaults(), threeInARow)).isEmpty();
            history.subList(7, history.size()).forEach(f -> reloaded.addAll(e.apply(f)));
        }

        assertThat(fresh).extracting(d -> d.decidedAt().toString()).containsExactly("2026-03-03T21:00+08:00");
        assertThat(reloaded).extracting(d -> d.decidedAt().toString()).containsExactly("2026-03-05T09:00+08:00");
        assertThat(reloaded.get(0).days()).isEqualTo(fresh.get(0).days());
    }

    static OffsetDateTime at(int day, int hour) {
        return OffsetDateTime.parse(String.format("2026-03-%02dT%02d:00:00+08:00", day, hour));
    }

    // ---- (c) facts submitted during reloads: neither lost nor applied twice ----------------------

    /** The demo's facts for each of {@code threads} workers: all facts of a member (and of their posts) to one worker, in file order. */
    static List<List<Fact>> byMember(int threads) {
        Map<String, String> postOwner = new HashMap<>();
        for (Fact f : facts) {
            if (f instanceof Post p) {
                postOwner.put(p.id(), p.member());
            }
        }
        List<List<Fact>> lanes = IntStream.range(0, threads).mapToObj(i -> (List<Fact>) new ArrayList<Fact>()).toList();
        for (Fact f : facts) {
            String member = f instanceof CheckIn c ? c.member() : f instanceof Post p ? p.member() : postOwner.get(((Moderation) f).post());
            lanes.get(Math.floorMod(member.hashCode() * 31 + 7, threads)).add(f);
        }
        return lanes;
    }

    /** What the engine holds, in an order that does not depend on which thread applied what first. */
    static JsonNode state(RewardsEngine engine) {
        try {
            ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(engine.snapshot().toJson());
            doc.remove("lastStamp"); // the stamp of whichever fact came last: depends on the threads
            doc.fields().forEachRemaining(e -> {
                if (e.getValue() instanceof ArrayNode a) {
                    List<String> items = new ArrayList<>();
                    a.forEach(n -> items.add(n.toString()));
                    Collections.sort(items);
                    a.removeAll();
                    items.forEach(i -> {
                        try {
                            a.add(new ObjectMapper().readTree(i));
                        } catch (IOException x) {
                            throw new IllegalStateException(x);
                        }
                    });
                }
            });
            return doc;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record ConcurrentRun(List<Decision> returned, List<Decision> handled, JsonNode state, int reloads) {
    }

    static final int ROUNDS = 4;

    /**
     * Four workers apply the demo's facts (each its own members, in order) while a fifth thread
     * reloads, alternating between {@code first} and {@code then}. The facts go in {@link #ROUNDS}
     * chunks per worker; each round starts all five threads together. A worker spreads its chunk
     * over about twice the time a reload takes (measured first), and once through it, submits its
     * lane's facts again (repeats, which change nothing: docs/history-format.md) until the round's reload is over:
     * new facts are in flight during the whole reload, its compilation and its switch of the
     * sessions alike.
     */
    static ConcurrentRun concurrently(Config start, Config first, Config then) throws Exception {
        List<Decision> returned = new CopyOnWriteArrayList<>();
        List<Decision> handled = Collections.synchronizedList(new ArrayList<>());
        List<List<Fact>> lanes = byMember(4);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        CyclicBarrier round = new CyclicBarrier(5);
        CountDownLatch[] reloaded = IntStream.range(0, ROUNDS).mapToObj(r -> new CountDownLatch(1)).toArray(CountDownLatch[]::new);
        try (RewardsEngine engine = RewardsEngine.builder().rules(start.rules()).settings(start.settings()).shards(3)
                .onDecision(handled::add).build()) {
            long started = System.nanoTime();
            engine.reload(start.rules(), start.settings()); // nothing applied yet: no decision, and a measure
            long pace = 2 * (System.nanoTime() - started) / (facts.size() / lanes.size() / ROUNDS + 1);
            List<Future<?>> workers = new ArrayList<>();
            for (List<Fact> lane : lanes) {
                workers.add(pool.submit(() -> {
                    for (int r = 0; r < ROUNDS; r++) {
                        round.await(1, TimeUnit.MINUTES);
                        int end = lane.size() * (r + 1) / ROUNDS;
                        for (Fact f : lane.subList(lane.size() * r / ROUNDS, end)) {
                            returned.addAll(engine.apply(f));
                            TimeUnit.NANOSECONDS.sleep(pace);
                        }
                        for (int i = 0; reloaded[r].getCount() > 0; i = (i + 1) % end) {
                            returned.addAll(engine.apply(lane.get(i))); // a repeat: changes nothing
                        }
                    }
                    return null;
                }));
            }
            Future<Integer> reloader = pool.submit(() -> {
                for (int r = 0; r < ROUNDS; r++) {
                    round.await(1, TimeUnit.MINUTES);
                    Config c = r % 2 == 0 ? first : then;
                    try {
                        returned.addAll(engine.reload(c.rules(), c.settings()));
                    } finally {
                        reloaded[r].countDown();
                    }
                }
                return ROUNDS;
            });
            for (Future<?> w : workers) {
                w.get(2, TimeUnit.MINUTES);
            }
            int reloads = reloader.get(2, TimeUnit.MINUTES);
            return new ConcurrentRun(List.copyOf(returned), List.copyOf(handled), state(engine), reloads);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void factsAppliedWhileTheSameRulesAreReloadedDecideExactlyLikeASerialReplay() throws Exception {
        JsonNode serialState;
        List<Decision> serial;
        try (RewardsEngine engine = engine(defaults(), d -> { })) {
            serial = decisions(apply(engine, 0, facts.size()));
            serialState = state(engine);
        }
        Config folder = new Config("default pack folder", RulePack.folder(Path.of("../rules/default-pack")), Settings.defaults());

        ConcurrentRun run = concurrently(defaults(), folder, defaults());

        assertThat(run.reloads()).as("reloads during the run").isEqualTo(ROUNDS);
        assertThat(run.returned()).containsExactlyInAnyOrderElementsOf(serial);
        assertThat(run.handled()).containsExactlyInAnyOrderElementsOf(serial);
        assertThat(run.state()).isEqualTo(serialState);
    }

    @Test
    void factsAppliedWhileNewRulesAreReloadedAreNeitherLostNorAppliedTwice() throws Exception {
        JsonNode serialState;
        try (RewardsEngine engine = engine(defaults(), d -> { })) {
            apply(engine, 0, facts.size());
            serialState = state(engine);
        }
        Config next = anyStoryAndTenInTwenty();

        ConcurrentRun run = concurrently(defaults(), next, next);

        assertThat(run.reloads()).as("reloads during the run").isEqualTo(ROUNDS);
        assertThat(run.handled()).containsExactlyInAnyOrderElementsOf(run.returned());
        assertThat(run.returned().stream().map(Key::of).toList()).doesNotHaveDuplicates();
        // Every fact is there once: the facts (not the decided campaigns, which depend on when the switch came) equal a serial replay's.
        ObjectNode facts = ((ObjectNode) run.state().deepCopy());
        ObjectNode serialFacts = ((ObjectNode) serialState.deepCopy());
        facts.remove("decided");
        serialFacts.remove("decided");
        assertThat(facts).isEqualTo(serialFacts);
        // Whatever the moment of the switch: every campaign the new rules award is won, and nothing else but the old rules' awards.
        Set<Key> won = run.returned().stream().map(Key::of).collect(Collectors.toSet());
        Set<Key> byNew = fresh(next).stream().map(c -> Key.of(c.decision())).collect(Collectors.toSet());
        Set<Key> byOld = fresh(defaults()).stream().map(c -> Key.of(c.decision())).collect(Collectors.toSet());
        assertThat(won).containsAll(byNew);
        assertThat(byNew.stream().collect(Collectors.toSet())).isNotEmpty();
        Set<Key> either = new java.util.HashSet<>(byNew);
        either.addAll(byOld);
        assertThat(either).containsAll(won);
    }
}
