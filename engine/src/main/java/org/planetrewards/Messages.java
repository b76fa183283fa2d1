package org.planetrewards;

import org.planetrewards.model.Text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The words of a rule pack: one message file per language in its {@code messages/} folder
 * ({@code en.properties}, {@code zh-CN.properties}), UTF-8, {@code key = text} a line, where the text
 * names what a rule or the engine fills in as {@code {placeholder}} (docs/explain-and-progress.md,
 * "Messages and languages"). Rules name sentences by key ({@link Text}); progress, explanations, the
 * report and the rankings look the words up here, so an admin edits a sentence or adds a language
 * without Java.
 *
 * <p>A sentence missing from the language asked for comes from the language it narrows ({@code zh} for
 * {@code zh-CN}), then from English, then from the default pack's files, so a pack that changes a few
 * sentences need not copy the rest; {@code rewards check} reports what is missing all the same.
 */
public final class Messages {
    /** The language every pack must have, and the last one looked in. */
    public static final String ENGLISH = "en";
    static final String FOLDER = "messages";
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_-]*)}");

    /** One line of a message file. */
    record Entry(String text, int line) {
    }

    /** One language's file: its name in the pack and its sentences by key, in file order. */
    record Catalog(String file, Map<String, Entry> entries) {
    }

    private static final Messages NONE = new Messages(Map.of(), null);

    private final Map<String, Catalog> byLanguage;
    private final Messages fallback;

    private Messages(Map<String, Catalog> byLanguage, Messages fallback) {
        this.byLanguage = Collections.unmodifiableMap(new TreeMap<>(byLanguage));
        this.fallback = fallback;
    }

    /** No words at all: every sentence shows its key. */
    static Messages none() {
        return NONE;
    }

    /**
     * The message files of a pack's {@code messages} folder, with {@code fallback} for what they lack.
     *
     * @throws IllegalArgumentException naming file, line and what is wrong, for a file that is not UTF-8,
     *                                  a line that is not {@code key = text}, a key given twice, or a file
     *                                  named other than by a language ({@code en}, {@code zh-CN})
     * @throws UncheckedIOException     when the folder cannot be read
     */
    static Messages read(Path folder, String shownAs, Messages fallback) {
        Map<String, Catalog> files = new LinkedHashMap<>();
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(p -> p.getFileName().toString().endsWith(".properties")).forEach(paths::add);
        } catch (IOException e) {
            throw new UncheckedIOException(shownAs + ": " + e.getMessage(), e);
        }
        paths.sort(null);
        for (Path p : paths) {
            String name = p.getFileName().toString();
            String language = name.substring(0, name.length() - ".properties".length());
            String shown = shownAs + "/" + name;
            if (!LANGUAGE.matcher(language).matches()) {
                throw new IllegalArgumentException(shown + ": a message file is named by its language, like en.properties or zh-CN.properties");
            }
            try {
                byte[] bytes = Files.readAllBytes(p);
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
                files.put(language, parse(FOLDER + "/" + name, shown, text));
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(shown + ": not UTF-8 text");
            } catch (IOException e) {
                throw new UncheckedIOException(shown + ": " + e.getMessage(), e);
            }
        }
        return new Messages(files, fallback);
    }

    /** Message files from their text, by language, for tests and hosts that keep packs elsewhere. */
    static Messages of(Map<String, String> textByLanguage, Messages fallback) {
        Map<String, Catalog> files = new LinkedHashMap<>();
        textByLanguage.forEach((lang, text) -> files.put(lang, parse(FOLDER + "/" + lang + ".properties",
                FOLDER + "/" + lang + ".properties", text)));
        return new Messages(files, fallback);
    }

    /**
     * A message file: {@code key = text} (or {@code key: text}) a line; {@code #} or {@code !} starts a
     * comment line; a line ending in a backslash goes on on the next; {@code \n}, {@code \t},
     * {@code \\}, {@code \ } (a space kept at the start) and {@code \}{@code uXXXX} as in Java's properties files.
     */
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9.\\-]*");

    /**
     * The text's lines, split at CR LF, CR or LF, as {@code split("\r\n|\r|\n", -1)} splits them: by hand,
     * because that regular expression, run cold on the default pack's message files at every start, took
     * a twentieth of a short replay.
     */
    private static String[] lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
        return lines.toArray(new String[0]);
    }

    static Catalog parse(String file, String shown, String text) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        String[] lines = lines(text);
        for (int i = 0; i < lines.length; i++) {
            int first = i + 1;
            StringBuilder logical = new StringBuilder(lines[i].stripLeading());
            if (logical.length() == 0 || logical.charAt(0) == '#' || logical.charAt(0) == '!') {
                continue;
            }
            while (endsInContinuation(logical) && i + 1 < lines.length) {
                logical.setLength(logical.length() - 1);
                logical.append(lines[++i].stripLeading());
            }
            String line = logical.toString();
            int sep = separator(line);
            if (sep < 0) {
                throw new IllegalArgumentException(shown + ":" + first + ": expected key = text, found \"" + line.strip() + "\"");
            }
            String key = line.substring(0, sep).strip();
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException(shown + ":" + first + ": key \"" + key
                        + "\": a message key is lower-case letters, digits, dots and hyphens");
            }
            String value = unescape(line.substring(sep + 1).stripLeading(), shown + ":" + first);
            if (entries.put(key, new Entry(value, first)) != null) {
                throw new IllegalArgumentException(shown + ":" + first + ": key " + key + " is given twice");
            }
        }
        return new Catalog(file, Collections.unmodifiableMap(entries));
    }

    private static boolean endsInContinuation(CharSequence s) {
        int slashes = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            slashes++;
        }
        return slashes % 2 == 1;
    }

    private static int separator(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '=' || c == ':') {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s, String where) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'u' -> {
                    try {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                        throw new IllegalArgumentException(where + ": \\u needs four hex digits");
                    }
                    i += 4;
                }
                default -> out.append(n);
            }
        }
        return out.toString();
    }

    /** The languages this pack has files for (not counting the fallback's), sorted. */
    public Set<String> languages() {
        return byLanguage.keySet();
    }

    /** Whether this pack (not its fallback) has a file for {@code language}. */
    public boolean has(String language) {
        return byLanguage.containsKey(language);
    }

    Map<String, Catalog> catalogs() {
        return byLanguage;
    }

    /** The files that are the pack's own: these, or the fallback's when the pack has none. */
    Messages own() {
        return byLanguage.isEmpty() && fallback != null ? fallback.own() : this;
    }

    /** The languages of this pack's files and of its fallback's, sorted. */
    public Set<String> allLanguages() {
        Set<String> all = new java.util.TreeSet<>(byLanguage.keySet());
        if (fallback != null) {
            all.addAll(fallback.allLanguages());
        }
        return all;
    }

    /**
     * Whether a file speaks {@code language} or a language it narrows ({@code zh} for {@code zh-CN}), here
     * or in the fallback: otherwise its sentences come out in English.
     */
    public boolean knowsLanguage(String language) {
        Set<String> all = allLanguages();
        for (String l : chain(language)) {
            if (all.contains(l) && (!l.equals(ENGLISH) || language.equals(ENGLISH))) {
                return true;
            }
        }
        return false;
    }

    /** The language to use for {@code asked}: itself when it is a language tag, else {@link #ENGLISH}. */
    public static boolean isLanguage(String asked) {
        return asked != null && LANGUAGE.matcher(asked).matches();
    }

    /**
     * The sentence {@code key} in {@code language}, with {@code args} filled in; {@code null} when no file
     * (of this pack or its fallback) has the key.
     */
    public String format(String language, String key, Map<String, ?> args) {
        String pattern = pattern(language, key);
        return pattern == null ? null : fill(pattern, args);
    }

    /** {@link #format}, or the key itself with its values when no file has it, so nothing is ever blank. */
    public String text(String language, String key, Map<String, ?> args) {
        String s = format(language, key, args);
        return s != null ? s : key + (args.isEmpty() ? "" : " " + args);
    }

    /** {@link #text(String, String, Map)} with the values as name, value, name, value... */
    public String say(String language, String key, Object... namesAndValues) {
        return text(language, key, pairs(namesAndValues));
    }

    static Map<String, Object> pairs(Object... namesAndValues) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            args.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return args;
    }

    /** A rule's {@link Text} in {@code language}. */
    public String text(String language, Text t) {
        return text(language, t.key(), t.args());
    }

    /** {@code key.one} when {@code n} is 1 and the language has it, else {@code key.other}. */
    public String plural(String language, String key, long n, Map<String, ?> args) {
        for (String lang : chain(language)) {
            for (Messages m = this; m != null; m = m.fallback) {
                Catalog c = m.byLanguage.get(lang);
                if (c == null) {
                    continue;
                }
                Entry e = n == 1 ? c.entries().get(key + ".one") : null;
                e = e != null ? e : c.entries().get(key + ".other");
                if (e != null) {
                    return fill(e.text(), args);
                }
            }
        }
        return text(language, key + ".other", args);
    }

    /**
     * Every sentence whose key starts with {@code prefix}, as written (placeholders unfilled), in
     * {@code language} or what it falls back to: for a page that fills them in itself.
     */
    public Map<String, String> patterns(String language, String prefix) {
        Map<String, String> out = new TreeMap<>();
        for (String lang : chain(language)) {
            for (Messages m = this; m != null; m = m.fallback) {
                Catalog c = m.byLanguage.get(lang);
                if (c != null) {
                    c.entries().keySet().stream().filter(k -> k.startsWith(prefix)).forEach(k -> out.put(k, pattern(language, k)));
                }
            }
        }
        return out;
    }

    /** Whether some file of this pack or its fallback has {@code key} (in any language of the chain). */
    public boolean knows(String language, String key) {
        return pattern(language, key) != null;
    }

    private String pattern(String language, String key) {
        for (String lang : chain(language)) {
            for (Messages m = this; m != null; m = m.fallback) {
                Catalog c = m.byLanguage.get(lang);
                Entry e = c == null ? null : c.entries().get(key);
                if (e != null) {
                    return e.text();
                }
            }
        }
        return null;
    }

    /** zh-Hant-TW, zh-Hant, zh, en. */
    static List<String> chain(String language) {
        Set<String> out = new LinkedHashSet<>();
        String l = language == null ? ENGLISH : language;
        while (true) {
            out.add(l);
            int dash = l.lastIndexOf('-');
            if (dash < 0) {
                break;
            }
            l = l.substring(0, dash);
        }
        out.add(ENGLISH);
        return List.copyOf(out);
    }

    /** The placeholders a sentence uses, in order. */
    static Set<String> placeholders(String pattern) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(pattern.replace("{{", ""));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** {@code {name}} replaced by its value, {@code {{} by a brace; a name not given stays as written. */
    static String fill(String pattern, Map<String, ?> args) {
        StringBuilder out = new StringBuilder(pattern.length() + 32);
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '{' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
                continue;
            }
            if (c == '{') {
                int close = pattern.indexOf('}', i);
                if (close > i) {
                    String name = pattern.substring(i + 1, close);
                    if (args.containsKey(name)) {
                        out.append(show(args.get(name)));
                        i = close + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String show(Object v) {
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>(list.size());
            list.forEach(x -> parts.add(show(x)));
            return String.join(", ", parts);
        }
        return String.valueOf(v);
    }
}
