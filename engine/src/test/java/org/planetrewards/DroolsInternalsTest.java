package org.planetrewards;

import org.drools.base.base.ObjectType;
import org.drools.compiler.builder.impl.KnowledgeBuilderImpl;
import org.junit.jupiter.api.Test;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.planetrewards.model.Qualification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins what the engine relies on inside Drools' core (DroolsInternals): when an upgrade changes one of
 * these, this test names it. And keeps that reliance in one place.
 */
class DroolsInternalsTest {

    @Test
    void theNetworkSaysWhichTypesTheRulesMatchAndNotWhatWasOnlyInserted() {
        CompiledRules rules = CompiledRules.compile(RulePack.defaults());
        // A type no rule matches gets a node when first inserted; that node has no sinks and must not count.
        KieSession session = rules.kieBase().newKieSession();
        try {
            session.insert(new Qualification("m1", "streak-15", List.of(LocalDate.of(2026, 3, 1))));
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        List<ObjectType> matched = DroolsInternals.matchedTypes(rules.kieBase());

        // Exactly the classes the default pack's rule files name in their conditions (read off the .drl
        // files): not CountedDay or Qualification, which rules only insert, and not Drools' own initial
        // fact, whose node has no sinks.
        List<String> names = matched.stream()
                .map(t -> ((org.drools.base.base.ClassObjectType) t).getClassType().getSimpleName()).sorted().toList();
        assertThat(names).containsExactly("AsOf", "Campaign", "CheckInDay", "CountedDays", "HighQualityPost",
                "ModerationState", "PostTag", "PostText", "PostVersion", "QualityProblem", "QualitySettings", "Tag");
        assertThat(matched).noneMatch(t -> t.isAssignableFrom(Qualification.class));
    }

    @Test
    void theJavaDialectKeepsTheClassesItCompiledByPackage() {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        String drl = "package org.planetrewards.rules;\n"
                + "import org.planetrewards.model.Campaign;\n"
                + "rule \"pinned\"\nwhen\n    $c : Campaign( )\nthen\n    String s = $c.id();\nend\n";
        builder.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)), ResourceType.DRL);
        assertThat(builder.hasErrors()).as(builder.getErrors().toString()).isFalse();

        Map<String, byte[]> classes = DroolsInternals.compiledClasses(
                ((KnowledgeBuilderImpl) builder).getPackageRegistry("org.planetrewards.rules"));

        assertThat(classes).isNotNull();
        assertThat(classes.keySet()).anyMatch(name -> name.contains("Rule_pinned"));
        assertThat(classes.values()).allMatch(bytes -> bytes.length > 4 && (bytes[0] & 0xff) == 0xCA
                && (bytes[1] & 0xff) == 0xFE && (bytes[2] & 0xff) == 0xBA && (bytes[3] & 0xff) == 0xBE);
    }

    @Test
    void compiledPackagesMakeARuleBaseThatRunsTheirCodeWithoutCompilingAgain() {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        String drl = "package org.planetrewards.rules;\n"
                + "import org.planetrewards.model.Qualification;\n"
                + "global java.util.List seen;\n"
                + "rule \"pinned\"\nwhen\n    Qualification( $m : member, campaign == \"streak-15\" )\nthen\n    seen.add($m + \" qualifies\");\nend\n";
        builder.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)), ResourceType.DRL);
        assertThat(builder.hasErrors()).as(builder.getErrors().toString()).isFalse();

        org.kie.api.KieBase kieBase = DroolsInternals.kieBase(DroolsInternals.compiledPackages(builder));

        List<String> seen = new java.util.ArrayList<>();
        KieSession session = kieBase.newKieSession();
        try {
            session.setGlobal("seen", seen);
            session.insert(new Qualification("m1", "streak-15", List.of(LocalDate.of(2026, 3, 1))));
            session.insert(new Qualification("m2", "window-15-of-30", List.of(LocalDate.of(2026, 3, 1))));
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        assertThat(seen).containsExactly("m1 qualifies");
        assertThat(kieBase.getKiePackage("org.planetrewards.rules").getRules()).extracting(r -> r.getName()).containsExactly("pinned");
    }

    @Test
    void aMatchsFactsReadFromItsTupleAreTheFactsDroolsSaysItHolds() {
        // The default pack's rules join, use not, exists and from: each firing's facts, read both ways.
        CompiledRules rules = CompiledRules.compile(RulePack.defaults());
        KieSession session = rules.kieBase().newKieSession();
        List<String> firedRules = new java.util.ArrayList<>();
        List<String> differ = new java.util.ArrayList<>();
        session.addEventListener(new org.kie.api.event.rule.DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(org.kie.api.event.rule.BeforeMatchFiredEvent event) {
                List<Object> read = new java.util.ArrayList<>();
                DroolsInternals.objects(event.getMatch(), read::add);
                java.util.Map<Object, Integer> ours = new java.util.IdentityHashMap<>();
                read.forEach(o -> ours.merge(o, 1, Integer::sum));
                java.util.Map<Object, Integer> drools = new java.util.IdentityHashMap<>();
                event.getMatch().getObjects().forEach(o -> drools.merge(o, 1, Integer::sum));
                firedRules.add(event.getMatch().getRule().getName());
                if (!ours.equals(drools) || read.isEmpty()) {
                    differ.add(event.getMatch().getRule().getName() + ": " + read + " against " + event.getMatch().getObjects());
                }
            }
        });
        try {
            Settings settings = Settings.defaults();
            session.insert(settings.quality());
            settings.tags().forEach(session::insert);
            settings.campaigns().forEach(session::insert);
            LocalDate day = LocalDate.of(2026, 3, 2);
            session.insert(new org.planetrewards.model.CheckInDay("m1", day, java.time.OffsetDateTime.parse("2026-03-02T08:00:00+08:00")));
            session.insert(new org.planetrewards.model.PostVersion("p1", "m1", day, java.time.Instant.parse("2026-03-02T03:00:00Z"),
                    80, List.of("news"), false));
            session.insert(new org.planetrewards.model.PostVersion("p2", "m1", day, java.time.Instant.parse("2026-03-02T04:00:00Z"),
                    10, List.of("nothing"), false));
            List<LocalDate> counted = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                counted.add(LocalDate.of(2026, 2, 1).plusDays(i));
            }
            session.insert(new org.planetrewards.model.CountedDays("m2", counted));
            session.insert(new org.planetrewards.model.AsOf("m2", LocalDate.of(2026, 2, 20)));
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        assertThat(differ).isEmpty();
        assertThat(firedRules).contains("A day with a check-in and a high-quality post is a counted day",
                "A post without any community tag has no known tag",
                "Enough counted days in a row qualify for a consecutive-days campaign");
    }

    @Test
    void factHandlesAreNumberedInTheOrderDroolsTellsOfTheirInserts() {
        // RuleSession finds an evaluation's handles by binary search on these ids.
        CompiledRules rules = CompiledRules.compile(RulePack.defaults());
        KieSession session = rules.kieBase().newKieSession();
        List<Long> ids = new java.util.ArrayList<>();
        List<org.kie.api.runtime.rule.FactHandle> handles = new java.util.ArrayList<>();
        session.addEventListener(new org.kie.api.event.rule.DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(org.kie.api.event.rule.ObjectInsertedEvent event) {
                ids.add(DroolsInternals.id(event.getFactHandle()));
                handles.add(event.getFactHandle());
            }
        });
        try {
            Settings settings = Settings.defaults();
            session.insert(settings.quality());
            settings.tags().forEach(session::insert);
            LocalDate day = LocalDate.of(2026, 3, 2);
            for (int i = 0; i < 5; i++) {
                session.insert(new org.planetrewards.model.CheckInDay("m" + i, day, java.time.OffsetDateTime.parse("2026-03-02T08:00:00+08:00")));
                session.insert(new org.planetrewards.model.PostVersion("p" + i, "m" + i, day,
                        java.time.Instant.parse("2026-03-02T03:00:00Z"), 80, List.of("news"), false));
            }
            session.fireAllRules(); // rules insert logically: tags, high-quality posts, counted days
        } finally {
            session.dispose();
        }
        assertThat(ids.size()).isGreaterThan(20);
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        for (int i = 1; i < handles.size(); i++) {
            assertThat(handles.get(i)).isNotEqualTo(handles.get(i - 1));
        }
    }

    @Test
    void noOtherMainSourceNamesDroolsCore() throws IOException {
        List<String> found;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            found = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().equals("DroolsInternals.java"))
                    .filter(f -> {
                        try {
                            return Files.readString(f, StandardCharsets.UTF_8).contains("org.drools.core");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString).sorted().toList();
        }
        assertThat(found).isEmpty();
    }
}
