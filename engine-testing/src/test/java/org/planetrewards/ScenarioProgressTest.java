package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.model.CountedDay;
import org.planetrewards.model.HighQualityPost;
import org.planetrewards.model.QualityProblem;
import org.planetrewards.testing.Scenario;
import org.planetrewards.testing.Scenarios;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress and explanations over every scenario file's history. It lives here, not beside the engine's
 * other progress tests, because it reads scenario files and the engine cannot depend on engine-testing;
 * it stays in package org.planetrewards to compare with what a shard derives.
 */
class ScenarioProgressTest {
    /**
     * Progress and explanations evaluate one member's days on their own: after every scenario's history
     * (edits, moderations, late facts, rejections) they must say what the rules derive from all the
     * shard's days at once.
     */
    @Test
    void aMembersViewAgreesWithTheRulesOverTheWholeShardAfterEveryScenario() {
        for (Path file : Scenarios.find(Path.of("src/test/scenarios"))) {
            Scenario s = Scenario.read(file);
            try (RewardsEngine engine = RewardsEngine.builder().settings(s.settings()).shards(2).build()) {
                for (Scenario.Given g : s.given()) {
                    if (g.fact() == null) {
                        break;
                    }
                    try {
                        engine.apply(g.fact());
                    } catch (InvalidInputException e) {
                        break;
                    }
                }
                for (String member : engine.members()) {
                    MemberExplanation e = engine.explain(member);
                    Set<LocalDate> counted = engine.shard(member).derivedFromAllDays().stream().filter(CountedDay.class::isInstance).map(CountedDay.class::cast)
                            .filter(c -> c.member().equals(member)).map(CountedDay::day).collect(Collectors.toCollection(TreeSet::new));
                    assertThat(e.countedDays()).as(file + " " + member).containsExactlyElementsOf(counted);

                    Set<String> good = engine.shard(member).derivedFromAllDays().stream().filter(HighQualityPost.class::isInstance).map(HighQualityPost.class::cast)
                            .filter(h -> h.member().equals(member)).map(HighQualityPost::postId).collect(Collectors.toSet());
                    List<MemberExplanation.PostVerdict> posts = e.timeline().stream().flatMap(d -> d.posts().stream()).toList();
                    assertThat(posts.stream().filter(MemberExplanation.PostVerdict::highQuality).map(MemberExplanation.PostVerdict::id))
                            .as(file + " " + member).containsExactlyInAnyOrderElementsOf(good);

                    Map<String, List<String>> problems = new TreeMap<>();
                    Set<String> ids = posts.stream().map(MemberExplanation.PostVerdict::id).collect(Collectors.toSet());
                    for (QualityProblem q : engine.shard(member).derivedFromAllDays().stream().filter(QualityProblem.class::isInstance).map(QualityProblem.class::cast).toList()) {
                        if (ids.contains(q.postId())) {
                            problems.computeIfAbsent(q.postId(), k -> new ArrayList<>()).add(q.reason() + ": " + (q.text() == null ? q.detail()
                                    : engine.rules().messages().text(engine.settings().locale(), q.text())));
                        }
                    }
                    for (MemberExplanation.PostVerdict v : posts) {
                        assertThat(v.problems()).extracting(MemberExplanation.Problem::toString).as(file + " " + v.id())
                                .containsExactlyInAnyOrderElementsOf(problems.getOrDefault(v.id(), List.of()));
                    }
                }
            }
        }
    }
}
