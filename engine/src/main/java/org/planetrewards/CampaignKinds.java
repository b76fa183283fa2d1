package org.planetrewards;

import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.planetrewards.model.Campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The campaign kinds a rule pack declares, and what the engine needs to know about each: which
 * campaign parameters the kind's settings need, and how many calendar days one of its conditions can
 * combine (for the lateness horizon). A kind is declared once, on a rule of the file that decides it:
 *
 * <pre>
 * rule "Enough posts in a row qualify for a posts-in-a-row campaign"
 *     &#64;kind( "posts-in-a-row" ) &#64;parameters( "days" ) &#64;span( "days" )
 * </pre>
 *
 * {@code @parameters} lists, comma-separated, which of {@code days}, {@code window} and {@code tag} a
 * campaign of the kind must set (the others it may not), and which of the optional {@code graceDays?},
 * {@code levels?} and {@code repeat?} it may set (with the question mark: the kind's rules read them);
 * {@code @span} is a sum of those numbers and whole numbers ({@code "days + graceDays"}, {@code "window"},
 * {@code "1"}). The default pack declares its kinds this way too: the engine knows no kind by name.
 */
final class CampaignKinds {
    /** The campaign parameters a kind can ask for, as the settings file spells them. */
    static final List<String> PARAMETERS = List.of("days", "window", "tag");
    /** The campaign parameters a kind may take, declared with a question mark ("graceDays?"): a campaign may leave them out. */
    static final List<String> OPTIONAL = List.of("graceDays", "levels", "repeat");

    /** One declared kind; {@code file} (its name) and {@code offset} locate the declaration for messages. */
    record Kind(String name, List<String> parameters, List<String> span, String file, int offset) {
        /** How many calendar days a condition of this kind combines, for a campaign of it; at least 1. */
        int span(Campaign c) {
            long days = 0;
            for (String term : span) {
                days += switch (term) {
                    case "days" -> c.days();
                    case "window" -> c.window();
                    case "graceDays" -> c.graceDays();
                    default -> Integer.parseInt(term);
                };
            }
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, days));
        }
    }

    private final Map<String, Kind> kinds;
    private final List<RuleProblem> problems;

    private CampaignKinds(Map<String, Kind> kinds, List<RuleProblem> problems) {
        this.kinds = kinds;
        this.problems = problems;
    }

    static CampaignKinds of(List<RuleFile> files) {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        List<RuleProblem> problems = new ArrayList<>();
        for (RuleFile f : files) {
            if (f.descr() == null) {
                continue;
            }
            for (RuleDescr r : f.descr().getRules()) {
                AnnotationDescr kind = r.getAnnotation("kind");
                if (kind == null) {
                    if (r.getAnnotation("parameters") != null || r.getAnnotation("span") != null) {
                        problems.add(f.error(f.start(r), "rule \"" + r.getName() + "\" has @parameters or @span"
                                + " without @kind: declare the kind they describe, e.g. @kind( \"my-kind\" )"));
                    }
                    continue;
                }
                Kind k = declaration(f, r, kind, problems);
                if (k == null) {
                    continue;
                }
                Kind before = kinds.putIfAbsent(k.name(), k);
                if (before != null) {
                    problems.add(f.error(k.offset(), "campaign kind \"" + k.name() + "\" is declared twice: also in "
                            + before.file() + "; declare each kind once, on the rule that decides it"));
                }
            }
        }
        return new CampaignKinds(kinds, problems);
    }

    /** Kinds read before and found right (the precompiled default pack's), in the pack's order. */
    static CampaignKinds declared(List<Kind> kinds) {
        Map<String, Kind> byName = new LinkedHashMap<>();
        kinds.forEach(k -> byName.put(k.name(), k));
        return new CampaignKinds(byName, List.of());
    }

    private static Kind declaration(RuleFile f, RuleDescr r, AnnotationDescr kind, List<RuleProblem> problems) {
        int at = f.start(r);
        String name = value(kind);
        if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            problems.add(f.error(at, "rule \"" + r.getName() + "\": @kind must be a quoted kind name in lower-case letters,"
                    + " digits and hyphens, like @kind( \"my-kind\" ), found " + kind.getValue()));
            return null;
        }
        List<String> parameters = new ArrayList<>();
        AnnotationDescr params = r.getAnnotation("parameters");
        String listed = params == null ? "" : value(params);
        if (listed == null) {
            listed = "?";
        }
        for (String p : listed.split(",")) {
            String word = p.trim();
            if (word.isEmpty()) {
                continue;
            }
            if (!PARAMETERS.contains(word) && !(word.endsWith("?") && OPTIONAL.contains(word.substring(0, word.length() - 1)))) {
                problems.add(f.error(at, "kind \"" + name + "\": @parameters names \"" + word
                        + "\"; a campaign's parameters are days, window and tag, and optionally graceDays?, levels? and repeat?"));
                return null;
            }
            parameters.add(word);
        }
        AnnotationDescr span = r.getAnnotation("span");
        List<String> terms = new ArrayList<>();
        String sum = span == null ? null : value(span);
        if (sum == null) {
            problems.add(f.error(at, "kind \"" + name + "\" needs @span: how many calendar days one of its conditions"
                    + " combines, e.g. @span( \"days\" ), @span( \"window\" ) or @span( \"1\" )"));
            return null;
        }
        for (String t : sum.split("\\+")) {
            String term = t.trim().toLowerCase(Locale.ROOT).equals("gracedays") ? "graceDays" : t.trim().toLowerCase(Locale.ROOT);
            boolean number = term.matches("[0-9]{1,6}");
            if (!number && !(parameters.contains(term) && !term.equals("tag")) && !(term.equals("graceDays") && parameters.contains("graceDays?"))) {
                problems.add(f.error(at, "kind \"" + name + "\": @span( \"" + sum + "\" ) must add up whole numbers and the"
                        + " kind's number parameters (" + String.join(", ", parameters.stream().filter(x -> !x.equals("tag")).toList())
                        + "), found \"" + t.trim() + "\""));
                return null;
            }
            terms.add(term);
        }
        return new Kind(name, List.copyOf(parameters), List.copyOf(terms), f.name(), at);
    }

    /** An annotation's single value without quotes, or null when it has none. */
    private static String value(AnnotationDescr a) {
        Object v = a.getSingleValueStripped();
        return v instanceof String s ? s : null;
    }

    /** The kinds by name, in the pack's order. */
    Map<String, Kind> kinds() {
        return kinds;
    }

    /** Declarations that cannot be read (errors, file and line). */
    List<RuleProblem> problems() {
        return problems;
    }

    /**
     * How many calendar days the campaigns combine at most, by their kinds' declared spans; at least 1.
     * A kind the pack does not declare (a pack that decides it without saying so) counts its larger
     * number, {@code days} or {@code window}.
     */
    int span(List<Campaign> campaigns) {
        int span = 1;
        for (Campaign c : campaigns) {
            Kind k = kinds.get(c.kind());
            span = Math.max(span, k != null ? k.span(c) : Math.max(c.days(), c.window()));
        }
        return span;
    }

    /**
     * What is wrong with the settings' campaigns under these kinds: a parameter the kind needs but the
     * campaign leaves out, or one it sets that the kind does not use, each at its JSON path. A kind the
     * pack does not declare is the lints' business (a warning), not an error.
     */
    List<SettingsException> check(Settings s, String source) {
        List<SettingsException> out = new ArrayList<>();
        for (int i = 0; i < s.campaigns().size(); i++) {
            Campaign c = s.campaigns().get(i);
            Kind k = kinds.get(c.kind());
            if (k == null) {
                continue;
            }
            String path = "$.campaigns[" + i + "]";
            for (String p : PARAMETERS) {
                boolean set = switch (p) {
                    case "days" -> c.days() > 0;
                    case "window" -> c.window() > 0;
                    default -> c.tag() != null;
                };
                if (k.parameters().contains(p) && !set) {
                    out.add(new SettingsException(source, path, "campaign \"" + c.id() + "\" of kind \"" + c.kind()
                            + "\" needs \"" + p + "\" (the kind's rule file declares @parameters( \""
                            + String.join(", ", k.parameters()) + "\" ))"));
                } else if (!k.parameters().contains(p) && set) {
                    out.add(new SettingsException(source, path + "." + p, "campaigns of kind \"" + c.kind()
                            + "\" have no \"" + p + "\" (the kind's rule file declares @parameters( \""
                            + String.join(", ", k.parameters()) + "\" ))"));
                }
            }
            if (Campaign.AFTER_REWARD.equals(c.repeat()) && s.lateDays() != null) {
                out.add(new SettingsException(source, path + ".repeat", "a campaign that repeats \"after-reward\" numbers a member's"
                        + " streaks from their first counted day, so it needs every day kept: leave out \"lateness\" or the repeat"));
            }
            for (String p : OPTIONAL) {
                boolean set = switch (p) {
                    case "graceDays" -> c.graceDays() > 0;
                    case "levels" -> !c.levels().isEmpty();
                    default -> c.repeat() != null;
                };
                if (set && !k.parameters().contains(p + "?")) {
                    out.add(new SettingsException(source, path + "." + p, "campaigns of kind \"" + c.kind()
                            + "\" have no \"" + p + "\": the kind's rules do not read it (its rule file declares @parameters( \""
                            + String.join(", ", k.parameters()) + "\" ))"));
                }
            }
        }
        return out;
    }
}
