package org.planetrewards;

import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code .drl} file as the rule check reads it: its tokens (see {@link DrlLexer}) and, when it
 * parses, Drools' own descriptors of it. Knows which part of the file (an import, a function, the
 * conditions or the consequence of a rule...) a character belongs to, to name it in messages.
 */
final class RuleFile {
    private final String name;
    private final DrlLexer lexed;
    private final PackageDescr descr;
    private final List<Region> regions = new ArrayList<>();

    /** A part of the file: {@code [start, end)} in characters, with the words that name it. */
    record Region(int start, int end, String what, RuleDescr rule, int when, int then) {
        String describe(int offset) {
            if (rule == null) {
                return what;
            }
            String kind = rule.isQuery() ? "query" : "rule";
            String name = kind + " \"" + rule.getName() + "\"";
            if (then >= 0 && offset >= then) {
                return "the consequence of " + name;
            }
            if (when >= 0 && offset >= when) {
                return "a condition of " + name;
            }
            return rule.isQuery() ? name : "an attribute of " + name;
        }
    }

    private RuleFile(String name, String text) {
        this.name = name;
        this.lexed = DrlLexer.lex(text);
        this.descr = parse(text);
        if (descr != null) {
            regions();
        }
    }

    static RuleFile read(String name, String text) {
        return new RuleFile(name, text);
    }

    private static PackageDescr parse(String text) {
        try {
            return new DrlParser().parse(false, text);
        } catch (DroolsParserException | RuntimeException e) {
            return null; // the compiler reports syntax errors with their place
        }
    }

    private void regions() {
        for (ImportDescr i : descr.getImports()) {
            add(i, "the import of " + i.getTarget());
        }
        for (ImportDescr i : descr.getFunctionImports()) {
            add(i, "the import of " + i.getTarget());
        }
        for (GlobalDescr g : descr.getGlobals()) {
            add(g, "global " + g.getIdentifier());
        }
        for (FunctionDescr f : descr.getFunctions()) {
            add(f, "function " + f.getName());
        }
        for (TypeDeclarationDescr t : descr.getTypeDeclarations()) {
            add(t, "the declaration of " + t.getTypeName());
        }
        for (RuleDescr r : descr.getRules()) {
            int start = start(r);
            int end = end(r);
            if (start < 0 || end < start) {
                continue;
            }
            int when = -1;
            int then = -1;
            for (DrlLexer.Token t : lexed.tokens()) {
                if (t.offset() < start || t.offset() >= end) {
                    continue;
                }
                if (when < 0 && then < 0 && t.is("when")) {
                    when = t.offset();
                } else if (then < 0 && t.is("then")) {
                    then = t.offset();
                }
            }
            regions.add(new Region(start, end, null, r, when, then));
        }
    }

    private void add(BaseDescr d, String what) {
        int start = start(d);
        int end = end(d);
        if (start >= 0 && end >= start) {
            regions.add(new Region(start, end, what, null, -1, -1));
        }
    }

    int start(BaseDescr d) {
        if (d.getStartCharacter() >= 0) {
            return d.getStartCharacter();
        }
        return d.getLine() > 0 ? lexed.offset(d.getLine(), d.getColumn()) : -1;
    }

    private int end(BaseDescr d) {
        if (d.getEndCharacter() >= 0) {
            return d.getEndCharacter() + 1;
        }
        return d.getEndLine() > 0 ? lexed.offset(d.getEndLine(), d.getEndColumn()) + 1 : -1;
    }

    /** Words naming the part of the file at this character, like {@code the consequence of rule "x"}. */
    String describe(int offset) {
        Region best = null;
        for (Region r : regions) {
            if (offset >= r.start() && offset < r.end() && (best == null || r.start() >= best.start())) {
                best = r;
            }
        }
        if (best != null) {
            return best.describe(offset);
        }
        return descr == null ? describeFromTokens(offset) : "this file";
    }

    /** For a file Drools cannot parse: the rule around the offset, found by its keywords. */
    private String describeFromTokens(int offset) {
        String where = "this file";
        List<DrlLexer.Token> ts = lexed.tokens();
        for (int i = 0; i < ts.size() && ts.get(i).offset() <= offset; i++) {
            DrlLexer.Token t = ts.get(i);
            boolean lineStart = i == 0 || lexed.line(ts.get(i - 1).offset()) < lexed.line(t.offset());
            if (!lineStart) {
                continue;
            }
            if ((t.is("rule") || t.is("query")) && i + 1 < ts.size()) {
                where = t.text() + " \"" + ts.get(i + 1).text() + "\"";
            } else if (t.is("when") && where.startsWith("rule ")) {
                where = "a condition of " + where.substring(where.indexOf("rule "));
            } else if (t.is("then") && where.contains("rule ")) {
                where = "the consequence of " + where.substring(where.indexOf("rule "));
            } else if (t.is("end")) {
                where = "this file";
            }
        }
        return where;
    }

    String name() {
        return name;
    }

    DrlLexer lexed() {
        return lexed;
    }

    /** Drools' descriptors, or {@code null} when the file does not parse. */
    PackageDescr descr() {
        return descr;
    }

    /** The package the file declares, or {@code ""}. */
    String packageName() {
        return descr == null || descr.getName() == null ? "" : descr.getName();
    }

    /** The region that holds a rule, to find its {@code then}. */
    Region regionOf(RuleDescr rule) {
        for (Region r : regions) {
            if (r.rule() == rule) {
                return r;
            }
        }
        return null;
    }

    RuleProblem error(int offset, String message) {
        return RuleProblem.error(name, lexed.line(offset), lexed.column(offset), message);
    }

    RuleProblem warning(int offset, String message) {
        return RuleProblem.warning(name, lexed.line(offset), lexed.column(offset), message);
    }
}
