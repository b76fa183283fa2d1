package org.planetrewards;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code rewards check} says about a pack's words: a sentence a rule names ({@code Text.of("key", ...)})
 * that no message file has, a placeholder a sentence uses that the rule does not give, a language file
 * that lacks a sentence English has or uses a placeholder the English one does not, and a {@code locale}
 * setting with no message file. All warnings: a missing sentence falls back (to English, to the default
 * pack's, to its key), so nothing breaks, but members would read it.
 */
final class MessageLints {
    /** What the engine gives every sentence a rule names, besides the rule's own values. */
    static final Set<String> ENGINE_GIVES = Set.of("post", "reason", "campaign", "kind", "reward", "count", "target");

    private MessageLints() {
    }

    /** One {@code Text.of(...)} in a rule file. */
    private record Use(RuleFile file, int offset, String key, Set<String> names, boolean namesKnown) {
    }

    static List<RuleProblem> check(List<RuleFile> files, Messages messages, Settings settings, String settingsSource) {
        List<RuleProblem> problems = new ArrayList<>();
        Messages own = messages.own();
        Map<String, Messages.Catalog> catalogs = own.catalogs();
        Messages.Catalog en = catalogs.get(Messages.ENGLISH);
        List<Use> uses = new ArrayList<>();
        for (RuleFile f : files) {
            uses.addAll(uses(f));
        }
        if (!catalogs.isEmpty() && en == null) {
            problems.add(RuleProblem.warning(Messages.FOLDER + "/" + Messages.ENGLISH + ".properties", 0, 0,
                    "the pack's messages folder has no en.properties: English is what every missing sentence falls back to"));
        }
        for (Use u : uses) {
            if (en != null && !en.entries().containsKey(u.key())) {
                problems.add(u.file().warning(u.offset(), "message key \"" + u.key() + "\" is in no message file: add a line \""
                        + u.key() + " = ...\" to " + en.file()));
            }
            if (!u.namesKnown()) {
                continue; // names computed at run time: nothing to compare
            }
            for (Messages.Catalog c : catalogs.values()) {
                Messages.Entry e = c.entries().get(u.key());
                if (e == null) {
                    continue;
                }
                Set<String> unknown = new TreeSet<>(Messages.placeholders(e.text()));
                unknown.removeAll(u.names());
                unknown.removeAll(ENGINE_GIVES);
                if (!unknown.isEmpty()) {
                    problems.add(u.file().warning(u.offset(), c.file() + ":" + e.line() + ": " + u.key() + " uses "
                            + braces(unknown) + ", which this rule does not give (it gives " + (u.names().isEmpty() ? "none"
                            : braces(u.names())) + "; the engine adds " + braces(new TreeSet<>(ENGINE_GIVES)) + ")"));
                }
            }
        }
        if (en != null) {
            for (Messages.Catalog c : catalogs.values()) {
                if (c == en) {
                    continue;
                }
                List<String> lacking = new ArrayList<>();
                for (String key : en.entries().keySet()) {
                    // A language without a singular form ("1 个") needs only the .other of a plural.
                    boolean pluralOne = key.endsWith(".one")
                            && c.entries().containsKey(key.substring(0, key.length() - ".one".length()) + ".other");
                    if (!c.entries().containsKey(key) && !pluralOne) {
                        lacking.add(key);
                    }
                }
                if (!lacking.isEmpty()) {
                    problems.add(RuleProblem.warning(c.file(), 0, 0, "lacks " + lacking.size() + " of the keys " + en.file()
                            + " has: " + String.join(", ", lacking.subList(0, Math.min(8, lacking.size())))
                            + (lacking.size() > 8 ? " and " + (lacking.size() - 8) + " more" : "")
                            + " (members reading this language get those sentences in English)"));
                }
                for (Map.Entry<String, Messages.Entry> k : c.entries().entrySet()) {
                    Messages.Entry english = en.entries().get(k.getKey());
                    if (english == null) {
                        continue;
                    }
                    Set<String> unknown = new TreeSet<>(Messages.placeholders(k.getValue().text()));
                    unknown.removeAll(Messages.placeholders(english.text()));
                    uses.stream().filter(u -> u.key().equals(k.getKey())).forEach(u -> {
                        unknown.removeAll(u.names());
                        unknown.removeAll(ENGINE_GIVES);
                    });
                    if (!unknown.isEmpty()) {
                        problems.add(RuleProblem.warning(c.file(), k.getValue().line(), 1, k.getKey() + " uses " + braces(unknown)
                                + ", which the English sentence does not: nothing fills it in"));
                    }
                }
            }
        }
        if (settings != null && !messages.knowsLanguage(settings.locale())) {
            problems.add(RuleProblem.inSettings(settingsSource, "$.locale", RuleProblem.Severity.WARNING,
                    "the rule pack has no message file " + Messages.FOLDER + "/" + settings.locale()
                            + ".properties (it has " + String.join(", ", messages.allLanguages()) + "): sentences will be in English"));
        }
        return problems;
    }

    private static String braces(Set<String> names) {
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add("{" + n + "}"));
        return String.join(", ", out);
    }

    /** Every {@code Text.of("key", "name", value, ...)} in the file, read from its tokens. */
    private static List<Use> uses(RuleFile f) {
        List<DrlLexer.Token> ts = f.lexed().tokens();
        List<Use> out = new ArrayList<>();
        for (int i = 0; i + 3 < ts.size(); i++) {
            if (!(ts.get(i).is("Text") && ts.get(i + 1).is(".") && ts.get(i + 2).is("of") && ts.get(i + 3).is("("))) {
                continue;
            }
            List<List<DrlLexer.Token>> args = new ArrayList<>();
            List<DrlLexer.Token> current = new ArrayList<>();
            int depth = 0;
            int j = i + 4;
            for (; j < ts.size(); j++) {
                DrlLexer.Token t = ts.get(j);
                if (t.is("(") || t.is("[") || t.is("{")) {
                    depth++;
                } else if (t.is(")") || t.is("]") || t.is("}")) {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (t.is(",") && depth == 0) {
                    args.add(current);
                    current = new ArrayList<>();
                    continue;
                }
                current.add(t);
            }
            if (!current.isEmpty()) {
                args.add(current);
            }
            if (args.isEmpty() || args.get(0).size() != 1 || args.get(0).get(0).kind() != DrlLexer.Kind.STRING) {
                continue; // a key computed at run time: nothing to look up
            }
            Set<String> names = new LinkedHashSet<>();
            boolean known = true;
            for (int a = 1; a < args.size(); a += 2) {
                List<DrlLexer.Token> n = args.get(a);
                if (n.size() == 1 && n.get(0).kind() == DrlLexer.Kind.STRING) {
                    names.add(n.get(0).text());
                } else {
                    known = false;
                }
            }
            out.add(new Use(f, ts.get(i).offset(), args.get(0).get(0).text(), names, known));
            i = j;
        }
        return out;
    }
}
