package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.mvel2.asm.Type;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A proof of reach: from every object rule code can name (the consequence's helper as compiled,
 * accumulate code's parameters, every allowed type and the whole fact model), follow only the
 * members the allow-list lets compiled code use, through their declared return, parameter and
 * generic types. None of what is reached may define or load classes, reflect, do I/O, start
 * processes or threads, or reach the session, working memory or rule base. When a Drools or JDK
 * upgrade (or a new model type) makes an allowed member hand out something dangerous, this fails.
 */
class ReachTest {
    /** Packages and types nothing reachable may be or be in. */
    static final List<String> DANGEROUS = List.of("java.lang.Class", "java.lang.ClassLoader", "java.lang.reflect.",
            "java.lang.invoke.", "java.lang.Runtime", "java.lang.System", "java.lang.Process", "java.lang.Thread",
            "java.lang.ThreadGroup", "java.lang.Module", "java.lang.StackWalker", "java.lang.ref.", "java.io.", "java.nio.",
            "java.net.", "java.security.", "java.util.concurrent.", "java.util.Timer", "java.util.ServiceLoader",
            "java.util.Random", "java.time.Clock", "java.util.logging.", "javax.", "sun.", "jdk.", "org.kie.api.runtime.KieSession",
            "org.kie.api.runtime.KieRuntime", "org.kie.api.runtime.KieContext", "org.kie.api.runtime.rule.RuleContext",
            "org.kie.api.KieBase", "org.drools.core.impl.", "org.drools.core.common.", "org.drools.core.reteoo.",
            "org.drools.kiesession.", "org.drools.base.base.ValueResolver", "org.drools.base.definitions.", "org.drools.wiring.",
            "org.drools.compiler.", "org.mvel2.");
    /** Member names that mean class definition, reflection, processes or exit, on whatever type. */
    static final Set<String> DANGEROUS_MEMBERS = Set.of("forName", "loadClass", "defineClass", "newInstance", "invoke",
            "invokeExact", "exec", "exit", "halt", "getRuntime", "getClassLoader", "getKieBase", "getKieRuntime",
            "getWorkingMemory", "getRuleBase", "registerAndLoadTypeDefinition", "getClass", "wait", "start", "setAccessible",
            "getEnumConstants");

    /** What compiled rule code starts with besides allowed types: the helper, and accumulate code's parameters. */
    static final List<String> IMPLICIT = List.of("org.drools.core.rule.consequence.KnowledgeHelper",
            "org.drools.base.rule.consequence.ConsequenceContext", "org.drools.base.base.ValueResolver",
            "org.kie.api.runtime.rule.FactHandle", "org.drools.base.rule.Declaration", "org.drools.base.reteoo.BaseTuple",
            "org.kie.api.runtime.rule.RuleContext");

    @Test
    void nothingDangerousIsReachableThroughAllowedMembers() throws Exception {
        Map<Class<?>, String> reached = reach();

        List<String> dangerous = new ArrayList<>();
        reached.forEach((type, how) -> {
            if (how.equals("implicit")) {
                return; // a starting point: what matters is that nothing dangerous is reached from it
            }
            for (String d : DANGEROUS) {
                if (type.getName().equals(d) || d.endsWith(".") && type.getName().startsWith(d)) {
                    dangerous.add(type.getName() + " via " + how);
                }
            }
        });
        assertThat(dangerous).isEmpty();
        // the walk did walk: the model, value types and the helper's members are in it
        assertThat(reached).containsKeys(org.planetrewards.model.DayRun.class, org.planetrewards.model.Text.class, java.time.LocalDate.class, String.class,
                java.util.List.class, org.kie.api.runtime.rule.FactHandle.class,
                // what the streak rule reads for grace days, levels and seasons: in the walk like the rest of the model
                org.planetrewards.model.Level.class, org.planetrewards.model.Season.class);
        // Allowed deliberately for the member step: a counted day's check-in time and tags, and DayRun's functions over them.
        assertThat(reached).containsKeys(org.planetrewards.model.CountedDayDetail.class, java.time.OffsetDateTime.class);
    }

    @Test
    void noAllowedMemberIsNamedLikeReflectionProcessesOrTheSession() throws Exception {
        List<String> found = new ArrayList<>();
        for (Class<?> type : reach().keySet()) {
            for (Method m : type.getMethods()) {
                // Character.UnicodeBlock/UnicodeScript.forName look up a Unicode block by its name: no class.
                boolean unicode = type.getName().startsWith("java.lang.Character$Unicode");
                if (DANGEROUS_MEMBERS.contains(m.getName()) && allowed(type, m) && !unicode) {
                    found.add(type.getName() + "." + m.getName());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theImplicitNamesOfCompiledCodeOfferOnlyTheHelpersFactOperations() throws Exception {
        List<String> allowedOnImplicit = new ArrayList<>();
        for (String name : IMPLICIT) {
            Class<?> c = Class.forName(name);
            for (Method m : c.getMethods()) {
                if (allowed(c, m)) {
                    allowedOnImplicit.add(c.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertThat(allowedOnImplicit).containsOnly("KnowledgeHelper.insertLogical", "KnowledgeHelper.insert",
                "KnowledgeHelper.update", "KnowledgeHelper.delete");
    }

    /** Whether compiled rule code may call the method on a value of the type, as the bytecode check judges a call. */
    private static boolean allowed(Class<?> type, Method m) {
        return BytecodeCheck.methodRefusal(Type.getInternalName(type), m.getName(), Type.getMethodDescriptor(m), false) == null;
    }

    /** Every type reached, with the member path that reached it. */
    static Map<Class<?>, String> reach() throws Exception {
        Map<Class<?>, String> reached = new LinkedHashMap<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        for (Class<?> start : starts()) {
            if (reached.putIfAbsent(start, IMPLICIT.contains(start.getName()) ? "implicit" : "start") == null) {
                todo.add(start);
            }
        }
        while (!todo.isEmpty()) {
            Class<?> type = todo.poll();
            for (Method m : type.getMethods()) {
                if (!allowed(type, m)) {
                    continue;
                }
                Set<Class<?>> next = new LinkedHashSet<>();
                collect(m.getGenericReturnType(), next);
                // Parameters too (a callback's parameters are handed to rule code), except the helper's:
                // those are what the rule hands to Drools (update takes the fact's class literal).
                if (!IMPLICIT.contains(type.getName())) {
                    for (java.lang.reflect.Type p : m.getGenericParameterTypes()) {
                        collect(p, next);
                    }
                }
                for (Class<?> n : next) {
                    if (reached.putIfAbsent(n, type.getName() + "." + m.getName()) == null) {
                        todo.add(n);
                    }
                }
            }
        }
        return reached;
    }

    private static void collect(java.lang.reflect.Type t, Set<Class<?>> out) {
        if (t instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (!c.isPrimitive()) {
                out.add(c);
            }
        } else if (t instanceof ParameterizedType p) {
            collect(p.getRawType(), out);
            for (java.lang.reflect.Type a : p.getActualTypeArguments()) {
                collect(a, out);
            }
        } else if (t instanceof WildcardType w) {
            for (java.lang.reflect.Type b : w.getUpperBounds()) {
                collect(b, out);
            }
            for (java.lang.reflect.Type b : w.getLowerBounds()) {
                collect(b, out);
            }
        } else if (t instanceof TypeVariable<?> v) {
            for (java.lang.reflect.Type b : v.getBounds()) {
                if (b instanceof Class<?> c) {
                    collect(c, out); // a bound that is itself generic would recurse without end
                }
            }
        } else if (t instanceof GenericArrayType g) {
            collect(g.getGenericComponentType(), out);
        }
    }

    /** The fact model's classes, every allowed JDK type, and the implicit names of compiled code. */
    private static List<Class<?>> starts() throws IOException, URISyntaxException, ClassNotFoundException {
        List<Class<?>> starts = new ArrayList<>();
        Path model = Path.of(org.planetrewards.model.DayRun.class.getResource("DayRun.class").toURI()).getParent();
        try (Stream<Path> files = Files.list(model)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".class", "");
                if (!name.equals("package-info")) {
                    Class<?> c = Class.forName(CodeAllowList.MODEL_PACKAGE + "." + name, false, ReachTest.class.getClassLoader());
                    if (MemberAllowList.allowsType(c)) {
                        starts.add(c);
                    }
                }
            }
        }
        try (ModuleReader reader = ModuleFinder.ofSystem().find("java.base").orElseThrow().open()) {
            for (String resource : reader.list().filter(r -> r.endsWith(".class")).toList()) {
                String name = resource.replace(".class", "").replace('/', '.');
                if (name.startsWith("java.") && !name.contains("-")) {
                    Class<?> c;
                    try {
                        c = Class.forName(name, false, ClassLoader.getSystemClassLoader());
                    } catch (ClassNotFoundException | LinkageError e) {
                        continue;
                    }
                    if (MemberAllowList.allowsType(c)) {
                        starts.add(c);
                    }
                }
            }
        }
        for (String name : IMPLICIT) {
            starts.add(Class.forName(name));
        }
        return starts;
    }
}
