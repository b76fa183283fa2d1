package org.planetrewards;

import org.drools.base.base.ObjectType;
import org.drools.compiler.compiler.PackageRegistry;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.kie.api.KieBase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The only place the engine reaches into Drools' core internals ({@code org.drools.core}), which carry no
 * compatibility promise between releases. Everything else talks to Drools through kie-api, kie-internal's
 * builder and the DRL descriptors. {@code DroolsInternalsTest} pins each of the two readings below, so a
 * Drools upgrade that changes them fails there, by name, instead of somewhere in the engine.
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
}
