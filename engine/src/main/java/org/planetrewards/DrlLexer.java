package org.planetrewards;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a whole {@code .drl} file into the tokens the rule check reads: identifiers, numbers,
 * string literals and single punctuation characters, with comments dropped. Java, MVEL and DRL are
 * lexed alike, and wherever they could disagree about what is code the lexer either reads more as
 * code than a compiler would, or reports a hazard that refuses the file:
 *
 * <ul>
 *   <li>a {@code \}{@code u} escape (Java turns it into any character, even a quote or a line break,
 *       before it reads the code);</li>
 *   <li>a string literal not closed on its own line, a text block ({@code """}), a comment never closed;</li>
 *   <li>{@code #} starts a comment in DRL but not in Java: its line is read as code, quotes and
 *       comment marks included, so nothing hides behind it.</li>
 * </ul>
 *
 * Identifiers drop the characters Java ignores inside them ({@link Character#isIdentifierIgnorable}),
 * so {@code Run}<i>zero-width</i>{@code time} reads as {@code Runtime}, as it does for the compiler.
 */
final class DrlLexer {
    enum Kind { IDENT, NUMBER, STRING, PUNCT }

    /** One token; {@code text} of a string literal is its content without quotes or escapes undone. */
    record Token(Kind kind, String text, int offset, int end) {
        boolean is(String s) {
            return (kind == Kind.IDENT || kind == Kind.PUNCT) && text.equals(s);
        }
    }

    /** Something in the text that could hide code from the check. */
    record Hazard(int offset, String message) {
    }

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Hazard> hazards = new ArrayList<>();
    private final int[] lineStarts;

    private DrlLexer(String src) {
        this.src = src;
        this.lineStarts = lineStarts(src);
    }

    static DrlLexer lex(String src) {
        DrlLexer l = new DrlLexer(src);
        l.run();
        return l;
    }

    List<Token> tokens() {
        return tokens;
    }

    List<Hazard> hazards() {
        return hazards;
    }

    String source() {
        return src;
    }

    /** 1-based line of a character offset; {@code \n}, {@code \r\n} and {@code \r} end lines, as in Java. */
    int line(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    /** 1-based column (in characters) of a character offset. */
    int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    /** The character offset of a 1-based line and 0-based column, as Drools' descriptors give them. */
    int offset(int line, int column0) {
        if (line < 1 || line > lineStarts.length) {
            return -1;
        }
        return Math.min(src.length(), lineStarts[line - 1] + Math.max(0, column0));
    }

    /** The text of a 1-based line, without its line break. */
    String lineText(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int start = lineStarts[line - 1];
        int end = start;
        while (end < src.length() && src.charAt(end) != '\n' && src.charAt(end) != '\r') {
            end++;
        }
        return src.substring(start, end);
    }

    private static int[] lineStarts(String s) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i++;
                starts.add(i + 1);
            } else if (c == '\n' || c == '\r') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private void run() {
        findUnicodeEscapes();
        int n = src.length();
        int i = 0;
        int hashLineEnd = -1; // inside a '#' line: read as code, quotes and comment marks too
        while (i < n) {
            char c = src.charAt(i);
            boolean inHashLine = i < hashLineEnd;
            if (c == '\n' || c == '\r' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                i++;
            } else if (!inHashLine && c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                i = lineEnd(i);
            } else if (!inHashLine && c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int close = src.indexOf("*/", i + 2);
                if (close < 0) {
                    hazards.add(new Hazard(i, "a comment that is never closed, which can hide code from this check: close it with */"));
                }
                i = close < 0 ? n : close + 2;
            } else if (c == '#' && !inHashLine) {
                hashLineEnd = lineEnd(i);
                tokens.add(new Token(Kind.PUNCT, "#", i, i + 1));
                i++;
            } else if (!inHashLine && (c == '"' || c == '\'')) {
                i = string(i, c);
            } else if (Character.isJavaIdentifierStart(c) || Character.isIdentifierIgnorable(c) && !Character.isISOControl(c)) {
                int start = i;
                StringBuilder name = new StringBuilder();
                while (i < n && (Character.isJavaIdentifierPart(src.charAt(i)))) {
                    if (!Character.isIdentifierIgnorable(src.charAt(i))) {
                        name.append(src.charAt(i));
                    }
                    i++;
                }
                if (i == start) { // an ignorable character alone
                    i++;
                    continue;
                }
                tokens.add(new Token(Kind.IDENT, name.toString(), start, i));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < n && (Character.isDigit(src.charAt(i)) || src.charAt(i) == '_'
                        || src.charAt(i) == '.' && i + 1 < n && Character.isDigit(src.charAt(i + 1)))) {
                    i++;
                }
                // A type suffix (1L, 2.5f) belongs to the number; any other letters that follow are read
                // as an identifier of their own (31d is 31 and d), so no name hides inside a number.
                if (i < n && "lLfFdD".indexOf(src.charAt(i)) >= 0
                        && (i + 1 >= n || !Character.isJavaIdentifierPart(src.charAt(i + 1)))) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, src.substring(start, i), start, i));
            } else {
                int len = Character.charCount(src.codePointAt(i));
                tokens.add(new Token(Kind.PUNCT, src.substring(i, i + len), i, i + len));
                i += len;
            }
        }
    }

    private int lineEnd(int i) {
        while (i < src.length() && src.charAt(i) != '\n' && src.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private int string(int start, char quote) {
        int n = src.length();
        if (quote == '"' && src.startsWith("\"\"\"", start)) {
            hazards.add(new Hazard(start, "a text block (\"\"\"), which can hide code from this check: write ordinary one-line strings"));
        }
        StringBuilder content = new StringBuilder();
        int i = start + 1;
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\\' && i + 1 < n && src.charAt(i + 1) != '\n' && src.charAt(i + 1) != '\r') {
                content.append(c).append(src.charAt(i + 1));
                i += 2;
            } else if (c == quote) {
                tokens.add(new Token(Kind.STRING, content.toString(), start, i + 1));
                return i + 1;
            } else if (c == '\n' || c == '\r') {
                break;
            } else {
                content.append(c);
                i++;
            }
        }
        hazards.add(new Hazard(start, "a string literal not closed on its own line, which can hide code from this check: close it on the line it starts"));
        tokens.add(new Token(Kind.STRING, content.toString(), start, i));
        return i;
    }

    /** Java reads {@code \}{@code u} escapes before anything else, even in comments: refuse them all. */
    private void findUnicodeEscapes() {
        for (int i = src.indexOf('\\'); i >= 0; i = src.indexOf('\\', i + 1)) {
            int backslashes = 0;
            for (int j = i - 1; j >= 0 && src.charAt(j) == '\\'; j--) {
                backslashes++;
            }
            if (backslashes % 2 == 0 && i + 1 < src.length() && src.charAt(i + 1) == 'u') {
                hazards.add(new Hazard(i, "a \\u escape, which can hide code from this check (Java reads it as any character, even a quote or a line break): write the character itself"));
            }
        }
    }
}
