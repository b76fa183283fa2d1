package org.planetrewards;

import org.drools.base.rule.LineMappings;
import org.drools.compiler.builder.impl.KnowledgeBuilderImpl;
import org.drools.compiler.compiler.PackageRegistry;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.kie.internal.builder.KnowledgeBuilder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@link BytecodeCheck} on what a {@link KnowledgeBuilder} compiled from a pack, before any of
 * it is loaded, and places each refusal at the rule file's line and column: for a consequence or a
 * function, the line of the code; for {@code eval} and inline {@code accumulate} code, the line of
 * the {@code eval} or {@code accumulate}.
 */
final class CompiledCodeCheck {
    /** Lines between the line Drools records for a consequence's code in its class and the first line after {@code then}. */
    private static final int CONSEQUENCE_LINES_AFTER_OFFSET = 4;
    private static final Pattern NUMBERED = Pattern.compile("(?:\\$Accumulate|^eval|^accumulateExpression)(\\d+)");

    private final KnowledgeBuilderImpl builder;
    private final RulePack pack;

    private CompiledCodeCheck(KnowledgeBuilderImpl builder, RulePack pack) {
        this.builder = builder;
        this.pack = pack;
    }

    /** Every refusal, in file, line and column order; empty when all the compiled code is allowed. */
    static List<RuleProblem> check(KnowledgeBuilder builder, RulePack pack) {
        if (!(builder instanceof KnowledgeBuilderImpl impl)) {
            // Without the class store nothing could be judged: refuse rather than pass.
            return List.of(RuleProblem.error("?", 0, 0, "the compiled rules could not be read to check them"));
        }
        return new CompiledCodeCheck(impl, pack).run();
    }

    private List<RuleProblem> run() {
        List<RuleProblem> problems = new ArrayList<>();
        for (String pkg : builder.getPackageNames()) {
            PackageRegistry registry = builder.getPackageRegistry(pkg);
            Map<String, byte[]> compiled = DroolsInternals.compiledClasses(registry);
            if (compiled == null) {
                continue;
            }
            Set<String> declared = new HashSet<>();
            List<RuleDescr> rules = new ArrayList<>();
            List<FunctionDescr> functions = new ArrayList<>();
            for (PackageDescr d : descrs(pkg)) {
                for (TypeDeclarationDescr t : d.getTypeDeclarations()) {
                    declared.add((t.getNamespace() == null || t.getNamespace().isEmpty() ? pkg : t.getNamespace()).replace('.', '/')
                            + "/" + t.getTypeName());
                }
                rules.addAll(d.getRules());
                functions.addAll(d.getFunctions());
            }
            for (BytecodeCheck.Finding f : BytecodeCheck.check(compiled, declared)) {
                problems.add(place(registry, f, rules, functions));
            }
        }
        List<RuleProblem> unique = new ArrayList<>(new LinkedHashSet<>(problems));
        unique.sort(java.util.Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line)
                .thenComparingInt(RuleProblem::column));
        return unique;
    }

    private List<PackageDescr> descrs(String pkg) {
        List<PackageDescr> d = builder.getPackageDescrs(pkg);
        return d == null ? List.of() : d;
    }

    private RuleProblem place(PackageRegistry registry, BytecodeCheck.Finding f, List<RuleDescr> rules, List<FunctionDescr> functions) {
        String topLevel = topLevel(f.className());
        String simple = topLevel.substring(topLevel.lastIndexOf('/') + 1);
        LineMappings mapping = registry.getDialectRuntimeRegistry().getLineMappings(topLevel.replace('/', '.'));
        for (FunctionDescr fn : functions) {
            if (simple.equals(Character.toUpperCase(fn.getName().charAt(0)) + fn.getName().substring(1))) {
                int line = mapping != null && f.javaLine() > 0 ? mapping.getStartLine() + f.javaLine() - mapping.getOffset() : fn.getLine();
                return at(fn, Math.max(line, fn.getLine()), fn.getEndLine(), "function " + fn.getName(), f);
            }
        }
        for (RuleDescr r : rules) {
            if (!simple.equals(r.getClassName()) && !simple.startsWith(r.getClassName())) {
                continue;
            }
            String owner = (r.isQuery() ? "query \"" : "rule \"") + r.getName() + "\"";
            if (mapping != null && f.javaLine() >= mapping.getOffset() && !f.className().contains("$Accumulate")) {
                int line = mapping.getStartLine() + 1 + f.javaLine() - mapping.getOffset() - CONSEQUENCE_LINES_AFTER_OFFSET;
                return at(r, Math.max(line, mapping.getStartLine()), r.getEndLine(), "the consequence of " + owner, f);
            }
            BaseDescr element = numbered(r, f);
            if (element != null) {
                return at(r, element.getLine(), element.getEndLine(), (element instanceof EvalDescr ? "an eval of " : "an accumulate of ") + owner, f);
            }
            return at(r, r.getLine(), r.getEndLine(), owner, f);
        }
        return RuleProblem.error("?", 0, 0, "compiled code " + f.className().replace('/', '.') + " uses " + f.message() + TAIL);
    }

    static final String TAIL = ", which is not allowed (rule files are code: allow it only after review, with --allow-unsafe-code)";

    /** The eval or accumulate Drools numbered N in the rule: they are numbered in the order they appear. */
    private static BaseDescr numbered(RuleDescr r, BytecodeCheck.Finding f) {
        Matcher m = NUMBERED.matcher(f.className().contains("$Accumulate") ? f.className().substring(f.className().indexOf('$')) : f.method());
        if (!m.find()) {
            return null;
        }
        int n = Integer.parseInt(m.group(1));
        List<BaseDescr> numbered = new ArrayList<>();
        collect(r.getLhs(), numbered);
        return n < numbered.size() ? numbered.get(n) : numbered.isEmpty() ? null : numbered.get(numbered.size() - 1);
    }

    private static void collect(BaseDescr d, List<BaseDescr> out) {
        if (d instanceof EvalDescr || d instanceof AccumulateDescr) {
            out.add(d);
        }
        if (d instanceof ConditionalElementDescr ce) {
            for (BaseDescr c : ce.getDescrs()) {
                collect(c, out);
            }
        }
        if (d instanceof PatternDescr p && p.getSource() != null) {
            collect(p.getSource(), out);
        }
        if (d instanceof AccumulateDescr a) {
            collect(a.getInput(), out);
        }
    }

    private RuleProblem at(BaseDescr descr, int line, int lastLine, String where, BytecodeCheck.Finding f) {
        String file = descr.getResource() != null && descr.getResource().getSourcePath() != null
                ? descr.getResource().getSourcePath() : "?";
        if (lastLine > 0 && line > lastLine) {
            line = descr.getLine();
        }
        String text = pack.files().get(file);
        if (text != null && lastLine > line) {
            // Within an eval or accumulate, the first line that names the member is the line of the code.
            for (int l = line; l <= lastLine; l++) {
                if (named(text, l, f.word())) {
                    line = l;
                    break;
                }
            }
        }
        int column = text == null ? 1 : column(text, line, f.word());
        return RuleProblem.error(file, line, column, where + " uses " + f.message() + TAIL);
    }

    private static boolean named(String text, int line, String word) {
        String[] lines = text.split("\\R", -1);
        return word != null && !word.isEmpty() && line >= 1 && line <= lines.length
                && Pattern.compile("\\b(?:" + word.replace("$", "\\$") + ")\\b").matcher(lines[line - 1]).find();
    }

    /** The column of the word (or one of {@code a|b|c}) on the line, else of the line's first character. */
    static int column(String text, int line, String word) {
        String[] lines = text.split("\\R", -1);
        if (line < 1 || line > lines.length) {
            return 1;
        }
        String l = lines[line - 1];
        if (word != null && !word.isEmpty()) {
            Matcher m = Pattern.compile("\\b(?:" + word.replace("$", "\\$") + ")\\b").matcher(l);
            if (m.find()) {
                return m.start() + 1;
            }
        }
        for (int i = 0; i < l.length(); i++) {
            if (!Character.isWhitespace(l.charAt(i))) {
                return i + 1;
            }
        }
        return 1;
    }

    /** The class a nested class is in; Drools' {@code $uNN$} escapes are part of a name, not nesting. */
    private static String topLevel(String internal) {
        String escaped = internal.replaceAll("\\$(u\\d+)\\$", "\u0000$1\u0000");
        int dollar = escaped.indexOf('$');
        String top = dollar < 0 ? escaped : escaped.substring(0, dollar);
        return top.replaceAll("\u0000(u\\d+)\u0000", "\\$$1\\$");
    }
}
