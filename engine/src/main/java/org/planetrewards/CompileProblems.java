package org.planetrewards;

import org.drools.base.rule.LineMappings;
import org.drools.compiler.builder.impl.KnowledgeBuilderImpl;
import org.drools.compiler.compiler.DescrBuildError;
import org.drools.compiler.compiler.FunctionError;
import org.drools.compiler.compiler.ImportError;
import org.drools.compiler.compiler.PackageRegistry;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.ParserError;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.jci.CompilationProblem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drools' build errors as {@link RuleProblem}s in plain words, each with the file, line and column
 * the admin has to look at. Drools gives a column only inside some messages, and for an error in a
 * consequence the line of the rule: the line is recovered from the generated Java class, the
 * column from the words of the message.
 */
final class CompileProblems {
    private static final Pattern PARSER = Pattern.compile("^\\[ERR \\d+\\] Line (\\d+):(\\d+) (.*)$", Pattern.DOTALL);
    private static final Pattern LINE_COLUMN = Pattern.compile("[Ll]ine (\\d+):(\\d+)");
    private static final Pattern UNKNOWN_TYPE = Pattern.compile("^Unable to resolve ObjectType '([^']*)'");
    private static final Pattern EXPRESSION = Pattern.compile("^Unable to Analyse Expression (.*?):\\s*\\[Error: ([^\\]\\n]*)", Pattern.DOTALL);
    private static final Pattern STRICT_MODE = Pattern.compile("unable to resolve method using strict-mode: (?:[\\w$]+\\.)*([\\w$]+)\\.([\\w$]+)\\(\\)");
    private static final Pattern NAMED_IN_MESSAGE = Pattern.compile("^(?:The (?:method|field|constructor) ([\\w$]+)|([\\w$]+) cannot be resolved)");
    /** Lines between the start Drools records for a consequence's class and the consequence's first line. */
    private static final int CONSEQUENCE_LINES_AFTER_OFFSET = 4;
    /** The same for a function's class and the first line of the function's body. */
    private static final int FUNCTION_LINES_AFTER_OFFSET = 1;

    private final KnowledgeBuilder builder;
    private final RulePack pack;
    /** Functions that do not compile: the errors that only follow from that are left out. */
    private final Set<String> brokenFunctions = new HashSet<>();

    private CompileProblems(KnowledgeBuilder builder, RulePack pack) {
        this.builder = builder;
        this.pack = pack;
    }

    static List<RuleProblem> of(KnowledgeBuilder builder, RulePack pack) {
        return new CompileProblems(builder, pack).all();
    }

    private List<RuleProblem> all() {
        List<RuleProblem> problems = new ArrayList<>();
        boolean syntaxErrors = false;
        for (KnowledgeBuilderResult r : builder.getResults(ResultSeverity.ERROR)) {
            if (r instanceof FunctionError f && f.getFunctionDescr() != null) {
                brokenFunctions.add(f.getFunctionDescr().getName());
            }
            syntaxErrors |= r instanceof ParserError;
        }
        for (KnowledgeBuilderResult r : builder.getResults(ResultSeverity.ERROR)) {
            String message = r.getMessage() == null ? "" : r.getMessage().trim();
            if (message.startsWith("Parser returned a null Package")) {
                continue; // always follows a syntax error already reported with its line
            }
            String file = r.getResource() != null && r.getResource().getSourcePath() != null
                    ? r.getResource().getSourcePath() : "?";
            int line = r.getLines() != null && r.getLines().length > 0 ? Math.max(0, r.getLines()[0]) : 0;
            if (syntaxErrors && !(r instanceof ParserError)) {
                continue; // a file that does not parse loses its package's declarations: what follows misleads
            }
            try {
                if (r instanceof ImportError && brokenFunctions.stream().anyMatch(f -> message.endsWith("." + f + "'"))) {
                    continue; // the import of a function that did not compile
                } else if (r instanceof FunctionError f) {
                    problems.addAll(functionError(file, line, message, f));
                } else if (r instanceof ParserError) {
                    problems.add(parserError(file, line, message));
                } else if (r instanceof DescrBuildError d) {
                    problems.addAll(descrError(file, line, message, d));
                } else {
                    problems.add(generic(file, line, message));
                }
            } catch (RuntimeException e) {
                problems.add(generic(file, line, message)); // never lose an error to its rewording
            }
        }
        return problems;
    }

    private RuleProblem generic(String file, int line, String message) {
        int column = 0;
        Matcher m = LINE_COLUMN.matcher(message);
        if (m.find()) {
            line = Integer.parseInt(m.group(1));
            column = Integer.parseInt(m.group(2)) + 1;
        } else if (pack.files().containsKey(file)) {
            column = find(DrlLexer.lex(pack.files().get(file)), line, null, 0);
        }
        return RuleProblem.error(file, line, column, oneLine(message));
    }

    private RuleProblem parserError(String file, int line, String message) {
        Matcher m = PARSER.matcher(message);
        if (!m.matches()) {
            return generic(file, line, message);
        }
        return RuleProblem.error(file, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)) + 1,
                "syntax error: " + plainSyntax(oneLine(m.group(3))));
    }

    /** ANTLR's words in plainer ones: "no viable alternative at input 'x'" is "unexpected 'x'". */
    private static String plainSyntax(String s) {
        return s.replaceFirst("^no viable alternative at input (.*?)( in rule | in query |$)", "unexpected $1$2")
                .replaceFirst("^mismatched input (.*?) expecting (.*?)( in rule | in query |$)", "found $1 where $2 was expected$3")
                .replaceFirst("^extraneous input (.*?) expecting (.*?)( in rule | in query |$)", "unexpected $1 (expected $2)$3")
                .replaceFirst("^missing (.*?) at (.*?)( in rule | in query |$)", "$1 is missing before $2$3");
    }

    private List<RuleProblem> descrError(String file, int line, String message, DescrBuildError d) {
        String text = pack.files().get(file);
        DrlLexer lexed = text == null ? null : DrlLexer.lex(text);
        BaseDescr parent = d.getParentDescr();
        String owner = parent instanceof RuleDescr rd ? (rd.isQuery() ? "query \"" : "rule \"") + rd.getName() + "\""
                : parent instanceof FunctionDescr fd ? "function " + fd.getName() : null;
        BaseDescr descr = d.getDescr();
        if (descr != null && descr.getLine() > 0) {
            line = descr.getLine();
        }
        int column = descr != null && descr.getLine() > 0 && descr.getColumn() >= 0 ? descr.getColumn() + 1 : 0;

        if (d.getObject() instanceof Object[] compiled && compiled.length > 0 && compiled[0] instanceof CompilationProblem) {
            List<RuleProblem> out = new ArrayList<>();
            for (Object o : compiled) {
                out.add(javaError(file, line, owner, parent, (CompilationProblem) o, lexed));
            }
            out.removeIf(Objects::isNull);
            return out;
        }
        Matcher type = UNKNOWN_TYPE.matcher(message);
        if (type.find()) {
            String name = type.group(1);
            column = find(lexed, line, name, column);
            return List.of(RuleProblem.error(file, line, column, (owner == null ? "a pattern" : owner) + " matches " + name
                    + ", which is not a fact type: it is not in the fact model (" + CodeAllowList.MODEL_PACKAGE
                    + "), not imported and not declared in the pack"));
        }
        Matcher expr = EXPRESSION.matcher(message);
        if (expr.find()) {
            String expression = expr.group(1).trim();
            String inner = expr.group(2).trim();
            Matcher strict = STRICT_MODE.matcher(inner);
            String why = strict.find()
                    ? strict.group(1) + " has no field or method " + strict.group(2)
                    : inner;
            column = find(lexed, line, expression, column);
            return List.of(RuleProblem.error(file, line, column, "the condition " + expression
                    + (owner == null ? "" : " of " + owner) + " does not compile: " + why));
        }
        return List.of(RuleProblem.error(file, line, column, (owner == null ? "" : owner + ": ") + oneLine(message)));
    }

    private List<RuleProblem> functionError(String file, int line, String message, FunctionError f) {
        FunctionDescr fn = f.getFunctionDescr();
        if (!(f.getObject() instanceof Object[] compiled) || compiled.length == 0 || !(compiled[0] instanceof CompilationProblem)) {
            return List.of(generic(file, line, message));
        }
        String text = pack.files().get(file);
        DrlLexer lexed = text == null ? null : DrlLexer.lex(text);
        List<RuleProblem> out = new ArrayList<>();
        for (int k = 0; k < compiled.length; k++) {
            int fallback = f.getLines() != null && f.getLines().length > k ? f.getLines()[k] : line;
            out.add(javaError(file, fallback, "function " + fn.getName(), fn, (CompilationProblem) compiled[k], lexed));
        }
        return out;
    }

    /** An error the Java compiler found in a consequence or a function, at its line in the .drl file. */
    private RuleProblem javaError(String file, int line, String owner, BaseDescr parent, CompilationProblem p, DrlLexer lexed) {
        String message = p.getMessage() == null ? "" : p.getMessage().replaceAll(" for the type [\\w$]+$", "");
        for (String f : brokenFunctions) {
            if (message.startsWith("The method " + f + "(") || message.matches("The import [\\w.$]*\\."
                    + Pattern.quote(Character.toUpperCase(f.charAt(0)) + f.substring(1)) + " cannot be resolved")) {
                return null; // follows from the function's own error, reported with its line
            }
        }
        int mapped = 0;
        if (parent instanceof RuleDescr rule && lexed != null) {
            mapped = mappedLine(rule.getStartCharacter(), rule.getEndCharacter(), "then", CONSEQUENCE_LINES_AFTER_OFFSET, p, lexed);
        } else if (parent instanceof FunctionDescr fn && lexed != null) {
            mapped = mappedLine(fn.getStartCharacter(), fn.getEndCharacter(), "{", FUNCTION_LINES_AFTER_OFFSET, p, lexed);
        }
        int at = mapped > 0 ? mapped : line;
        int column = 0;
        if (lexed != null) {
            Matcher named = NAMED_IN_MESSAGE.matcher(message);
            String word = named.find() ? (named.group(1) != null ? named.group(1) : named.group(2)) : null;
            column = find(lexed, at, word, 0);
        }
        String where = parent instanceof RuleDescr ? "the consequence of " + owner : owner == null ? "the code" : owner;
        return RuleProblem.error(file, at, column, where + " does not compile: " + message);
    }

    /**
     * The .drl line of a Java error in a consequence or a function, or 0: the line of the generated
     * class, less where Drools recorded the code starts in it, from the first line of the code in the
     * .drl file (the first line with something on it after {@code then}, or after the function's
     * opening brace).
     */
    private int mappedLine(int start, int end, String opener, int linesAfterOffset, CompilationProblem p, DrlLexer lexed) {
        if (!(builder instanceof KnowledgeBuilderImpl impl) || p.getFileName() == null || start < 0) {
            return 0;
        }
        String className = p.getFileName().replace('/', '.').replaceAll("\\.java$", "");
        int dot = className.lastIndexOf('.');
        PackageRegistry registry = dot < 0 ? null : impl.getPackageRegistry(className.substring(0, dot));
        LineMappings mapping = registry == null ? null : registry.getDialectRuntimeRegistry().getLineMappings(className);
        if (mapping == null) {
            return 0;
        }
        String src = lexed.source();
        int codeStart = -1;
        for (DrlLexer.Token t : lexed.tokens()) {
            if (t.offset() >= start && t.is(opener)) {
                codeStart = t.end();
                break;
            }
        }
        if (codeStart < 0) {
            return 0;
        }
        int first = codeStart;
        while (first < src.length() && Character.isWhitespace(src.charAt(first))) {
            first++;
        }
        int line = lexed.line(first) + p.getStartLine() - mapping.getOffset() - linesAfterOffset;
        int last = lexed.line(Math.max(0, Math.min(end > 0 ? end : src.length(), src.length()) - 1));
        // Only trust the arithmetic when it lands inside the code.
        return line >= lexed.line(codeStart) && line <= last ? line : 0;
    }

    /** The 1-based column of a word on a line, else the first non-blank column, else the fallback. */
    private static int find(DrlLexer lexed, int line, String word, int fallback) {
        if (lexed == null || line <= 0 || line > lexed.line(lexed.source().length())) {
            return fallback;
        }
        String text = lexed.lineText(line);
        if (word != null && !word.isEmpty()) {
            int from = Math.max(0, fallback - 1);
            int at = text.indexOf(word, Math.min(from, text.length()));
            if (at < 0) {
                at = text.indexOf(word);
            }
            if (at >= 0) {
                return at + 1;
            }
        }
        if (fallback > 0) {
            return fallback;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return i + 1;
            }
        }
        return 1;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
