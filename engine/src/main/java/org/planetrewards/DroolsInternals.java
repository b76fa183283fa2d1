package org.planetrewards;

import org.drools.base.base.ObjectType;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.compiler.compiler.PackageRegistry;
import org.drools.core.common.InternalFactHandle;
import org.drools.core.common.QueryElementFactHandle;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.impl.RuleBaseFactory;
import org.drools.core.reteoo.LeftTupleSinkNode;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.core.reteoo.TupleImpl;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.drools.tms.LogicalDependency;
import org.drools.tms.agenda.TruthMaintenanceSystemInternalMatch;
import org.drools.tms.beliefsystem.BeliefSet;
import org.kie.api.KieBase;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.runtime.rule.Match;
import org.kie.internal.builder.KnowledgeBuilder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The only place the engine reaches into Drools' core internals ({@code org.drools.core}), which carry no
 * compatibility promise between releases. Everything else talks to Drools through kie-api, kie-internal's
 * builder and the DRL descriptors. {@code DroolsInternalsTest} pins the network and package readings below
 * and a match's facts read from its tuple, and {@code BatchedEvaluationTest} the two other readings batches
 * need (a constraint's field, a match's justified facts: the default pack must pass the check, and a fact two
 * members justify must be seen), so a Drools upgrade that changes them fails there, by name, instead of
 * somewhere in the engine.
 */
final class DroolsInternals {
    private DroolsInternals() {
    }

    /**
     * The object types some rule's pattern matches, read from the rule base's network: one node per type,
     * and a node without sinks was made for an insert, not for a rule. Read once, when the rule base is
     * built: inserting a class no rule knows adds a node to the shared network later.
     */
    static List<ObjectType> matchedTypes(KieBase kieBase) {
        List<ObjectType> types = new ArrayList<>();
        for (ObjectTypeNode node : ((InternalRuleBase) kieBase).getRete().getObjectTypeNodes()) {
            if (node.getObjectSinkPropagator().size() > 0) {
                types.add(node.getObjectType());
            }
        }
        return List.copyOf(types);
    }

    /**
     * The classes the Java dialect compiled for one package (consequences, functions, eval and accumulate
     * code), by internal name, as bytes; {@code null} when the package has no Java dialect data.
     */
    static Map<String, byte[]> compiledClasses(PackageRegistry registry) {
        return registry.getDialectRuntimeRegistry().getDialectData("java") instanceof JavaDialectRuntimeData java
                ? java.getStore() : null;
    }

    /**
     * The packages a builder compiled (rules, and the bytes of the classes the Java dialect made for them),
     * in Drools' own serialized form: what {@link #kieBase(byte[])} makes a rule base of without compiling.
     */
    static byte[] compiledPackages(KnowledgeBuilder builder) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new DroolsObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(builder.getKnowledgePackages()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the compiled packages: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * A rule base of packages written by {@link #compiledPackages}, built as the builder's own
     * {@code newKieBase()} builds one (a rule base with the default configuration, the packages added in
     * one call). The classes the packages carry are defined from their bytes: nothing is compiled.
     */
    static KieBase kieBase(byte[] compiledPackages) {
        InternalRuleBase ruleBase = RuleBaseFactory.newRuleBase();
        List<InternalKnowledgePackage> packages;
        try (ObjectInputStream in = new DroolsObjectInputStream(new ByteArrayInputStream(compiledPackages),
                ruleBase.getRootClassLoader())) {
            @SuppressWarnings("unchecked")
            List<InternalKnowledgePackage> read = (List<InternalKnowledgePackage>) in.readObject();
            packages = read;
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read the compiled packages: " + e, e);
        }
        ruleBase.addPackages(packages);
        return KnowledgeBaseFactory.newKnowledgeBase(ruleBase);
    }

    /** Whether Drools generated {@code type} for a {@code declare} of a rule pack. */
    static boolean declaredByPack(Class<?> type) {
        return org.drools.base.factmodel.GeneratedFact.class.isAssignableFrom(type);
    }

    /**
     * The name of the field a compiled constraint or binding reads ({@code member} of
     * {@code member == $member}), or null when it reads no single field (an expression).
     */
    static String fieldName(org.drools.base.rule.accessor.ReadAccessor reader) {
        return reader instanceof org.drools.core.base.FieldNameSupplier f ? f.getFieldName() : null;
    }

    /**
     * A fact handle's id: Drools numbers the handles of a session in the order it makes them, and two
     * handles are equal when their ids are.
     */
    static long id(FactHandle handle) {
        return ((InternalFactHandle) handle).getId();
    }

    /**
     * Whether truth maintenance holds the fact for the matches that justify it (an {@code insertLogical}), so that
     * it goes when they do; a plain {@code insert} stays until deleted.
     */
    static boolean justified(FactHandle handle) {
        org.drools.core.common.EqualityKey key = ((InternalFactHandle) handle).getEqualityKey();
        return key != null && key.getStatus() == org.drools.core.common.EqualityKey.JUSTIFIED;
    }

    /**
     * The facts a match holds, as {@link Match#getObjects()} gives them but in no particular order and
     * without the two arrays and two lists that method makes on every call: read from the match's tuple,
     * one fact handle per pattern that holds a fact ({@code not} and {@code exists} hold none). A
     * batched evaluation asks this of every firing.
     */
    static void objects(Match match, Consumer<Object> each) {
        if (!(match instanceof TupleImpl tuple) || !(tuple.getSink() instanceof LeftTupleSinkNode sink)) {
            match.getObjects().forEach(each);
            return;
        }
        TupleImpl t = tuple.skipEmptyHandles();
        for (int n = sink.getLeftTupleSource().getObjectCount(); n > 0 && t != null; n--, t = t.getParent()) {
            InternalFactHandle handle = t.getFactHandle();
            Object o = handle == null ? null : handle.getObject();
            if (o != null && !(o instanceof QueryElementFactHandle)) {
                each.accept(o);
            }
        }
    }

    /**
     * The facts in working memory that a match, once fired, justifies by {@code insertLogical}: truth
     * maintenance's own record, which also names a fact another match inserted first and this one only
     * justified again (an equal object: no insert event says so).
     */
    static void justified(Match match, Consumer<Object> each) {
        if (!(match instanceof TruthMaintenanceSystemInternalMatch<?> tms) || tms.getLogicalDependencies() == null) {
            return;
        }
        for (LogicalDependency<?> d = tms.getLogicalDependencies().getFirst(); d != null; d = d.getNext()) {
            if (d.getJustified() instanceof BeliefSet<?> set && set.getFactHandle() != null) {
                each.accept(set.getFactHandle().getObject());
            }
        }
    }
}
