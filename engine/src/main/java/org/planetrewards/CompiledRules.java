package org.planetrewards;

import org.kie.api.KieBase;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A rule pack compiled into an immutable, thread-safe KieBase, together with the engine's own
 * queries. Sessions are cheap to make from it; the KieBase is the expensive part and is shared.
 */
final class CompiledRules {
    private final KieBase kieBase;
    /**
     * The types some rule's pattern matches, read from the network once it is built: inserting a
     * class no rule knows adds a node to the shared network later, and reading it then could race.
     */
    private final List<org.drools.base.base.ObjectType> matchedTypes;
    /** Whether any rule has a pattern that a fact of the class matches, by class. */
    private final ClassValue<Boolean> matched = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return matchedTypes.stream().anyMatch(t -> t.isAssignableFrom(type));
        }
    };

    private final CampaignKinds kinds;
    /** Whether a replay may put several members' facts through one evaluation ({@link BatchCheck}). */
    private final BatchCheck.Verdict batchable;

    /** A rule base compiled before (the precompiled default pack) and the kinds its files declare. */
    static CompiledRules of(KieBase kieBase, CampaignKinds kinds) {
        return new CompiledRules(kieBase, kinds);
    }

    private CompiledRules(KieBase kieBase, CampaignKinds kinds) {
        this.kieBase = kieBase;
        this.kinds = kinds;
        this.matchedTypes = DroolsInternals.matchedTypes(kieBase);
        this.batchable = BatchCheck.of(kieBase);
    }

    static CompiledRules compile(RulePack pack) {
        return compile(pack, false);
    }

    /**
     * @param allowUnsafeCode compile code that reaches outside the fact model (see {@link RuleCheck});
     *                        otherwise such a pack is refused before Drools sees it
     */
    static CompiledRules compile(RulePack pack, boolean allowUnsafeCode) {
        // Keyed by the files and their text, in the pack's order: the load order is derived from them.
        CacheKey key = new CacheKey(pack.files().entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList(),
                allowUnsafeCode);
        FutureTask<CompiledRules> task;
        boolean mine = false;
        synchronized (RECENT) {
            java.lang.ref.SoftReference<FutureTask<CompiledRules>> hit = RECENT.get(key);
            task = hit == null ? null : hit.get();
            if (task == null) {
                task = new FutureTask<>(() -> compileNow(pack, allowUnsafeCode));
                RECENT.put(key, new java.lang.ref.SoftReference<>(task));
                mine = true;
            }
        }
        if (mine) {
            task.run();
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (mine) {
                synchronized (RECENT) {
                    RECENT.remove(key); // only successes are kept: the next build compiles (and fails) anew
                }
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while another thread compiled the same rules", e);
        }
    }

    /**
     * Packs compiled lately, or being compiled, by their files' text: a KieBase is immutable and thread-safe,
     * so engines built from the same files (a restart from a snapshot, a reload that changes only settings,
     * a test suite, the command line's build that {@link RewardsEngine#prepareDefaults} started early) share
     * one instead of compiling for half a second each, and a build that finds the same files being compiled
     * waits for that instead of compiling them twice. Only successes are kept; soft references and a small
     * bound keep old packs from pinning memory.
     */
    private static final Map<CacheKey, java.lang.ref.SoftReference<FutureTask<CompiledRules>>> RECENT =
            new java.util.LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<CacheKey, java.lang.ref.SoftReference<FutureTask<CompiledRules>>> eldest) {
                    return size() > 4;
                }
            };

    private record CacheKey(List<Map.Entry<String, String>> files, boolean allowUnsafeCode) {
    }

    /** Compiles and judges the compiled code, without the checks that run before compiling (for tests). */
    static CompiledRules compileUnchecked(RulePack pack) {
        return build(pack, false, List.of()).rules();
    }

    private static CompiledRules compileNow(RulePack pack, boolean allowUnsafeCode) {
        // The default pack, compiled and checked when the engine was built, if these are its files.
        CompiledRules precompiled = PrecompiledPack.load(pack);
        if (precompiled != null) {
            return precompiled;
        }
        return builder(pack, allowUnsafeCode).rules();
    }

    /** The pack compiled through every check a load makes, not yet a rule base (for {@link PrecompiledPack}). */
    static Built compileChecked(RulePack pack) {
        return builder(pack, false);
    }

    private static Built builder(RulePack pack, boolean allowUnsafeCode) {
        List<RuleProblem> unresolved = List.of();
        if (!allowUnsafeCode) {
            List<RuleProblem> unsafe = RuleCheck.unsafeCode(pack);
            List<RuleProblem> refused = RuleCheck.refused(unsafe);
            if (!refused.isEmpty()) {
                throw new RulesException(pack.origin(), refused);
            }
            unresolved = unsafe;
        }
        return build(pack, allowUnsafeCode, unresolved);
    }

    /**
     * @param unresolved names in conditions the check could not resolve: a compile error explains
     *                   them better; if the pack compiles anyway, they are refused
     */
    private static Built build(RulePack pack, boolean allowUnsafeCode, List<RuleProblem> unresolved) {
        CampaignKinds kinds = kinds(pack);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        // One batch: files added one by one lose declarations made in a later file (DROOLS-NOTES).
        CompositeKnowledgeBuilder batch = builder.batch();
        for (String name : RuleCheck.loadOrder(pack)) {
            batch.add(drl(name, pack.files().get(name)), ResourceType.DRL);
        }
        try {
            batch.build();
        } catch (RuntimeException e) {
            // Some malformed annotations throw out of the builder instead of being collected.
            throw new RulesException(pack.origin(), List.of(new RuleProblem("?", 0, 0, String.valueOf(e.getMessage()))));
        }
        if (builder.hasErrors()) {
            throw new RulesException(pack.origin(), CompileProblems.of(builder, pack));
        }
        if (!unresolved.isEmpty()) {
            throw new RulesException(pack.origin(), unresolved);
        }
        if (!allowUnsafeCode) {
            // What the compiler made of the code, judged before any of it is loaded into a rule base.
            List<RuleProblem> compiled = CompiledCodeCheck.check(builder, pack);
            if (!compiled.isEmpty()) {
                throw new RulesException(pack.origin(), compiled);
            }
        }
        return new Built(builder, kinds);
    }

    /** A pack compiled and judged, before it becomes a rule base. */
    record Built(KnowledgeBuilder builder, CampaignKinds kinds) {
        CompiledRules rules() {
            return new CompiledRules(builder.newKieBase(), kinds);
        }
    }

    /** The campaign kinds the pack declares; a pack whose declarations are wrong is refused. */
    private static CampaignKinds kinds(RulePack pack) {
        List<RuleFile> files = pack.files().entrySet().stream().map(e -> RuleFile.read(e.getKey(), e.getValue())).toList();
        CampaignKinds kinds = CampaignKinds.of(files);
        if (!kinds.problems().isEmpty()) {
            throw new RulesException(pack.origin(), kinds.problems());
        }
        return kinds;
    }

    private static Resource drl(String name, String text) {
        Resource resource = ResourceFactory.newByteArrayResource(text.getBytes(StandardCharsets.UTF_8));
        resource.setSourcePath(name);
        resource.setResourceType(ResourceType.DRL);
        return resource;
    }

    /**
     * Whether some rule looks at facts of this class: a fact no rule matches can stay out of working
     * memory. Read from the compiled network, so it also sees patterns inside {@code accumulate},
     * {@code not} and {@code exists}.
     */
    boolean matches(Class<?> type) {
        return matched.get(type);
    }

    /** The campaign kinds the pack declares. */
    CampaignKinds kinds() {
        return kinds;
    }

    /** Whether several members' facts may go through one evaluation, and if not, the first rule that says no. */
    BatchCheck.Verdict batchable() {
        return batchable;
    }

    KieBase kieBase() {
        return kieBase;
    }
}
