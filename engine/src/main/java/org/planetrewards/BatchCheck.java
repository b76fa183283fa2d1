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
import org.kie.api.io.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;

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

    /**
     * The check's answer: batchable, or the first rule (in name order) that is not, why, and where (the
     * file, and the line and column of the pattern that fails it when it can be found in the file's text,
     * else the rule's line; null and 0 when Drools kept no file).
     */
    record Verdict(boolean batchable, String rule, String why, String file, int line, int column) {
        static final Verdict YES = new Verdict(true, null, null, null, 0, 0);

        @Override
        public String toString() {
            return batchable ? "batchable" : "not batchable: rule \"" + rule + "\" " + why;
        }

        /**
         * What {@code rewards check} says of a pack that is not batchable, worded for the admin who wrote the
         * rule: which rule, what in it, and what it costs. Null for a batchable pack.
         */
        RuleProblem note(String origin) {
            if (batchable) {
                return null;
            }
            return RuleProblem.note(file == null ? origin : file, line, column, "rule \"" + rule + "\": " + why
                    + "; replays of this pack run one fact at a time (slower, same decisions)");
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
            Finding f = new Walk().element(rule.getLhs(), null);
            if (f != null) {
                return verdict(rule, f);
            }
        }
        return Verdict.YES;
    }

    /**
     * Why a rule is not batchable: what it says, and the pattern's type and the condition it is under,
     * to find the pattern's line in the text (compiled patterns keep no line).
     */
    private record Finding(String why, String type, String under) {
        Finding(String why) {
            this(why, null, null);
        }
    }

    private static Verdict verdict(RuleImpl rule, Finding f) {
        Resource resource = rule.getResource();
        String file = resource == null ? null : resource.getSourcePath();
        int[] at = {0, 0};
        if (file != null) {
            try (InputStream in = resource.getInputStream()) {
                at = where(new String(in.readAllBytes(), StandardCharsets.UTF_8), rule.getName(), f);
            } catch (IOException | RuntimeException e) {
                at = new int[] {0, 0}; // the file is still named; an admin finds the rule by its name
            }
        }
        return new Verdict(false, rule.getName(), f.why(), file, at[0], at[1]);
    }

    /**
     * The line and column of the pattern that fails the check: in the rule's text, the first pattern of its
     * type on a line that names the condition it is under, else the first pattern of its type, else the
     * rule's line. Only for the note, so a guess that misses still names the rule, which the message also does.
     */
    private static int[] where(String text, String rule, Finding f) {
        Matcher start = java.util.regex.Pattern.compile("(?m)^\\s*rule\\s+(\"" + java.util.regex.Pattern.quote(rule) + "\"|'"
                + java.util.regex.Pattern.quote(rule) + "'|" + java.util.regex.Pattern.quote(rule) + "\\b)").matcher(text);
        if (!start.find()) {
            return new int[] {0, 0};
        }
        int from = start.start(1);
        Matcher then = java.util.regex.Pattern.compile("(?m)^\\s*then\\b").matcher(text); // the conditions end there
        String body = text.substring(from, then.find(from) ? then.start() : text.length());
        if (f.type() == null) {
            return at(text, from);
        }
        Matcher pattern = java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(f.type()) + "\\s*\\(").matcher(body);
        int first = -1;
        while (pattern.find()) {
            first = first < 0 ? pattern.start() : first;
            int lineStart = body.lastIndexOf('\n', pattern.start()) + 1;
            if (body.substring(lineStart, pattern.start()).contains(f.under())) {
                return at(text, from + pattern.start());
            }
        }
        return at(text, from + Math.max(first, 0));
    }

    /** The 1-based line and column of {@code offset} in {@code text}. */
    private static int[] at(String text, int offset) {
        int line = 1 + (int) text.substring(0, offset).chars().filter(c -> c == '\n').count();
        return new int[] {line, offset - text.lastIndexOf('\n', offset - 1)};
    }

    /** One rule's conditions, walked; each method returns why the rule is not batchable, or null. */
    private static final class Walk {
        /** @param under the innermost {@code not}, {@code exists}, ... around {@code e}, or null */
        Finding element(RuleConditionElement e, String under) {
            if (e instanceof GroupElement g) {
                String inner = g.isNot() ? "not" : g.isExists() ? "exists" : under;
                for (RuleConditionElement c : g.getChildren()) {
                    Finding why = element(c, inner);
                    if (why != null) {
                        return why;
                    }
                }
                return null;
            }
            if (e instanceof Forall f) {
                for (Pattern p : f.getNestedElements()) {
                    Finding why = element(p, "forall");
                    if (why != null) {
                        return why;
                    }
                }
                return null;
            }
            if (e instanceof Pattern p) {
                return pattern(p, under);
            }
            if (e instanceof EvalCondition) {
                return null; // reads what the patterns bound: it sees no fact a match does not hold
            }
            return new Finding("has a condition the check does not know (" + e.getClass().getSimpleName() + ")");
        }

        private Finding pattern(Pattern p, String under) {
            Object source = p.getSource();
            if (source instanceof Accumulate a) {
                for (RuleConditionElement c : a.getNestedElements()) {
                    Finding why = element(c, "accumulate");
                    if (why != null) {
                        return why;
                    }
                }
                return null; // the result is computed, no member's fact
            }
            if (source instanceof Collect c) {
                return element(c.getSourcePattern(), "collect");
            }
            if (source instanceof From) {
                return null; // an object of an expression over what the match holds
            }
            if (source != null) {
                return new Finding("has a pattern source the check does not know (" + source.getClass().getSimpleName() + ")");
            }
            if (under == null || !memberScoped(p) || tied(p)) {
                return null;
            }
            String type = typeName(p);
            return new Finding("`" + type + "(...)` under `" + under + "` " + untied(type(p))
                    + ", so in a batch it would see other members' facts too", type, under);
        }

        /** What the pattern of {@code type} lacks, in the words of its key fields. */
        private static String untied(Class<?> type) {
            String member = type == null ? null : MemberKeys.memberField(type);
            String post = type == null ? null : MemberKeys.POST.get(type);
            if (member == null && post == null) {
                return "is of a type with no member or post field the engine knows (a type the pack declares has one"
                        + " only as a text field named `member`)";
            }
            String keys = member != null && post != null ? "`" + member + "` (its member) or `" + post + "` (its post)"
                    : member != null ? "`" + member + "` (its member)" : "`" + post + "` (its post)";
            return "has no equality on " + keys + " against the same key of another pattern of the rule"
                    + " (such as `" + (member != null ? member + " == $member" : post + " == $post") + "`)";
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
