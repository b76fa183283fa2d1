package org.planetrewards;

import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Accumulate;
import org.drools.base.rule.Collect;
import org.drools.base.rule.Declaration;
import org.drools.base.rule.EvalCondition;
import org.drools.base.rule.Forall;
import org.drools.base.rule.From;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.IndexableConstraint;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.accessor.ReadAccessor;
import org.drools.base.rule.constraint.Constraint;
import org.drools.base.util.index.ConstraintTypeOperator;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Whether facts of several members may go through one evaluation and come out as they would one member
 * at a time: judged once, on the rules as Drools compiled them. A rule that joins two members positively
 * shows it at run time (a match holds facts of both, {@link RuleSession#evaluateBatch}); what no match
 * shows is the absence or the count of facts: a {@code not}, {@code exists}, {@code forall},
 * {@code accumulate} or {@code collect} over facts of all members would see other members' facts in a
 * batch and not alone. So every pattern of a member's facts under one of these must be tied, by an
 * equality on a key field ({@link MemberKeys}), to a key of the same kind bound from another pattern of
 * a member's facts: {@code not PostTag( postId == $post )} sees only the post's own tags, whoever else is
 * in the batch. Settings facts and objects {@code from} an expression are the same for every member.
 *
 * <p>An optimisation, never an error: a pack that is not batchable replays one fact at a time.
 */
final class BatchCheck {
    private BatchCheck() {
    }

    /** The check's answer: batchable, or the first rule (in name order) that is not and why. */
    record Verdict(boolean batchable, String rule, String why) {
        static final Verdict YES = new Verdict(true, null, null);

        @Override
        public String toString() {
            return batchable ? "batchable" : "not batchable: rule \"" + rule + "\" " + why;
        }
    }

    static Verdict of(KieBase kieBase) {
        List<RuleImpl> rules = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                rules.add((RuleImpl) r);
            }
        }
        rules.sort(Comparator.comparing(RuleImpl::getName)); // the first rule named is the same on every run
        for (RuleImpl rule : rules) {
            String why = new Walk().element(rule.getLhs(), false);
            if (why != null) {
                return new Verdict(false, rule.getName(), why);
            }
        }
        return Verdict.YES;
    }

    /** One rule's conditions, walked; each method returns why the rule is not batchable, or null. */
    private static final class Walk {
        String element(RuleConditionElement e, boolean counted) {
            if (e instanceof GroupElement g) {
                boolean under = counted || g.isNot() || g.isExists();
                for (RuleConditionElement c : g.getChildren()) {
                    String why = element(c, under);
                    if (why != null) {
                        return why;
                    }
                }
                return null;
            }
            if (e instanceof Forall f) {
                for (Pattern p : f.getNestedElements()) {
                    String why = element(p, true);
                    if (why != null) {
                        return why;
                    }
                }
                return null;
            }
            if (e instanceof Pattern p) {
                return pattern(p, counted);
            }
            if (e instanceof EvalCondition) {
                return null; // reads what the patterns bound: it sees no fact a match does not hold
            }
            return "has a condition the check does not know (" + e.getClass().getSimpleName() + ")";
        }

        private String pattern(Pattern p, boolean counted) {
            Object source = p.getSource();
            if (source instanceof Accumulate a) {
                for (RuleConditionElement c : a.getNestedElements()) {
                    String why = element(c, true);
                    if (why != null) {
                        return why;
                    }
                }
                return null; // the result is computed, no member's fact
            }
            if (source instanceof Collect c) {
                return element(c.getSourcePattern(), true);
            }
            if (source instanceof From) {
                return null; // an object of an expression over what the match holds
            }
            if (source != null) {
                return "has a pattern source the check does not know (" + source.getClass().getSimpleName() + ")";
            }
            if (!counted || !memberScoped(p)) {
                return null;
            }
            return tied(p) ? null : "looks at " + typeName(p) + " facts under not, exists, forall, accumulate or collect"
                    + " without tying them to a member or a post of the rule (an equality on member or post id)";
        }

        /** Whether some equality of {@code p} ties a key field of it to a key of the same kind bound elsewhere. */
        private static boolean tied(Pattern p) {
            Class<?> type = type(p);
            for (Constraint c : p.getConstraints()) {
                if (!(c instanceof IndexableConstraint ic) || ic.getConstraintType() != ConstraintTypeOperator.EQUAL) {
                    continue;
                }
                MemberKeys.Kind kind = MemberKeys.kind(type, method(ic.getFieldExtractor()));
                if (kind == null) {
                    continue;
                }
                for (Declaration d : c.getRequiredDeclarations()) {
                    Pattern from = d.getPattern();
                    if (from != null && from != p && from.getSource() == null && memberScoped(from)
                            && kind == MemberKeys.kind(type(from), method(d.getExtractor()))) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static String method(ReadAccessor reader) {
            return reader == null ? null : DroolsInternals.fieldName(reader);
        }

        private static Class<?> type(Pattern p) {
            return p.getObjectType() instanceof ClassObjectType c ? c.getClassType() : null;
        }

        private static String typeName(Pattern p) {
            Class<?> type = type(p);
            return type == null ? String.valueOf(p.getObjectType()) : type.getSimpleName();
        }

        /** Every fact is some member's, but the settings and the session's own initial fact. */
        private static boolean memberScoped(Pattern p) {
            Class<?> type = type(p);
            return type == null || !MemberKeys.SETTINGS.contains(type.getName()) && !type.getName().startsWith("org.drools.");
        }
    }
}
