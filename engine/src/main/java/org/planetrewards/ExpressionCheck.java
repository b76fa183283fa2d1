package org.planetrewards;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NamedConsequenceDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges the parts of a rule file that Drools evaluates with MVEL whatever the dialect (pattern
 * constraints, {@code from}, accumulate-function arguments, {@code salience} and the other
 * attributes, declared fields' initial values) by resolving every name with static types: a
 * binding, a property of the pattern's type, an allowed type or a literal, then each member along
 * the chain against {@link MemberAllowList}. What cannot be resolved statically is refused, since
 * MVEL would resolve it at run time against whatever the engine has in scope. It also refuses the
 * MVEL dialect for code, globals, {@code import function} and {@code import accumulate}.
 *
 * <p>Runs before Drools compiles anything: a compiler may evaluate constant expressions.
 */
final class ExpressionCheck {
    static final String TAIL = " (rule files are code: allow it only after review, with --allow-unsafe-code)";
    /** Words of DRL's constraint language that are operators, not names. */
    private static final Set<String> OPERATOR_WORDS = Set.of("contains", "not", "memberOf", "matches", "soundslike",
            "in", "excludes", "str", "after", "before", "coincides", "during", "finishes", "finishedby", "includes",
            "meets", "metby", "overlaps", "overlappedby", "starts", "startedby", "null", "true", "false");
    /** Drools' own accumulate functions, which only count, add and collect what they are given. */
    private static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("count", "sum", "average", "min", "max",
            "collectList", "collectSet");

    private final RuleFile file;
    private final String src;
    private final Set<String> declaredInPack;
    private final Map<String, TypeDeclarationDescr> declarations = new HashMap<>();
    private final List<RuleProblem> problems = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();
    private int searchFrom;

    /** The pack's functions by name: code the pack wrote, judged as bytecode. */
    private final Map<String, FunctionDescr> functions = new HashMap<>();
    /** Bare names brought in by {@code import static} of an allowed type: name to its class. */
    private final Map<String, Class<?>> staticImports = new HashMap<>();
    private final List<Class<?>> staticWildcards = new ArrayList<>();

    private ExpressionCheck(RuleFile file, Set<String> declaredInPack, List<RuleFile> pack) {
        this.file = file;
        this.src = file.lexed().source();
        this.declaredInPack = declaredInPack;
        for (RuleFile f : pack) {
            if (f.descr() != null) {
                for (TypeDeclarationDescr t : f.descr().getTypeDeclarations()) {
                    declarations.put(t.getTypeName(), t);
                }
                for (FunctionDescr fn : f.descr().getFunctions()) {
                    functions.put(fn.getName(), fn);
                }
            }
        }
    }

    /** Whether the problem is a name the check could not resolve, rather than a name it refuses. */
    static boolean isUnresolved(RuleProblem p) {
        return p.message().contains(UNRESOLVED);
    }

    static final String UNRESOLVED = "cannot be resolved statically";

    static List<RuleProblem> check(RuleFile file, Set<String> declaredInPack, List<RuleFile> pack) {
        ExpressionCheck c = new ExpressionCheck(file, declaredInPack, pack);
        if (file.descr() != null) {
            c.run(file.descr());
        }
        return c.problems;
    }

    private void run(PackageDescr d) {
        for (AttributeDescr a : d.getAttributes()) {
            attribute(a, null, Map.of());
        }
        for (GlobalDescr g : d.getGlobals()) {
            refuse(g, "global " + g.getIdentifier() + " (the engine sets no globals: a global could only bring outside code in)",
                    g.getIdentifier());
        }
        for (ImportDescr i : d.getFunctionImports()) {
            functionImport(i);
        }
        for (ImportDescr i : d.getAccumulateImports()) {
            refuse(i, "import accumulate " + i.getTarget() + " (code outside the pack)", "accumulate");
        }
        for (TypeDeclarationDescr t : d.getTypeDeclarations()) {
            declaration(t);
        }
        for (var e : d.getEnumDeclarations()) {
            // An enum's constants are built from their arguments when the class loads: code there runs at load.
            searchFrom = Math.max(0, file.start(e));
            for (TypeFieldDescr f : e.getFields().values()) {
                Object type = f.getPattern() == null ? null : resolveType(f.getPattern().getObjectType());
                if (type == null || type instanceof Class<?> c && !MemberAllowList.allowsType(c)) {
                    refuse(f, "a field " + f.getFieldName() + " of a type that is not allowed", f.getFieldName());
                }
            }
            for (var literal : e.getLiterals()) {
                for (String arg : literal.getConstructorArgs()) {
                    expression(arg, literal, null, new HashMap<>(), "the enum constant " + e.getTypeName() + "." + literal.getName());
                }
            }
        }
        for (var w : d.getWindowDeclarations()) {
            searchFrom = Math.max(0, file.start(w));
            if (w.getPattern() != null) {
                pattern(w.getPattern(), new HashMap<>(), "window " + w.getName());
            }
        }
        for (RuleDescr r : d.getRules()) {
            rule(r);
        }
    }

    /**
     * {@code import static} and {@code import function} (Drools reads both the same way): allowed
     * only for the static members of an allowed type that are allowed themselves, or a pack function.
     */
    private void functionImport(ImportDescr i) {
        String target = i.getTarget();
        int dot = target.lastIndexOf('.');
        Class<?> owner = dot < 0 ? null : CodeAllowList.classOrNull(target.substring(0, dot));
        String member = dot < 0 ? target : target.substring(dot + 1);
        if (owner == null && dot > 0 && functions.containsKey(member)) {
            return; // a function of the pack, by its class
        }
        if (owner == null || !MemberAllowList.allowsType(owner)) {
            refuse(i, "import function " + target + " (code outside the pack: write it as a function in the pack)", target);
            return;
        }
        if (member.equals("*")) {
            staticWildcards.add(owner);
            return;
        }
        Object field = property(owner, member, true);
        Object method = method(owner, member, true);
        if (field instanceof Refused r || field == NONE && method instanceof Refused) {
            String why = field instanceof Refused r2 ? r2.why : ((Refused) method).why;
            refuse(i, "import function " + target + " (" + why + ")", target);
            return;
        }
        staticImports.put(member, owner);
    }

    private void declaration(TypeDeclarationDescr t) {
        searchFrom = Math.max(0, file.start(t));
        for (var sup : t.getSuperTypes()) {
            Object type = resolveType(sup.getFullName());
            if (type == null || type instanceof Class<?> c && !(c.getPackageName().equals(CodeAllowList.MODEL_PACKAGE) && MemberAllowList.allowsType(c))) {
                refuse(t, "a declared type extending " + sup.getFullName() + " (a declared type may extend only the fact model or the pack's own types)",
                        sup.getName());
            }
        }
        for (TypeFieldDescr f : t.getFields().values()) {
            String typeName = f.getPattern() == null ? null : f.getPattern().getObjectType();
            Object type = typeName == null ? null : resolveType(typeName);
            if (type == null || type instanceof Class<?> c && !MemberAllowList.allowsType(c)) {
                refuse(f, "a field " + f.getFieldName() + " of type " + typeName + ", which is not an allowed type", lastName(typeName));
            }
            if (f.getInitExpr() != null && !f.getInitExpr().isBlank()) {
                expression(f.getInitExpr(), f, null, new HashMap<>(), "the initial value of " + t.getTypeName() + "." + f.getFieldName());
            }
        }
    }

    private void rule(RuleDescr r) {
        searchFrom = Math.max(0, file.start(r));
        String owner = (r.isQuery() ? "query \"" : "rule \"") + r.getName() + "\"";
        Map<String, Object> bindings = new HashMap<>();
        if (r instanceof QueryDescr q && q.getParameterTypes() != null) {
            for (int k = 0; k < q.getParameterTypes().length; k++) {
                Object type = resolveType(q.getParameterTypes()[k]);
                if (type == null || type instanceof Class<?> c && !MemberAllowList.allowsType(c)) {
                    refuse(r, "a parameter of " + owner + " of type " + q.getParameterTypes()[k] + ", which is not an allowed type",
                            lastName(q.getParameterTypes()[k]));
                } else {
                    bindings.put(q.getParameters()[k], type);
                }
            }
        }
        lhs(r.getLhs(), bindings, owner);
        for (AttributeDescr a : r.getAttributes().values()) {
            attribute(a, owner, bindings);
        }
    }

    private void attribute(AttributeDescr a, String owner, Map<String, Object> bindings) {
        String name = a.getName();
        String value = a.getValue() == null ? "" : a.getValue();
        String where = "the " + name + " of " + (owner == null ? "the package" : owner);
        if (name.equals("dialect")) {
            if (!value.equals("java")) {
                refuse(a, "dialect \"" + value + "\" (MVEL code resolves names at run time against the engine's session,"
                        + " so it cannot be held to the allow-list: write consequences in Java)", "dialect");
            }
        } else if (name.equals("salience") || name.equals("enabled") || name.equals("duration") || name.equals("timer")) {
            if (!value.matches("-?\\d+|true|false")) {
                if (name.equals("timer") || name.equals("duration")) {
                    refuse(a, name + " (a rule's time comes from the facts, not from timers)", name);
                } else {
                    expression(value, a, null, new HashMap<>(bindings), where);
                }
            }
        } else if (name.equals("calendars")) {
            refuse(a, "calendars (a rule's time comes from the facts)", name);
        }
    }

    private void lhs(BaseDescr d, Map<String, Object> bindings, String owner) {
        if (d == null) {
            return;
        }
        if (d instanceof PatternDescr p) {
            pattern(p, bindings, owner);
        } else if (d instanceof AndDescr || d instanceof OrDescr || d instanceof NotDescr || d instanceof ExistsDescr
                || d instanceof ForallDescr) {
            for (BaseDescr c : ((ConditionalElementDescr) d).getDescrs()) {
                lhs(c, bindings, owner);
            }
        } else if (d instanceof EvalDescr || d instanceof NamedConsequenceDescr || d instanceof EntryPointDescr) {
            // eval is compiled to Java and judged as bytecode; the others hold no code
        } else if (d instanceof FromDescr f) {
            expression(f.getDataSource().getText(), f, null, bindings, "the from of " + owner);
        } else if (d instanceof CollectDescr c) {
            lhs(c.getInputPattern(), bindings, owner);
        } else if (d instanceof AccumulateDescr a) {
            lhs(a.getInput(), bindings, owner);
            if (a.isExternalFunction()) {
                for (AccumulateDescr.AccumulateFunctionCallDescr fn : a.getFunctions()) {
                    if (!ACCUMULATE_FUNCTIONS.contains(fn.getFunction())) {
                        refuse(a, "the accumulate function " + fn.getFunction() + " (only " + String.join(", ", ACCUMULATE_FUNCTIONS.stream().sorted().toList()) + ")",
                                fn.getFunction());
                    }
                    for (String param : fn.getParams()) {
                        expression(param, a, null, bindings, "an accumulate of " + owner);
                    }
                    if (fn.getBind() != null) {
                        bindings.put(fn.getBind(), Object.class);
                    }
                }
            }
        } else {
            refuse(d, "a " + d.getClass().getSimpleName().replace("Descr", "") + " element, which this check does not read", null);
        }
    }

    private void pattern(PatternDescr p, Map<String, Object> bindings, String owner) {
        Object type = p.getObjectType() == null ? null : resolveType(p.getObjectType());
        if (type instanceof Class<?> c && !MemberAllowList.allowsType(c)) {
            refuse(p, "a pattern on " + c.getName() + ", which is not an allowed type", lastName(p.getObjectType()));
            type = null;
        }
        if (p.getSource() != null) {
            lhs(p.getSource(), bindings, owner);
        }
        for (BaseDescr c : p.getDescrs()) {
            if (c instanceof ExprConstraintDescr e) {
                expression(e.getExpression(), e, type, bindings, "a condition of " + owner);
            } else if (c instanceof BindingDescr b) {
                expression(b.getVariable() + " : " + b.getExpression(), b, type, bindings, "a condition of " + owner);
            } else {
                refuse(c, "a " + c.getClass().getSimpleName() + " constraint, which this check does not read", null);
            }
        }
        if (p.getIdentifier() != null) {
            bindings.put(p.getIdentifier(), type == null ? Object.class : type);
        }
    }

    // --- one expression ---

    /** Where the expression starts in the file, to give its problems a line and column. */
    private int locate(String text, BaseDescr d) {
        if (d.getStartCharacter() >= 0 && d.getStartCharacter() < src.length() && src.startsWith(text.trim(), d.getStartCharacter())) {
            return d.getStartCharacter();
        }
        int at = src.indexOf(text.trim(), Math.max(0, searchFrom));
        if (at < 0) {
            at = src.indexOf(text.trim());
        }
        if (at >= 0) {
            return at;
        }
        int start = file.start(d);
        return Math.max(0, start);
    }

    private void expression(String text, BaseDescr d, Object patternType, Map<String, Object> bindings, String where) {
        if (text == null) {
            return;
        }
        int base = locate(text, d);
        Expr e = new Expr(text, base, patternType, bindings, where);
        e.all();
    }

    private final class Expr {
        private final List<DrlLexer.Token> ts;
        private final int base;
        private final Object patternType;
        private final Map<String, Object> bindings;
        private final String where;
        private final String text;

        Expr(String text, int base, Object patternType, Map<String, Object> bindings, String where) {
            this.text = text;
            DrlLexer lexed = DrlLexer.lex(text);
            this.ts = lexed.tokens();
            this.base = base;
            this.patternType = patternType;
            this.bindings = bindings;
            this.where = where;
        }

        void all() {
            if (text.indexOf('#') >= 0) {
                refuseAt(text.indexOf('#'), "an inline cast or comment (#), which this check cannot follow");
                return;
            }
            int i = 0;
            // a binding: $x : expr, or x : expr
            if (ts.size() >= 2 && ts.get(0).kind() == DrlLexer.Kind.IDENT && ts.get(1).is(":")
                    && !(ts.size() > 2 && ts.get(2).is("=") && ts.get(2).offset() == ts.get(1).end())) {
                String name = ts.get(0).text();
                Object[] type = new Object[1];
                int end = sequence(2, ts.size(), type);
                bindings.put(name, type[0] == null ? Object.class : type[0]);
                return;
            }
            sequence(i, ts.size(), new Object[1]);
        }

        /** Reads tokens [i, end): primaries between operators. Sets type[0] when it is one primary. */
        private int sequence(int i, int end, Object[] type) {
            int primaries = 0;
            Object last = null;
            while (i < end) {
                DrlLexer.Token t = ts.get(i);
                if (startsPrimary(t)) {
                    Object[] out = new Object[1];
                    i = primary(i, end, out);
                    last = out[0];
                    primaries++;
                    continue;
                }
                if (t.is("{") || t.is("}") || t.is(";")) {
                    refuseAt(t.offset(), "'" + t.text() + "': blocks and statements are not conditions");
                    return end;
                }
                if (t.is("=") && !isComparison(i)) {
                    refuseAt(t.offset(), "an assignment: a condition may not change anything");
                    return end;
                }
                if ((t.is("+") || t.is("-")) && i + 1 < end && ts.get(i + 1).is(t.text()) && ts.get(i + 1).offset() == t.end()) {
                    refuseAt(t.offset(), "'" + t.text() + t.text() + "': a condition may not change anything");
                    return end;
                }
                if (t.is("instanceof") && i + 1 < end) {
                    int j = i + 1;
                    List<String> names = chain(j, end);
                    Object ty = resolveType(String.join(".", names));
                    if (ty == null || ty instanceof Class<?> c && !MemberAllowList.allowsType(c)) {
                        refuseAt(ts.get(j).offset(), String.join(".", names) + ", which is not an allowed type");
                    }
                    i = j + Math.max(1, 2 * names.size() - 1);
                    continue;
                }
                i++;
            }
            type[0] = primaries == 1 ? last : null;
            return end;
        }

        private boolean isComparison(int i) {
            DrlLexer.Token prev = i > 0 ? ts.get(i - 1) : null;
            DrlLexer.Token next = i + 1 < ts.size() ? ts.get(i + 1) : null;
            boolean prevJoined = prev != null && prev.end() == ts.get(i).offset()
                    && (prev.is("=") || prev.is("!") || prev.is("<") || prev.is(">") || prev.is(":"));
            boolean nextJoined = next != null && next.offset() == ts.get(i).end() && next.is("=");
            return prevJoined || nextJoined;
        }

        private boolean startsPrimary(DrlLexer.Token t) {
            if (t.kind() == DrlLexer.Kind.NUMBER || t.kind() == DrlLexer.Kind.STRING || t.is("(") || t.is("[")) {
                return true;
            }
            return t.kind() == DrlLexer.Kind.IDENT && !OPERATOR_WORDS.contains(t.text()) && !t.is("instanceof");
        }

        /** A primary and its member chain; out[0] is its static type, or null when unknown. */
        private int primary(int i, int end, Object[] out) {
            DrlLexer.Token t = ts.get(i);
            Object type;
            boolean isStatic = false;
            if (t.kind() == DrlLexer.Kind.NUMBER) {
                type = Number.class;
                i++;
            } else if (t.kind() == DrlLexer.Kind.STRING) {
                type = String.class;
                i++;
            } else if (t.is("(") || t.is("[")) {
                int close = matching(i, end);
                Object[] inner = new Object[1];
                for (int[] part : parts(i + 1, close)) {
                    sequence(part[0], part[1], inner);
                }
                type = t.is("(") ? inner[0] : List.class;
                i = close + 1;
            } else if (t.is("new")) {
                List<String> names = chain(i + 1, end);
                String typeName = String.join(".", names);
                Object ty = resolveType(typeName);
                int after = i + 1 + Math.max(1, 2 * names.size() - 1);
                if (ty == null || ty instanceof Class<?> c && (!MemberAllowList.allowsType(c) || !anyConstructorAllowed(c))) {
                    refuseAt(t.offset(), "new " + typeName + ", which is not an allowed type or constructor");
                    out[0] = null;
                    return end;
                }
                if (after < end && ts.get(after).is("(")) {
                    int close = matching(after, end);
                    arguments(after, close);
                    after = close + 1;
                }
                type = ty;
                i = after;
            } else if (t.is("this")) {
                type = patternType;
                i++;
            } else if (bindings.containsKey(t.text())) {
                type = bindings.get(t.text());
                i++;
            } else if (i + 1 < end && ts.get(i + 1).is("(") && !Character.isUpperCase(t.text().codePointAt(0))) {
                // A bare call: a function of the pack, or a static method brought in by import static.
                int close = matching(i + 1, end);
                Object result;
                FunctionDescr fn = functions.get(t.text());
                Class<?> owner = staticOwner(t.text(), true);
                if (fn != null) {
                    result = resolveType(fn.getReturnType());
                } else if (owner != null) {
                    result = method(owner, t.text(), true);
                } else {
                    result = new Refused("not a function of the pack or an allowed static import: it " + UNRESOLVED);
                }
                if (result instanceof Refused r) {
                    refuseAt(t.offset(), t.text() + " (" + r.why + ")");
                    out[0] = null;
                    return end;
                }
                arguments(i + 1, close);
                type = result;
                i = close + 1;
            } else if (staticOwner(t.text(), false) != null) {
                Object p = property(staticOwner(t.text(), false), t.text(), true);
                if (p instanceof Refused r) {
                    refuseAt(t.offset(), t.text() + " (" + r.why + ")");
                    out[0] = null;
                    return end;
                }
                type = p;
                i++;
            } else if (patternType != null && property(patternType, t.text(), false) != NONE && !(i + 1 < end && ts.get(i + 1).is("("))) {
                Object p = property(patternType, t.text(), false);
                if (p instanceof Refused r) {
                    refuseAt(t.offset(), t.text() + " (" + r.why + ")");
                    out[0] = null;
                    return end;
                }
                type = p;
                i++;
            } else {
                // A type, maybe with its package: the longest chain that names one.
                List<String> names = chain(i, end);
                Object found = null;
                int used = 0;
                for (int k = names.size(); k >= 1 && found == null; k--) {
                    String candidate = String.join(".", names.subList(0, k));
                    if (k == 1 && !Character.isUpperCase(candidate.codePointAt(0))) {
                        break;
                    }
                    found = resolveType(candidate);
                    used = k;
                }
                if (found == null) {
                    refuseAt(t.offset(), t.text() + ", which " + UNRESOLVED + " to a binding, a property of the pattern's type or an allowed type");
                    out[0] = null;
                    return end;
                }
                String typeName = String.join(".", names.subList(0, used));
                if (found instanceof Class<?> c && !MemberAllowList.allowsType(c)) {
                    refuseAt(t.offset(), typeName + ", which is not an allowed type");
                    out[0] = null;
                    return end;
                }
                type = found;
                isStatic = true;
                i = i + 2 * used - 1;
            }
            return chainFrom(i, end, type, isStatic, out);
        }

        private int chainFrom(int i, int end, Object type, boolean isStatic, Object[] out) {
            while (i < end) {
                DrlLexer.Token t = ts.get(i);
                boolean nullSafe = t.is("!") && i + 1 < end && ts.get(i + 1).is(".") && ts.get(i + 1).offset() == t.end();
                if (t.is(".") || nullSafe) {
                    int j = i + (nullSafe ? 2 : 1);
                    if (j < end && ts.get(j).is("?")) {
                        j++;
                    }
                    if (j >= end || ts.get(j).kind() != DrlLexer.Kind.IDENT) {
                        refuseAt(t.offset(), "a member this check cannot read");
                        out[0] = null;
                        return end;
                    }
                    DrlLexer.Token member = ts.get(j);
                    if (type == null || type == Object.class && !isObjectMethod(member.text())) {
                        refuseAt(member.offset(), member.text() + " on a value whose type " + UNRESOLVED);
                        out[0] = null;
                        return end;
                    }
                    if (j + 1 < end && ts.get(j + 1).is("(")) {
                        int close = matching(j + 1, end);
                        Object result = method(type, member.text(), isStatic);
                        if (result instanceof Refused r) {
                            refuseAt(member.offset(), member.text() + " (" + r.why + ")");
                            out[0] = null;
                            return end;
                        }
                        arguments(j + 1, close);
                        type = result;
                        i = close + 1;
                    } else {
                        Object result = property(type, member.text(), isStatic);
                        if (result == NONE) {
                            result = new Refused("no such field or property on " + typeName(type) + ": it " + UNRESOLVED);
                        }
                        if (result instanceof Refused r) {
                            refuseAt(member.offset(), member.text() + " (" + r.why + ")");
                            out[0] = null;
                            return end;
                        }
                        type = result;
                        i = j + 1;
                    }
                    isStatic = false;
                } else if (t.is("[")) {
                    int close = matching(i, end);
                    sequence(i + 1, close, new Object[1]);
                    type = null;
                    i = close + 1;
                } else if (t.is("(")) {
                    refuseAt(t.offset(), "a call this check cannot follow");
                    out[0] = null;
                    return end;
                } else {
                    break;
                }
            }
            out[0] = type;
            return i;
        }

        private void arguments(int open, int close) {
            for (int[] part : parts(open + 1, close)) {
                sequence(part[0], part[1], new Object[1]);
            }
        }

        /** Comma-separated parts of [from, to) at depth 0. */
        private List<int[]> parts(int from, int to) {
            List<int[]> out = new ArrayList<>();
            int depth = 0;
            int start = from;
            for (int k = from; k < to; k++) {
                DrlLexer.Token t = ts.get(k);
                if (t.is("(") || t.is("[") || t.is("{")) {
                    depth++;
                } else if (t.is(")") || t.is("]") || t.is("}")) {
                    depth--;
                } else if (t.is(",") && depth == 0) {
                    out.add(new int[]{start, k});
                    start = k + 1;
                }
            }
            if (start < to) {
                out.add(new int[]{start, to});
            }
            return out;
        }

        private int matching(int open, int end) {
            int depth = 0;
            for (int k = open; k < end; k++) {
                DrlLexer.Token t = ts.get(k);
                if (t.is("(") || t.is("[")) {
                    depth++;
                } else if (t.is(")") || t.is("]")) {
                    depth--;
                    if (depth == 0) {
                        return k;
                    }
                }
            }
            return end;
        }

        private List<String> chain(int i, int end) {
            List<String> names = new ArrayList<>();
            while (i < end && ts.get(i).kind() == DrlLexer.Kind.IDENT) {
                names.add(ts.get(i).text());
                if (i + 2 < end && ts.get(i + 1).is(".") && ts.get(i + 2).kind() == DrlLexer.Kind.IDENT) {
                    i += 2;
                } else {
                    break;
                }
            }
            return names;
        }

        private void refuseAt(int offsetInText, String what) {
            int at = base + offsetInText;
            if (reported.add(where + "@" + at)) {
                problems.add(file.error(Math.min(at, Math.max(0, src.length() - 1)), where + " uses " + what + TAIL));
            }
        }
    }

    // --- resolving members with static types ---

    private static final Object NONE = new Object();

    /** The allowed type a bare name was statically imported from, or {@code null}. */
    private Class<?> staticOwner(String name, boolean asMethod) {
        Class<?> named = staticImports.get(name);
        if (named != null) {
            return named;
        }
        for (Class<?> c : staticWildcards) {
            Object found = asMethod ? method(c, name, true) : property(c, name, true);
            if (asMethod ? !(found instanceof Refused r && r.why.startsWith("no such")) : found != NONE) {
                return c;
            }
        }
        return null;
    }

    private record Refused(String why) {
    }

    private static boolean isObjectMethod(String name) {
        return name.equals("equals") || name.equals("hashCode") || name.equals("toString");
    }

    private static boolean anyConstructorAllowed(Class<?> c) {
        for (var k : c.getConstructors()) {
            if (MemberAllowList.refusal(k) == null) {
                return true;
            }
        }
        return false;
    }

    /** The result type of calling a method of this name, a {@link Refused}, or {@code null} when the overloads disagree. */
    private Object method(Object type, String name, boolean isStatic) {
        if (type instanceof String declaredName) {
            TypeDeclarationDescr t = declarations.get(declaredName);
            if (!isStatic && t != null && (isObjectMethod(name) || name.matches("(get|is)[A-Z].*"))) {
                String field = Character.toLowerCase(name.charAt(name.startsWith("is") ? 2 : 3)) + name.substring(name.startsWith("is") ? 3 : 4);
                Object p = property(type, field, false);
                return isObjectMethod(name) ? (name.equals("toString") ? String.class : Object.class) : p;
            }
            return new Refused("not a getter of the declared type " + declaredName + ": it " + UNRESOLVED);
        }
        Class<?> c = (Class<?>) type;
        Set<Class<?>> returns = new HashSet<>();
        String why = null;
        for (Method m : MemberAllowList.methodsNamed(c, name)) {
            if (Modifier.isStatic(m.getModifiers()) != isStatic && isStatic) {
                continue;
            }
            String r = MemberAllowList.refusal(m);
            if (r == null) {
                returns.add(m.getReturnType());
            } else if (why == null) {
                why = r;
            }
        }
        if (why != null) {
            return new Refused(why); // one refused overload is enough: the check cannot know which one MVEL picks
        }
        if (returns.isEmpty()) {
            return new Refused("no such " + (isStatic ? "static " : "") + "method on " + c.getName() + ": it " + UNRESOLVED);
        }
        return returns.size() == 1 ? returns.iterator().next() : null;
    }

    /** The type of a property (a getter, a record component or a public field), a {@link Refused}, or {@link #NONE}. */
    private Object property(Object type, String name, boolean isStatic) {
        if (type instanceof String declaredName) {
            TypeDeclarationDescr t = declarations.get(declaredName);
            if (t == null || isStatic) {
                return NONE;
            }
            TypeFieldDescr f = t.getFields().get(name);
            if (f == null) {
                for (var sup : t.getSuperTypes()) {
                    Object p = property(resolveType(sup.getFullName()), name, false);
                    if (p != NONE) {
                        return p;
                    }
                }
                return NONE;
            }
            Object ft = f.getPattern() == null ? null : resolveType(f.getPattern().getObjectType());
            return ft == null ? NONE : ft;
        }
        if (!(type instanceof Class<?> c)) {
            return NONE;
        }
        if (isStatic) {
            for (Field f : c.getFields()) {
                if (f.getName().equals(name) && Modifier.isStatic(f.getModifiers())) {
                    String why = MemberAllowList.refusal(f);
                    return why == null ? f.getType() : new Refused(why);
                }
            }
            return NONE;
        }
        String cap = name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String getter : List.of("get" + cap, "is" + cap, name)) {
            for (Method m : c.getMethods()) {
                if (m.getName().equals(getter) && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())) {
                    String why = MemberAllowList.refusal(m);
                    return why == null ? m.getReturnType() : new Refused(why);
                }
            }
        }
        for (Field f : c.getFields()) {
            if (f.getName().equals(name)) {
                String why = MemberAllowList.refusal(f);
                return why == null ? f.getType() : new Refused(why);
            }
        }
        return NONE;
    }

    /** A class, the name of a type declared in the pack, or {@code null}. */
    private Object resolveType(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        name = name.replaceAll("\\s+", "").replaceAll("(\\[])+$", "");
        if (name.contains("<")) {
            name = name.substring(0, name.indexOf('<'));
        }
        Class<?> primitive = switch (name) {
            case "int" -> int.class;
            case "long" -> long.class;
            case "double" -> double.class;
            case "float" -> float.class;
            case "boolean" -> boolean.class;
            case "short" -> short.class;
            case "byte" -> byte.class;
            case "char" -> char.class;
            default -> null;
        };
        if (primitive != null) {
            return primitive;
        }
        String last = lastName(name);
        if (name.contains(".")) {
            Class<?> c = CodeAllowList.classOrNull(name);
            if (c == null) {
                int dot = name.lastIndexOf('.');
                c = CodeAllowList.classOrNull(name.substring(0, dot) + "$" + name.substring(dot + 1));
            }
            if (c != null) {
                return c;
            }
            return declaredInPack.contains(last) && declarations.containsKey(last) ? last : null;
        }
        List<String> wildcards = new ArrayList<>();
        for (ImportDescr i : file.descr().getImports()) {
            String target = i.getTarget();
            if (target.endsWith(".*")) {
                wildcards.add(target.substring(0, target.length() - 2));
            } else if (target.equals(name) || target.endsWith("." + name)) {
                return resolveType(target);
            }
        }
        if (declaredInPack.contains(name) && declarations.containsKey(name)
                && CodeAllowList.classOrNull(file.packageName() + "." + name) == null) {
            return name;
        }
        wildcards.add("java.lang");
        wildcards.add(file.packageName());
        for (String w : wildcards) {
            Class<?> c = CodeAllowList.classOrNull(w + "." + name);
            if (c != null) {
                return c;
            }
        }
        return declarations.containsKey(name) ? name : null;
    }

    private static String typeName(Object type) {
        return type instanceof Class<?> c ? c.getName() : String.valueOf(type);
    }

    private static String lastName(String name) {
        if (name == null) {
            return null;
        }
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private void refuse(BaseDescr d, String what, String word) {
        int start = file.start(d);
        if (start < 0) {
            start = 0;
        }
        if (word != null) {
            int at = src.indexOf(word, start);
            if (at >= 0 && (d.getEndCharacter() < 0 || at <= d.getEndCharacter() + 1)) {
                start = at;
            }
        }
        if (reported.add(what + "@" + start)) {
            problems.add(file.error(Math.min(start, Math.max(0, src.length() - 1)), what + TAIL));
        }
    }
}
