package org.planetrewards;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.planetrewards.model.Campaign;
import org.planetrewards.model.Level;
import org.planetrewards.model.QualitySettings;
import org.planetrewards.model.Tag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes the settings file (JSON). Strict: an unknown key, a wrong type or a missing
 * required value is refused with the file, the JSON path and what was expected, so a typo never
 * silently falls back to a default. A top-level section that is absent keeps its default.
 */
final class SettingsFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** A pack folder's settings file, beside its rule files. */
    static final String PACK_FILE = "settings.json";
    private static final String ACTIVE_FROM = "activeFrom";
    private static final String ACTIVE_UNTIL = "activeUntil";

    /** Every key some campaign kind takes. */
    private static final Set<String> CAMPAIGN_KEYS = Set.of("id", "kind", "reward", "days", "window", "tag", ACTIVE_FROM, ACTIVE_UNTIL,
            "graceDays", "levels", "repeat", "revocableFor");
    private static final String REPEAT_FORMS = "\"monthly\", \"weekly\", \"every N days\" (N from 1 to 9999) or \"after-reward\"";

    private final String source;
    /**
     * Every problem found so far. Reading goes on past a bad tag, campaign or section (each recovers to
     * a stand-in that is never used), so that one run names all the problems of a file.
     */
    private final List<SettingsException> problems = new ArrayList<>();
    /** What a section the file leaves out keeps; null: every section is required (the defaults themselves). */
    private final Settings base;

    private SettingsFile(String source, Settings base) {
        this.source = source;
        this.base = base;
    }

    /**
     * The default pack's settings, read once from the classpath: a value, not a service, so one copy for
     * the JVM is safe to share.
     */
    static final class Defaults {
        static final Settings SETTINGS = read();

        private Defaults() {
        }

        private static Settings read() {
            String resource = RulePack.DEFAULT_PACK_RESOURCE + "/" + PACK_FILE;
            try (java.io.InputStream in = SettingsFile.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the default pack's " + PACK_FILE
                            + " is not on the classpath: add org.planetrewards:rules");
                }
                JsonNode root = JSON.readTree(in);
                return new SettingsFile("default pack " + PACK_FILE, null).all(root);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the default pack's " + PACK_FILE + ": " + e.getMessage(), e);
            } catch (SettingsException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    /** {@code read}'s value, or {@code fallback} with the problem noted when it finds one. */
    private <T> T attempt(java.util.function.Supplier<T> read, T fallback) {
        try {
            return read.get();
        } catch (SettingsException e) {
            problems.add(e);
            return fallback;
        }
    }

    static Settings read(Path file) {
        String source = file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new SettingsException(source, "$", "cannot be read: " + e.getMessage());
        }
        return parse(source, text);
    }

    static Settings parse(String source, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SettingsException(source, "$", "invalid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + HistoryReader.withoutSource(e.getOriginalMessage()));
        }
        return new SettingsFile(source, Settings.defaults()).all(root);
    }

    static Settings fromNode(String source, JsonNode root) {
        return new SettingsFile(source, Settings.defaults()).all(root);
    }

    /** The settings, or every problem of the file at once. */
    private Settings all(JsonNode root) {
        Settings s = settings(root);
        if (!problems.isEmpty()) {
            throw SettingsException.of(problems);
        }
        return s;
    }

    /** What a section left out keeps: the base's, or nothing when reading the defaults themselves. */
    private <T> T kept(java.util.function.Function<Settings, T> section, T none) {
        return base == null ? none : section.apply(base);
    }

    private Settings settings(JsonNode root) {
        ObjectNode obj = object(root, "$", Set.of("zone", "dayStartsAt", "tags", "quality", "campaigns", "lateness", "limits", "locale"));
        if (base == null) {
            for (String section : List.of("zone", "tags", "quality", "campaigns")) {
                required(obj, "$", section);
            }
        }
        ZoneId zone = obj.has("zone") ? attempt(() -> zone(obj.get("zone"), "$.zone"), kept(Settings::zone, null)) : kept(Settings::zone, null);
        List<Tag> tags = obj.has("tags") ? attempt(() -> tags(obj.get("tags")), kept(Settings::tags, null)) : kept(Settings::tags, null);
        QualitySettings quality = obj.has("quality") ? attempt(() -> quality(obj.get("quality")), kept(Settings::quality, null))
                : kept(Settings::quality, null);
        List<Campaign> campaigns = obj.has("campaigns") ? attempt(() -> campaigns(obj.get("campaigns")), kept(Settings::campaigns, null))
                : kept(Settings::campaigns, null);
        Integer lateDays = obj.has("lateness") ? attempt(() -> Integer.valueOf(lateness(obj.get("lateness"))), kept(Settings::lateDays, null))
                : kept(Settings::lateDays, null);
        Settings.RuleLimits limits = obj.has("limits") ? attempt(() -> limits(obj.get("limits")), kept(Settings::limits, Settings.RuleLimits.DEFAULT))
                : kept(Settings::limits, Settings.RuleLimits.DEFAULT);
        java.time.LocalTime dayStartsAt = obj.has("dayStartsAt")
                ? attempt(() -> timeOfDay(obj.get("dayStartsAt"), "$.dayStartsAt"), kept(Settings::dayStartsAt, java.time.LocalTime.MIDNIGHT))
                : kept(Settings::dayStartsAt, java.time.LocalTime.MIDNIGHT);
        String locale = obj.has("locale") ? attempt(() -> locale(obj.get("locale")), kept(Settings::locale, Settings.DEFAULT_LOCALE))
                : kept(Settings::locale, Settings.DEFAULT_LOCALE);
        if (!problems.isEmpty()) {
            return null; // all() reports them; a stand-in built from half-read sections would only mislead
        }
        return new Settings(zone, tags, quality, campaigns, lateDays, limits, dayStartsAt, locale);
    }

    /** "HH:MM" on a 24-hour clock, nothing else: "4:00", "04:00:30" or "4am" would be guesses. */
    private java.time.LocalTime timeOfDay(JsonNode n, String path) {
        if (n.isTextual() && n.textValue().matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
            return java.time.LocalTime.parse(n.textValue());
        }
        throw error(path, "expected a time of day like \"04:00\" (hours 00 to 23, minutes, on the community's clock), found "
                + describe(n));
    }

    /** A language tag naming one of the pack's message files; whether the pack has it is for the check to say. */
    private String locale(JsonNode n) {
        if (!n.isTextual() || !Messages.isLanguage(n.asText())) {
            throw error("$.locale", "expected a language, like \"en\" or \"zh-CN\" (the name of a message file of the rule pack), found "
                    + describe(n));
        }
        return n.asText();
    }

    /** Either key may be left out: it keeps its default. */
    private Settings.RuleLimits limits(JsonNode n) {
        ObjectNode l = object(n, "$.limits", Set.of("secondsPerFact", "insertsPerFact"));
        Settings.RuleLimits d = Settings.RuleLimits.DEFAULT;
        java.time.Duration perFact = d.perFact();
        if (l.has("secondsPerFact")) {
            JsonNode s = l.get("secondsPerFact");
            if (!s.isNumber() || s.doubleValue() < 0.001 || s.doubleValue() > 3600) {
                throw error("$.limits.secondsPerFact", "expected a number of seconds from 0.001 to 3600, found " + describe(s));
            }
            perFact = java.time.Duration.ofNanos(Math.round(s.doubleValue() * 1e9));
        }
        int inserts = l.has("insertsPerFact") ? count(l.get("insertsPerFact"), "$.limits.insertsPerFact", 1) : d.insertsPerFact();
        return new Settings.RuleLimits(perFact, inserts);
    }

    private int lateness(JsonNode n) {
        ObjectNode l = object(n, "$.lateness", Set.of("days"));
        return count(required(l, "$.lateness", "days"), "$.lateness.days", 1);
    }

    private ZoneId zone(JsonNode n, String path) {
        String id = string(n, path);
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw error(path, "expected a time zone id like \"Asia/Shanghai\" or \"UTC\", found \"" + id + "\"");
        }
    }

    private List<Tag> tags(JsonNode n) {
        ArrayNode array = array(n, "$.tags");
        List<Tag> tags = new ArrayList<>();
        Set<String> words = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            int at = i;
            attempt(() -> tag(array.get(at), "$.tags[" + at + "]", words, tags), null);
        }
        return tags;
    }

    private Void tag(JsonNode n, String path, Set<String> words, List<Tag> tags) {
        ObjectNode t = object(n, path, Set.of("id", "label", "needsSourceLink"));
        String id = string(required(t, path, "id"), path + ".id");
        String label = string(required(t, path, "label"), path + ".label");
        boolean needsLink = t.has("needsSourceLink") && bool(t.get("needsSourceLink"), path + ".needsSourceLink");
        for (String[] w : new String[][]{{id, ".id"}, {label, ".label"}}) {
            if (!words.add(w[0].toLowerCase(java.util.Locale.ROOT))) {
                throw error(path + w[1], "\"" + w[0] + "\" already names another tag (ids and labels are compared ignoring case)");
            }
        }
        tags.add(new Tag(id, label, needsLink));
        return null;
    }

    private QualitySettings quality(JsonNode n) {
        ObjectNode q = object(n, "$.quality", Set.of("minVisibleCharacters", "refuseRepeatedText", "maxCountedPostsPerDay",
                "minMinutesAfterCheckIn"));
        int min = count(required(q, "$.quality", "minVisibleCharacters"), "$.quality.minVisibleCharacters", 0);
        boolean repeats = q.has("refuseRepeatedText") && bool(q.get("refuseRepeatedText"), "$.quality.refuseRepeatedText");
        // 0 would read as "no post counts": the cap is left out for none, so a cap is at least 1.
        int cap = q.has("maxCountedPostsPerDay") ? count(q.get("maxCountedPostsPerDay"), "$.quality.maxCountedPostsPerDay", 1) : 0;
        int gap = q.has("minMinutesAfterCheckIn") ? count(q.get("minMinutesAfterCheckIn"), "$.quality.minMinutesAfterCheckIn", 1) : 0;
        return new QualitySettings(min, repeats, cap, gap);
    }

    private List<Campaign> campaigns(JsonNode n) {
        ArrayNode array = array(n, "$.campaigns");
        List<Campaign> campaigns = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            int at = i;
            attempt(() -> campaign(array.get(at), "$.campaigns[" + at + "]", ids, campaigns), null);
        }
        return campaigns;
    }

    private Void campaign(JsonNode n, String path, Set<String> ids, List<Campaign> campaigns) {
        ObjectNode c = object(n, path, CAMPAIGN_KEYS);
        String id = string(required(c, path, "id"), path + ".id");
        if (!ids.add(id)) {
            throw error(path + ".id", "campaign id \"" + id + "\" is used twice");
        }
        String kind = kind(required(c, path, "kind"), path + ".kind");
        String reward = string(required(c, path, "reward"), path + ".reward");
        // Which parameters a kind needs is declared by the rule file that decides it: the engine and
        // `rewards check` hold the campaign to it (CampaignKinds). Here each is read by its own type.
        List<Level> levels = c.has("levels") ? levels(c.get("levels"), path + ".levels") : List.of();
        if (!levels.isEmpty() && c.has("days")) {
            throw error(path + ".days", "a campaign with levels takes its days from them: leave \"days\" out");
        }
        int days = !levels.isEmpty() ? levels.get(levels.size() - 1).days()
                : c.has("days") ? count(c.get("days"), path + ".days", 1) : 0;
        int window = c.has("window") ? count(c.get("window"), path + ".window", 1) : 0;
        if (days > 0 && window > 0 && window < days) {
            throw error(path + ".window", "a window of " + window + " days cannot hold " + days + " counted days");
        }
        Campaign campaign = new Campaign(id, kind, reward, days, window,
                c.has("tag") ? string(c.get("tag"), path + ".tag") : null);
        LocalDate from = c.has(ACTIVE_FROM) ? date(c.get(ACTIVE_FROM), path + "." + ACTIVE_FROM) : null;
        LocalDate until = c.has(ACTIVE_UNTIL) ? date(c.get(ACTIVE_UNTIL), path + "." + ACTIVE_UNTIL) : null;
        if (from != null && until != null && until.isBefore(from)) {
            throw error(path + "." + ACTIVE_UNTIL, "the active period ends on " + until + ", before it starts on " + from);
        }
        int graceDays = c.has("graceDays") ? count(c.get("graceDays"), path + ".graceDays", 0) : 0;
        String repeat = c.has("repeat") ? repeat(c.get("repeat"), path + ".repeat") : null;
        int revocableFor = c.has("revocableFor") ? count(c.get("revocableFor"), path + ".revocableFor", 0) : 0;
        campaign = campaign.withAwarding(graceDays, levels, repeat, revocableFor);
        campaigns.add(from == null && until == null ? campaign : campaign.withActivePeriod(from, until));
        return null;
    }

    /** A campaign's levels: named, each needing more days than the one before, each with its reward. */
    private List<Level> levels(JsonNode n, String path) {
        ArrayNode array = array(n, path);
        if (array.isEmpty()) {
            throw error(path, "expected at least one level, like [{\"name\": \"bronze\", \"days\": 3, \"reward\": \"bronze-badge\"}]");
        }
        List<Level> levels = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String at = path + "[" + i + "]";
            ObjectNode o = object(array.get(i), at, Set.of("name", "days", "reward"));
            String name = string(required(o, at, "name"), at + ".name");
            if (!name.matches("[\\p{L}\\p{N}]+([-_ ][\\p{L}\\p{N}]+)*")) {
                throw error(at + ".name", "expected a level name of letters and digits, words joined by '-', '_' or ' ', found \"" + name + "\"");
            }
            if (!names.add(name)) {
                throw error(at + ".name", "level name \"" + name + "\" is used twice");
            }
            int days = count(required(o, at, "days"), at + ".days", 1);
            if (!levels.isEmpty() && days <= levels.get(levels.size() - 1).days()) {
                Level before = levels.get(levels.size() - 1);
                throw error(at + ".days", "levels must need more days each, lowest first: level \"" + name + "\" needs " + days
                        + ", not more than \"" + before.name() + "\" before it (" + before.days() + ")");
            }
            levels.add(new Level(name, days, string(required(o, at, "reward"), at + ".reward")));
        }
        return levels;
    }

    private String repeat(JsonNode n, String path) {
        String repeat = n.isTextual() ? n.textValue() : null;
        if (repeat != null && (repeat.equals("monthly") || repeat.equals("weekly") || repeat.equals(Campaign.AFTER_REWARD)
                || Campaign.everyDays(repeat) > 0)) {
            return repeat;
        }
        throw error(path, "expected " + REPEAT_FORMS + ", found " + describe(n));
    }

    /** A kind's name: a lower-case word, possibly with hyphens (the pack declares what it means). */
    private String kind(JsonNode n, String path) {
        String kind = string(n, path);
        if (!kind.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw error(path, "expected a campaign kind that a rule file declares, in lower-case letters, digits and hyphens,"
                    + " found \"" + kind + "\"");
        }
        return kind;
    }

    /** Edit distance (insertions, deletions, substitutions): the lints tell a misspelled kind by it. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private LocalDate date(JsonNode n, String path) {
        if (n.isTextual()) {
            try {
                return LocalDate.parse(n.textValue());
            } catch (DateTimeException e) {
                // reported below
            }
        }
        throw error(path, "expected a date like \"2026-03-01\" (year-month-day, a day in the community's zone), found " + describe(n));
    }

    private ObjectNode object(JsonNode n, String path, Set<String> keys) {
        if (!(n instanceof ObjectNode o)) {
            throw error(path, "expected an object, found " + describe(n));
        }
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                // noted, not thrown: the known keys beside a typo are still read and checked
                problems.add(error(path + "." + key, "unknown key (expected one of " + new java.util.TreeSet<>(keys) + ")"));
            }
        }
        return o;
    }

    private ArrayNode array(JsonNode n, String path) {
        if (!(n instanceof ArrayNode a)) {
            throw error(path, "expected an array, found " + describe(n));
        }
        return a;
    }

    private JsonNode required(ObjectNode o, String path, String key) {
        JsonNode v = o.get(key);
        if (v == null) {
            throw error(path + "." + key, "missing (required)");
        }
        return v;
    }

    private String string(JsonNode n, String path) {
        if (!n.isTextual() || n.textValue().isBlank()) {
            throw error(path, "expected a non-empty string, found " + describe(n));
        }
        return n.textValue();
    }

    private boolean bool(JsonNode n, String path) {
        if (!n.isBoolean()) {
            throw error(path, "expected true or false, found " + describe(n));
        }
        return n.booleanValue();
    }

    private int count(JsonNode n, String path, int min) {
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min) {
            throw error(path, "expected a whole number of at least " + min + ", found " + describe(n));
        }
        return n.intValue();
    }

    private static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + n;
    }

    private SettingsException error(String path, String problem) {
        return new SettingsException(source, path, problem);
    }

    /** The settings as the JSON this class reads back. */
    static ObjectNode toJson(Settings s) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("zone", s.zone().getId());
        if (!s.dayStartsAt().equals(java.time.LocalTime.MIDNIGHT)) {
            root.put("dayStartsAt", s.dayStartsAt().toString());
        }
        ArrayNode tags = root.putArray("tags");
        for (Tag t : s.tags()) {
            ObjectNode o = tags.addObject().put("id", t.id()).put("label", t.label());
            if (t.needsSourceLink()) {
                o.put("needsSourceLink", true);
            }
        }
        ObjectNode quality = root.putObject("quality").put("minVisibleCharacters", s.quality().minVisibleCharacters());
        if (s.quality().refuseRepeatedText()) {
            quality.put("refuseRepeatedText", true);
        }
        if (s.quality().maxCountedPostsPerDay() > 0) {
            quality.put("maxCountedPostsPerDay", s.quality().maxCountedPostsPerDay());
        }
        if (s.quality().minMinutesAfterCheckIn() > 0) {
            quality.put("minMinutesAfterCheckIn", s.quality().minMinutesAfterCheckIn());
        }
        ArrayNode campaigns = root.putArray("campaigns");
        for (Campaign c : s.campaigns()) {
            ObjectNode o = campaigns.addObject().put("id", c.id()).put("kind", c.kind()).put("reward", c.reward());
            if (c.days() != 0 && c.levels().isEmpty()) {
                o.put("days", c.days());
            }
            if (c.window() != 0) {
                o.put("window", c.window());
            }
            if (c.tag() != null) {
                o.put("tag", c.tag());
            }
            if (c.activeFrom() != null) {
                o.put(ACTIVE_FROM, c.activeFrom().toString());
            }
            if (c.activeUntil() != null) {
                o.put(ACTIVE_UNTIL, c.activeUntil().toString());
            }
            if (c.graceDays() != 0) {
                o.put("graceDays", c.graceDays());
            }
            if (!c.levels().isEmpty()) {
                ArrayNode levels = o.putArray("levels");
                c.levels().forEach(l -> levels.addObject().put("name", l.name()).put("days", l.days()).put("reward", l.reward()));
            }
            if (c.repeat() != null) {
                o.put("repeat", c.repeat());
            }
            if (c.revocableFor() != 0) {
                o.put("revocableFor", c.revocableFor());
            }
        }
        if (s.lateDays() != null) {
            root.putObject("lateness").put("days", s.lateDays());
        }
        if (!s.locale().equals(Settings.DEFAULT_LOCALE)) {
            root.put("locale", s.locale());
        }
        if (!s.limits().equals(Settings.RuleLimits.DEFAULT)) {
            root.putObject("limits").put("secondsPerFact", s.limits().perFact().toNanos() / 1e9)
                    .put("insertsPerFact", s.limits().insertsPerFact());
        }
        return root;
    }
}
