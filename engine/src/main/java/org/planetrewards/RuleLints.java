package org.planetrewards;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.planetrewards.model.AsOf;
import org.planetrewards.model.Campaign;
import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.CountedDay;
import org.planetrewards.model.CountedDayDetail;
import org.planetrewards.model.CountedDays;
import org.planetrewards.model.HighQualityPost;
import org.planetrewards.model.Member;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostTag;
import org.planetrewards.model.PostVersion;
import org.planetrewards.model.QualityProblem;
import org.planetrewards.model.QualitySettings;
import org.planetrewards.model.Tag;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Lints for admin mistakes that compile but do nothing: a tag a rule names that the settings do not
 * define, a campaign that cannot be won (no reward, an unknown tag, a kind no rule handles), and a
 * rule that can never fire because nothing ever inserts a fact it matches.
 */
final class RuleLints {
    /** What the engine itself puts into working memory (see RuleSession: keep the two in step); rules derive the rest. */
    static final List<Class<?>> ENGINE_INSERTS = List.of(PostVersion.class, CheckInDay.class, ModerationState.class,
            org.planetrewards.model.PostText.class, Member.class, CountedDays.class, AsOf.class, Tag.class, QualitySettings.class, Campaign.class);
    /** What the engine makes of what rules derive: a {@code CountedDayDetail} for each {@code CountedDay} (DayStep). */
    static final Map<Class<?>, Class<?>> ENGINE_MAKES_FROM = Map.of(CountedDay.class, CountedDayDetail.class);

    private static final String LITERAL = "\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)'";
    private static final String CONSTANT = "((?:[A-Za-z_$][\\w$]*\\.)*[A-Z_][A-Z0-9_]*)";

    interface PatternVisitor {
        /** @param positive whether the rule needs a fact of this pattern to fire (not under not, or, forall, accumulate) */
        void visit(PatternDescr pattern, boolean positive);
    }

    private RuleLints() {
    }

    /** Every pattern of a rule's conditions, with whether the rule needs a match of it to fire. */
    static void patterns(BaseDescr d, boolean positive, PatternVisitor v) {
        if (d == null) {
            return;
        }
        if (d instanceof PatternDescr p) {
            v.visit(p, positive && p.getSource() == null);
            if (p.getSource() instanceof AccumulateDescr acc) {
                for (BaseDescr in : acc.getDescrs()) {
                    patterns(in, false, v);
                }
            } else if (p.getSource() instanceof CollectDescr col) {
                patterns(col.getInputPattern(), false, v);
            }
        } else if (d instanceof AndDescr || d instanceof ExistsDescr) {
            for (BaseDescr c : ((ConditionalElementDescr) d).getDescrs()) {
                patterns(c, positive, v);
            }
        } else if (d instanceof ConditionalElementDescr ce) {
            for (BaseDescr c : ce.getDescrs()) {
                patterns(c, false, v); // not, or, forall, ...: the rule may fire without a match
            }
        }
    }

    /** The rule-pack lints; with settings, also the ones that compare the pack with them. */
    static List<RuleProblem> check(List<RuleFile> files, Set<String> declared, Settings settings, String settingsSource) {
        List<RuleProblem> problems = new ArrayList<>();
        List<RuleInfo> rules = new ArrayList<>();
        for (RuleFile f : files) {
            if (f.descr() == null) {
                continue;
            }
            for (RuleDescr r : f.descr().getRules()) {
                rules.add(new RuleInfo(f, r, declared));
            }
        }
        CampaignKinds packKinds = CampaignKinds.of(files);
        problems.addAll(packKinds.problems());
        // Kinds exist when the pack declares them, or when the settings have a campaign of that kind.
        Set<String> kinds = new TreeSet<>(packKinds.kinds().keySet());
        if (settings != null) {
            settings.campaigns().forEach(c -> kinds.add(c.kind()));
        }
        neverFire(rules, kinds, problems);
        mixedSteps(rules, problems);
        if (settings != null) {
            for (RuleInfo r : rules) {
                r.tags(settings, problems);
            }
            settings(settings, settingsSource, rules, packKinds, problems);
        }
        return problems;
    }

    /** Rules that can fire, found by letting fire every rule whose facts can exist, until nothing changes. */
    private static void neverFire(List<RuleInfo> rules, Set<String> kinds, List<RuleProblem> problems) {
        Set<Object> available = new HashSet<>(ENGINE_INSERTS);
        boolean anything = false;
        Set<RuleInfo> fireable = new LinkedHashSet<>();
        for (boolean changed = true; changed; ) {
            changed = false;
            for (RuleInfo r : rules) {
                if (r.rule.isQuery() || fireable.contains(r) || !anything && r.blocker(available, kinds) != null) {
                    continue;
                }
                fireable.add(r);
                changed = true;
                available.addAll(r.inserts);
                ENGINE_MAKES_FROM.forEach((from, made) -> {
                    if (available.contains(from)) {
                        available.add(made);
                    }
                });
                anything |= r.insertsUnknown;
            }
        }
        if (anything) {
            return; // some rule inserts facts of a type this lint cannot tell: anything may exist
        }
        for (RuleInfo r : rules) {
            if (r.rule.isQuery() || fireable.contains(r)) {
                continue;
            }
            Blocker b = r.blocker(available, kinds);
            String what = b.kind != null
                    ? "it matches campaigns of kind \"" + b.kind + "\", which is not a campaign kind ("
                    + (kinds.isEmpty() ? "the pack declares none" : "kinds: " + String.join(", ", kinds)) + ")"
                    : "it matches " + b.type + ", but neither the engine nor any rule that can fire inserts one (the engine inserts "
                    + engineInserts() + ")";
            problems.add(r.file.warning(b.offset, "rule \"" + r.rule.getName() + "\" can never fire: " + what));
        }
    }

    /**
     * The files' names in the order their rules should load: a file whose rules insert a type before
     * the files whose rules match it, otherwise by name. Among rules of equal salience Drools fires the
     * one loaded first; when a consumer fires first, truth maintenance has to take back what it
     * concluded from a fact that was not there yet (a post "without a tag" before its tags are found),
     * which cost a fifth of the evaluation of a post. The final state is the same either way.
     */
    static List<String> derivationOrder(List<RuleFile> files, Set<String> declared) {
        Map<RuleFile, Set<Object>> produces = new java.util.LinkedHashMap<>();
        Map<RuleFile, Set<Object>> consumes = new java.util.HashMap<>();
        for (RuleFile f : files) {
            Set<Object> out = new HashSet<>();
            Set<Object> in = new HashSet<>();
            if (f.descr() != null) {
                for (RuleDescr r : f.descr().getRules()) {
                    RuleInfo info = new RuleInfo(f, r, declared);
                    out.addAll(info.inserts);
                    for (PatternDescr p : info.all) {
                        Object type = info.resolve(p.getObjectType());
                        if (type != null) {
                            in.add(type);
                        }
                    }
                }
            }
            produces.put(f, out);
            consumes.put(f, in);
        }
        List<RuleFile> left = new ArrayList<>(files);
        left.sort(java.util.Comparator.comparing(RuleFile::name));
        List<String> order = new ArrayList<>(files.size());
        while (!left.isEmpty()) {
            RuleFile next = left.stream()
                    .filter(f -> left.stream().noneMatch(g -> g != f && !java.util.Collections.disjoint(produces.get(g), consumes.get(f))))
                    .findFirst().orElse(left.get(0)); // rules that feed each other: name order
            left.remove(next);
            order.add(next.name());
        }
        return order;
    }

    /** In working memory only while one member-day is evaluated (see {@link Shard}). */
    static final List<Class<?>> DAY_STEP = List.of(CheckInDay.class, PostVersion.class, ModerationState.class,
            org.planetrewards.model.PostText.class, PostTag.class, QualityProblem.class, HighQualityPost.class);
    /** In working memory only while one member is evaluated. */
    static final List<Class<?>> MEMBER_STEP = List.of(Member.class, CountedDays.class, CountedDayDetail.class);

    /**
     * Rules that match facts of both steps: they never see both at once, so a join never matches and a
     * {@code not} always holds — the rule is wrong under this engine, whatever it means.
     */
    private static void mixedSteps(List<RuleInfo> rules, List<RuleProblem> problems) {
        for (RuleInfo r : rules) {
            PatternDescr day = null;
            PatternDescr member = null;
            for (PatternDescr p : r.all) {
                Object type = r.resolve(p.getObjectType());
                if (type == null) {
                    continue; // the compiler reports a type that does not exist
                }
                if (day == null && DAY_STEP.contains(type)) {
                    day = p;
                }
                if (member == null && MEMBER_STEP.contains(type)) {
                    member = p;
                }
            }
            if (day != null && member != null) {
                PatternDescr later = r.file.start(day) > r.file.start(member) ? day : member;
                problems.add(r.file.error(r.file.start(later), (r.rule.isQuery() ? "query" : "rule") + " \""
                        + r.rule.getName() + "\" matches " + member.getObjectType() + " and " + day.getObjectType()
                        + ", which are never in working memory together: the rules see one member-day (its check-in, posts"
                        + " and moderations, and what is derived from them) or one member (Member, CountedDays and the facts"
                        + " kept from each day), never both; derive a fact about the day and match that instead"
                        + " (docs/authoring-rules.md, \"What a rule sees at once\")"));
            }
        }
    }

    private static String engineInserts() {
        List<String> names = ENGINE_INSERTS.stream().map(Class::getSimpleName).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static void settings(Settings s, String source, List<RuleInfo> rules, CampaignKinds kinds, List<RuleProblem> problems) {
        if (s.quality().minVisibleCharacters() < 0) {
            problems.add(RuleProblem.inSettings(source, "$.quality.minVisibleCharacters", RuleProblem.Severity.ERROR,
                    "expected a whole number of at least 0, found number " + s.quality().minVisibleCharacters()));
        }
        if (s.dayStartsAt().getHour() >= 12) {
            problems.add(RuleProblem.inSettings(source, "$.dayStartsAt", RuleProblem.Severity.WARNING,
                    "days start at " + s.dayStartsAt() + ", after noon: everything from midnight until then counts for the day"
                            + " before, most of each calendar day; for members who post after midnight, a start a few hours"
                            + " after midnight (such as \"04:00\") is what is meant"));
        }
        if (s.quality().refuseRepeatedText() && rules.stream().noneMatch(r -> r.mentions("refuseRepeatedText"))) {
            problems.add(RuleProblem.inSettings(source, "$.quality.refuseRepeatedText", RuleProblem.Severity.WARNING,
                    "no rule in the pack reads refuseRepeatedText (quality.drl of the default pack does), so repeated texts"
                            + " count as before"));
        }
        if (s.quality().maxCountedPostsPerDay() > 0 && rules.stream().noneMatch(r -> r.mentions("maxCountedPostsPerDay"))) {
            problems.add(RuleProblem.inSettings(source, "$.quality.maxCountedPostsPerDay", RuleProblem.Severity.WARNING,
                    "no rule in the pack reads maxCountedPostsPerDay (quality.drl of the default pack does), so every"
                            + " high-quality post of a day counts"));
        }
        if (s.quality().minMinutesAfterCheckIn() > 0 && rules.stream().noneMatch(r -> r.mentions("minMinutesAfterCheckIn"))) {
            problems.add(RuleProblem.inSettings(source, "$.quality.minMinutesAfterCheckIn", RuleProblem.Severity.WARNING,
                    "no rule in the pack reads minMinutesAfterCheckIn (quality.drl of the default pack does), so a post"
                            + " right after the check-in counts"));
        }
        if (s.quality().minMinutesAfterCheckIn() >= 24 * 60) {
            problems.add(RuleProblem.inSettings(source, "$.quality.minMinutesAfterCheckIn", RuleProblem.Severity.WARNING,
                    "a gap of " + s.quality().minMinutesAfterCheckIn() + " minutes is a day or more: no post of the check-in's"
                            + " day can be that far from it, so no day can count"));
        }
        Set<String> tagIds = s.tags().stream().map(Tag::id).collect(Collectors.toCollection(LinkedHashSet::new));
        for (int i = 0; i < s.campaigns().size(); i++) {
            Campaign c = s.campaigns().get(i);
            String path = "$.campaigns[" + i + "]";
            String named = "campaign \"" + c.id() + "\"";
            if (c.reward().isBlank()) {
                problems.add(RuleProblem.inSettings(source, path + ".reward", RuleProblem.Severity.ERROR,
                        named + " has no reward: expected a non-empty string, found string \"" + c.reward() + "\""));
            }
            if (c.activeFrom() != null && c.activeUntil() != null && c.activeUntil().isBefore(c.activeFrom())) {
                problems.add(RuleProblem.inSettings(source, path + ".activeUntil", RuleProblem.Severity.ERROR,
                        "the active period ends on " + c.activeUntil() + ", before it starts on " + c.activeFrom()));
            } else if (c.activeFrom() != null && c.activeUntil() != null && c.days() > 0) {
                long length = java.time.temporal.ChronoUnit.DAYS.between(c.activeFrom(), c.activeUntil()) + 1;
                if (length < c.days()) {
                    problems.add(RuleProblem.inSettings(source, path + ".activeUntil", RuleProblem.Severity.WARNING,
                            named + " is active for " + length + (length == 1 ? " day" : " days") + " (" + c.activeFrom() + " to "
                                    + c.activeUntil() + "), fewer than the " + c.days() + " counted days it needs, so it can never be won"));
                }
            }
            if (c.days() > 0 && c.window() > 0 && c.window() < c.days()) {
                problems.add(RuleProblem.inSettings(source, path + ".window", RuleProblem.Severity.ERROR,
                        "a window of " + c.window() + " days cannot hold " + c.days() + " counted days"));
            }
            CampaignKinds.Kind kind = kinds.kinds().get(c.kind());
            if (kind == null) {
                for (String declared : kinds.kinds().keySet()) {
                    if (SettingsFile.distance(c.kind(), declared) <= 2) {
                        problems.add(RuleProblem.inSettings(source, path + ".kind", RuleProblem.Severity.ERROR,
                                "expected a kind the pack declares " + kinds.kinds().keySet() + " or a kind of your own, found \""
                                        + c.kind() + "\", which looks like a misspelling of \"" + declared + "\""));
                        break;
                    }
                }
            }
            if (c.tag() != null) {
                unknownTag(s, source, path, named, c, tagIds, problems);
            }
            awarding(source, path, named, c, problems);
            for (SettingsException e : kinds.check(s.withCampaigns(List.of(c)), source)) {
                problems.add(RuleProblem.inSettings(source, e.path().replace("$.campaigns[0]", path),
                        RuleProblem.Severity.ERROR, e.problem()));
            }
            List<RuleInfo> handling = rules.stream().filter(r -> !r.rule.isQuery() && r.handles(c)).toList();
            if (handling.isEmpty()) {
                problems.add(RuleProblem.inSettings(source, path + ".kind", RuleProblem.Severity.WARNING,
                        "no rule in the pack handles campaigns of kind \"" + c.kind() + "\", so " + named
                                + " can never be rewarded"));
            } else if ((c.activeFrom() != null || c.activeUntil() != null) && handling.stream().noneMatch(RuleInfo::readsActivePeriod)) {
                String key = c.activeFrom() != null ? ".activeFrom" : ".activeUntil";
                problems.add(RuleProblem.inSettings(source, path + key, RuleProblem.Severity.WARNING,
                        named + " has an active period, but no rule that handles campaigns of kind \"" + c.kind()
                                + "\" reads it (isActiveOn, activeDays, activeFrom or activeUntil), so days outside it count too"));
            }
            if (kind == null && !handling.isEmpty()) {
                problems.add(RuleProblem.inSettings(source, path + ".kind", RuleProblem.Severity.WARNING,
                        "no rule declares campaigns of kind \"" + c.kind() + "\" (@kind, @parameters and @span on the rule"
                                + " that decides them), so their parameters are not checked and, with a lateness setting,"
                                + " a campaign of it is assumed to combine at most max(days, window) days"));
            }
        }
    }

    /**
     * What is won (graceDays, levels, repeat, revocableFor): values the settings file refuses, for settings
     * built in code, and combinations that can never be won.
     */
    private static void awarding(String source, String path, String named, Campaign c, List<RuleProblem> problems) {
        if (c.graceDays() < 0) {
            problems.add(RuleProblem.inSettings(source, path + ".graceDays", RuleProblem.Severity.ERROR,
                    "expected a whole number of at least 0, found number " + c.graceDays()));
        }
        if (c.revocableFor() < 0) {
            problems.add(RuleProblem.inSettings(source, path + ".revocableFor", RuleProblem.Severity.ERROR,
                    "expected a whole number of days, at least 0, found number " + c.revocableFor()));
        }
        Set<String> rewards = new java.util.HashSet<>();
        for (int j = 0; j < c.levels().size(); j++) {
            org.planetrewards.model.Level l = c.levels().get(j);
            String at = path + ".levels[" + j + "]";
            if (l.reward().isBlank()) {
                problems.add(RuleProblem.inSettings(source, at + ".reward", RuleProblem.Severity.ERROR,
                        "level \"" + l.name() + "\" of " + named + " has no reward"));
            } else if (!rewards.add(l.reward())) {
                problems.add(RuleProblem.inSettings(source, at + ".reward", RuleProblem.Severity.WARNING,
                        "level \"" + l.name() + "\" of " + named + " wins \"" + l.reward() + "\", as a lower level does: a member wins it twice"));
            }
            if (j > 0 && l.days() <= c.levels().get(j - 1).days()) {
                problems.add(RuleProblem.inSettings(source, at + ".days", RuleProblem.Severity.ERROR,
                        "levels must need more days each, lowest first: level \"" + l.name() + "\" needs " + l.days()
                                + ", not more than \"" + c.levels().get(j - 1).name() + "\" before it (" + c.levels().get(j - 1).days() + ")"));
            }
        }
        if (c.repeat() == null) {
            return;
        }
        int every = Campaign.everyDays(c.repeat());
        int longest = c.repeat().equals("monthly") ? 31 : c.repeat().equals("weekly") ? 7 : every;
        if (longest > 0 && c.days() > longest) { // a repeat is one of the forms: Campaign refuses any other
            problems.add(RuleProblem.inSettings(source, path + ".repeat", RuleProblem.Severity.WARNING,
                    named + " needs " + c.days() + " days, but counting starts again every season of at most " + longest
                            + " days (\"" + c.repeat() + "\"), so it can never be won"));
        }
    }

    private static void unknownTag(Settings s, String source, String path, String named, Campaign c, Set<String> tagIds,
                                   List<RuleProblem> problems) {
        if (tagIds.contains(c.tag())) {
            return;
        }
        String hint = s.tags().stream().filter(t -> t.isSpelledAs(c.tag().toLowerCase(Locale.ROOT)))
                .findFirst().map(t -> "; \"" + c.tag() + "\" names tag \"" + t.id() + "\": write its id")
                .orElse("");
        problems.add(RuleProblem.inSettings(source, path + ".tag", RuleProblem.Severity.WARNING,
                named + " asks for tag \"" + c.tag() + "\", which is not a tag id in $.tags, so it can never be won (tag ids: "
                        + String.join(", ", tagIds) + ")" + hint));
    }


    /** Why a rule cannot fire: the first pattern whose facts cannot exist. */
    private record Blocker(int offset, String type, String kind) {
    }

    /** What the lints need to know of one rule. */
    private static final class RuleInfo {
        final RuleFile file;
        final RuleDescr rule;
        final Set<String> declared;
        final List<PatternDescr> positive = new ArrayList<>();
        final List<PatternDescr> all = new ArrayList<>();
        final Set<Object> inserts = new HashSet<>();
        boolean insertsUnknown;

        RuleInfo(RuleFile file, RuleDescr rule, Set<String> declared) {
            this.file = file;
            this.rule = rule;
            this.declared = declared;
            patterns(rule.getLhs(), true, (p, pos) -> {
                all.add(p);
                if (pos) {
                    positive.add(p);
                }
            });
            if (!rule.isQuery()) {
                inserts(rule.getConsequence());
                for (Object named : rule.getNamedConsequences().values()) {
                    inserts(named);
                }
            }
        }

        /** A class, a declared type's name, or {@code null} when the name resolves to nothing known. */
        Object resolve(String name) {
            if (name == null) {
                return null;
            }
            if (name.contains(".")) {
                Class<?> c = CodeAllowList.classOrNull(name);
                if (c != null) {
                    return c;
                }
                String last = name.substring(name.lastIndexOf('.') + 1);
                return declared.contains(last) ? last : null;
            }
            List<String> wildcards = new ArrayList<>();
            for (ImportDescr i : file.descr().getImports()) {
                String target = i.getTarget();
                if (target.endsWith(".*")) {
                    wildcards.add(target.substring(0, target.length() - 2));
                } else if (target.equals(name) || target.endsWith("." + name)) {
                    Class<?> c = CodeAllowList.classOrNull(target);
                    if (c == null && target.lastIndexOf('.') > 0) {
                        int dot = target.lastIndexOf('.');
                        c = CodeAllowList.classOrNull(target.substring(0, dot) + "$" + target.substring(dot + 1));
                    }
                    return c;
                }
            }
            if (declared.contains(name)) {
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
            return null;
        }

        /** Reads {@code insert( new X(...) )} and {@code insertLogical( X.make(...) )} in a consequence. */
        private void inserts(Object consequence) {
            if (!(consequence instanceof String text)) {
                return;
            }
            List<DrlLexer.Token> ts = DrlLexer.lex(text).tokens();
            for (int i = 0; i + 2 < ts.size(); i++) {
                DrlLexer.Token t = ts.get(i);
                if (!(t.is("insert") || t.is("insertLogical")) || !ts.get(i + 1).is("(") || i > 0 && ts.get(i - 1).is(".")) {
                    continue;
                }
                Object type = null;
                int j = i + 2;
                if (ts.get(j).is("new")) {
                    type = resolve(chainText(ts, j + 1));
                } else if (ts.get(j).kind() == DrlLexer.Kind.IDENT && Character.isUpperCase(ts.get(j).text().charAt(0))) {
                    List<String> names = chain(ts, j);
                    if (names.size() >= 2 && j + 2 * names.size() - 1 < ts.size() && ts.get(j + 2 * names.size() - 1).is("(")) {
                        Object owner = resolve(String.join(".", names.subList(0, names.size() - 1)));
                        type = owner instanceof Class<?> c ? factoryType(c, names.get(names.size() - 1)) : null;
                    }
                }
                if (type == null) {
                    insertsUnknown = true;
                } else {
                    inserts.add(type);
                }
            }
        }

        /** The one type that the public static methods of this name return, or {@code null}. */
        private static Class<?> factoryType(Class<?> owner, String method) {
            if (!owner.getPackageName().equals(CodeAllowList.MODEL_PACKAGE)) {
                return null;
            }
            Set<Class<?>> returns = new HashSet<>();
            for (Method m : owner.getMethods()) {
                if (m.getName().equals(method) && Modifier.isStatic(m.getModifiers())) {
                    returns.add(m.getReturnType());
                }
            }
            return returns.size() == 1 && returns.iterator().next() != Object.class ? returns.iterator().next() : null;
        }

        /** The first pattern the rule needs whose facts cannot exist, or {@code null}. */
        Blocker blocker(Set<Object> available, Set<String> campaignKinds) {
            for (PatternDescr p : positive) {
                Object type = resolve(p.getObjectType());
                if (type == null) {
                    continue; // the compiler reports a type that does not exist
                }
                if (type == Campaign.class) {
                    Set<String> kinds = narrowed(p, "kind");
                    if (kinds != null && kinds.stream().noneMatch(campaignKinds::contains)) {
                        return new Blocker(file.start(p), "Campaign", kinds.iterator().next());
                    }
                }
                if (!canExist(type, available)) {
                    return new Blocker(file.start(p), p.getObjectType(), null);
                }
            }
            return null;
        }

        private static boolean canExist(Object type, Set<Object> available) {
            if (type instanceof Class<?> c) {
                return available.stream().anyMatch(a -> a instanceof Class<?> ac && c.isAssignableFrom(ac));
            }
            return available.contains(type);
        }

        /** Whether the rule's text names this word (a field, a method or a type); true when its text cannot be found. */
        boolean mentions(String word) {
            RuleFile.Region region = file.regionOf(rule);
            if (region == null) {
                return true;
            }
            for (DrlLexer.Token t : file.lexed().tokens()) {
                if (t.offset() >= region.start() && t.offset() < region.end() && t.is(word)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether the rule's text uses a campaign's active period ({@code isActiveOn}, {@code activeDays}, {@code activeFrom},
         * {@code activeUntil}, or {@code seasons}/{@code seasonOn}, which hold active days only).
         */
        boolean readsActivePeriod() {
            RuleFile.Region region = file.regionOf(rule);
            if (region == null) {
                return true; // cannot tell: assume it does
            }
            for (DrlLexer.Token t : file.lexed().tokens()) {
                if (t.offset() >= region.start() && t.offset() < region.end()
                        && (t.is("isActiveOn") || t.is("activeDays") || t.is("activeFrom") || t.is("activeUntil")
                        || t.is("seasons") || t.is("seasonOn"))) { // a campaign's seasons hold its active days only
                    return true;
                }
            }
            return false;
        }

        /** Whether this rule reads campaigns like this one (by kind, by id, or all of them). */
        boolean handles(Campaign c) {
            for (PatternDescr p : positive) {
                if (resolve(p.getObjectType()) == Campaign.class) {
                    Set<String> kinds = narrowed(p, "kind");
                    Set<String> ids = narrowed(p, "id");
                    if ((kinds == null || kinds.contains(c.kind())) && (ids == null || ids.contains(c.id()))) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * The values a constraint {@code field == "value"} (or a constant such as
         * {@code Type.CONSTANT}) narrows the field to; {@code null} when no constraint of this
         * simple shape narrows it.
         */
        Set<String> narrowed(PatternDescr p, String field) {
            Pattern eq = Pattern.compile("^\\s*" + field + "\\s*(?:\\(\\s*\\))?\\s*==\\s*(?:" + LITERAL + "|" + CONSTANT + ")\\s*$");
            Pattern rev = Pattern.compile("^\\s*(?:" + LITERAL + "|" + CONSTANT + ")\\s*==\\s*" + field + "\\s*(?:\\(\\s*\\))?\\s*$");
            Set<String> values = null;
            for (BaseDescr d : p.getDescrs()) {
                if (!(d instanceof ExprConstraintDescr e)) {
                    continue;
                }
                for (Pattern shape : List.of(eq, rev)) {
                    Matcher m = shape.matcher(e.getExpression());
                    if (m.matches()) {
                        String v = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : constant(m.group(3));
                        if (v == null) {
                            return null; // a constant this lint cannot read: assume it may be anything
                        }
                        if (values == null) {
                            values = new HashSet<>(Set.of(v));
                        } else {
                            values.retainAll(Set.of(v));
                        }
                    }
                }
            }
            return values;
        }

        /** The value of a String constant of the fact model, named as {@code Type.CONSTANT}. */
        private String constant(String qualified) {
            int dot = qualified.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            Object owner = resolve(qualified.substring(0, dot));
            if (!(owner instanceof Class<?> c) || !c.getPackageName().equals(CodeAllowList.MODEL_PACKAGE)) {
                return null;
            }
            try {
                Object v = c.getField(qualified.substring(dot + 1)).get(null);
                return v instanceof String s ? s : null;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        /** Tags named in conditions that the settings do not define. */
        void tags(Settings settings, List<RuleProblem> problems) {
            Set<String> ids = settings.tags().stream().map(Tag::id).collect(Collectors.toCollection(LinkedHashSet::new));
            Set<String> labels = settings.tags().stream().map(Tag::label).collect(Collectors.toCollection(LinkedHashSet::new));
            String idList = "tag ids: " + String.join(", ", ids);
            for (PatternDescr p : all) {
                Object type = resolve(p.getObjectType());
                Map<String, String> fields;
                if (type == PostTag.class || type == Campaign.class) {
                    fields = Map.of("tag", "id");
                } else if (type == Tag.class) {
                    fields = Map.of("id", "id", "label", "label", "isSpelledAs", "word");
                } else if (type == PostVersion.class) {
                    fields = Map.of("tagWords", "word");
                } else {
                    continue;
                }
                for (BaseDescr d : p.getDescrs()) {
                    if (!(d instanceof ExprConstraintDescr e)) {
                        continue;
                    }
                    for (Map.Entry<String, String> f : fields.entrySet()) {
                        for (String literal : literalsComparedTo(e.getExpression(), f.getKey())) {
                            boolean known = switch (f.getValue()) {
                                case "id" -> ids.contains(literal);
                                case "label" -> labels.contains(literal);
                                default -> settings.tags().stream().anyMatch(t -> t.isSpelledAs(literal));
                            };
                            if (!known) {
                                String kind = f.getValue().equals("label") ? "a tag label" : f.getValue().equals("word")
                                        ? "the id or label of a tag, lower-cased," : "a tag id";
                                String list = f.getValue().equals("label") ? "tag labels: " + String.join(", ", labels) : idList;
                                problems.add(file.warning(literalOffset(e, literal), "rule \"" + rule.getName() + "\" compares "
                                        + f.getKey() + " with \"" + literal + "\", which is not " + kind + " in the settings ("
                                        + list + ")"));
                            }
                        }
                    }
                }
            }
        }

        private int literalOffset(ExprConstraintDescr e, String literal) {
            int start = Math.max(0, file.start(e));
            String src = file.lexed().source();
            int at = src.indexOf("\"" + literal + "\"", start);
            if (at < 0) {
                at = src.indexOf("'" + literal + "'", start);
            }
            return at < 0 ? start : at;
        }

        /** String literals compared with a field: {@code f == "x"}, {@code "x" == f}, {@code f in ("x", "y")}, {@code f contains "x"}, {@code f("x")}. */
        static List<String> literalsComparedTo(String expr, String field) {
            List<String> out = new ArrayList<>();
            String f = "\\b" + Pattern.quote(field) + "\\b\\s*(?:\\(\\s*\\))?";
            for (String shape : List.of(f + "\\s*(?:==|!=)\\s*(?:" + LITERAL + ")",
                    "(?:" + LITERAL + ")\\s*(?:==|!=)\\s*" + f,
                    "\\b" + Pattern.quote(field) + "\\b\\s+(?:not\\s+)?contains\\s+(?:" + LITERAL + ")",
                    "\\b" + Pattern.quote(field) + "\\s*\\(\\s*(?:" + LITERAL + ")\\s*\\)")) {
                Matcher m = Pattern.compile(shape).matcher(expr);
                while (m.find()) {
                    out.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
            Matcher in = Pattern.compile("\\b" + Pattern.quote(field) + "\\b\\s*(?:\\(\\s*\\))?\\s+(?:not\\s+)?in\\s*\\(([^)]*)\\)").matcher(expr);
            while (in.find()) {
                Matcher lit = Pattern.compile(LITERAL).matcher(in.group(1));
                while (lit.find()) {
                    out.add(lit.group(1) != null ? lit.group(1) : lit.group(2));
                }
            }
            return out;
        }

        private static String chainText(List<DrlLexer.Token> ts, int j) {
            List<String> names = chain(ts, j);
            return names.isEmpty() ? null : String.join(".", names);
        }

        private static List<String> chain(List<DrlLexer.Token> ts, int j) {
            List<String> names = new ArrayList<>();
            while (j < ts.size() && ts.get(j).kind() == DrlLexer.Kind.IDENT) {
                names.add(ts.get(j).text());
                if (j + 2 < ts.size() && ts.get(j + 1).is(".") && ts.get(j + 2).kind() == DrlLexer.Kind.IDENT) {
                    j += 2;
                } else {
                    break;
                }
            }
            return names;
        }
    }
}
