package org.planetrewards;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.planetrewards.model.Campaign;
import org.planetrewards.model.QualitySettings;
import org.planetrewards.model.Tag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
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
    private static final Set<String> KINDS = Set.of(Campaign.CONSECUTIVE_DAYS, Campaign.DAYS_IN_WINDOW, Campaign.TAGGED_POST);

    private final String source;

    private SettingsFile(String source) {
        this.source = source;
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
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        return new SettingsFile(source).settings(root);
    }

    static Settings fromNode(String source, JsonNode root) {
        return new SettingsFile(source).settings(root);
    }

    private Settings settings(JsonNode root) {
        ObjectNode obj = object(root, "$", Set.of("zone", "tags", "quality", "campaigns"));
        Settings d = Settings.defaults();
        ZoneId zone = obj.has("zone") ? zone(obj.get("zone"), "$.zone") : d.zone();
        List<Tag> tags = obj.has("tags") ? tags(obj.get("tags")) : d.tags();
        QualitySettings quality = obj.has("quality") ? quality(obj.get("quality")) : d.quality();
        List<Campaign> campaigns = obj.has("campaigns") ? campaigns(obj.get("campaigns")) : d.campaigns();
        return new Settings(zone, tags, quality, campaigns);
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
            String path = "$.tags[" + i + "]";
            ObjectNode t = object(array.get(i), path, Set.of("id", "label", "needsSourceLink"));
            String id = string(required(t, path, "id"), path + ".id");
            String label = string(required(t, path, "label"), path + ".label");
            boolean needsLink = t.has("needsSourceLink") && bool(t.get("needsSourceLink"), path + ".needsSourceLink");
            for (String[] w : new String[][]{{id, ".id"}, {label, ".label"}}) {
                if (!words.add(w[0].toLowerCase(java.util.Locale.ROOT))) {
                    throw error(path + w[1], "\"" + w[0] + "\" already names another tag (ids and labels are compared ignoring case)");
                }
            }
            tags.add(new Tag(id, label, needsLink));
        }
        return tags;
    }

    private QualitySettings quality(JsonNode n) {
        ObjectNode q = object(n, "$.quality", Set.of("minVisibleCharacters"));
        return new QualitySettings(count(required(q, "$.quality", "minVisibleCharacters"),
                "$.quality.minVisibleCharacters", 0));
    }

    private List<Campaign> campaigns(JsonNode n) {
        ArrayNode array = array(n, "$.campaigns");
        List<Campaign> campaigns = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "$.campaigns[" + i + "]";
            ObjectNode c = object(array.get(i), path, Set.of("id", "kind", "reward", "days", "window", "tag"));
            String id = string(required(c, path, "id"), path + ".id");
            if (!ids.add(id)) {
                throw error(path + ".id", "campaign id \"" + id + "\" is used twice");
            }
            String kind = string(required(c, path, "kind"), path + ".kind");
            if (!KINDS.contains(kind)) {
                throw error(path + ".kind", "expected one of " + new java.util.TreeSet<>(KINDS) + ", found \"" + kind + "\"");
            }
            String reward = string(required(c, path, "reward"), path + ".reward");
            Campaign campaign = switch (kind) {
                case Campaign.CONSECUTIVE_DAYS -> {
                    only(c, path, kind, Set.of("id", "kind", "reward", "days"));
                    yield Campaign.consecutiveDays(id, reward, count(required(c, path, "days"), path + ".days", 1));
                }
                case Campaign.DAYS_IN_WINDOW -> {
                    only(c, path, kind, Set.of("id", "kind", "reward", "days", "window"));
                    int days = count(required(c, path, "days"), path + ".days", 1);
                    int window = count(required(c, path, "window"), path + ".window", 1);
                    if (window < days) {
                        throw error(path + ".window", "a window of " + window + " days cannot hold " + days + " counted days");
                    }
                    yield Campaign.daysInWindow(id, reward, days, window);
                }
                default -> {
                    only(c, path, kind, Set.of("id", "kind", "reward", "tag"));
                    yield Campaign.taggedPost(id, reward, string(required(c, path, "tag"), path + ".tag"));
                }
            };
            campaigns.add(campaign);
        }
        return campaigns;
    }

    private void only(ObjectNode c, String path, String kind, Set<String> allowed) {
        for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw error(path + "." + key, "a " + kind + " campaign has no \"" + key + "\" (it takes " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }

    private ObjectNode object(JsonNode n, String path, Set<String> keys) {
        if (!(n instanceof ObjectNode o)) {
            throw error(path, "expected an object, found " + describe(n));
        }
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw error(path + "." + key, "unknown key (expected one of " + new java.util.TreeSet<>(keys) + ")");
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
        ArrayNode tags = root.putArray("tags");
        for (Tag t : s.tags()) {
            ObjectNode o = tags.addObject().put("id", t.id()).put("label", t.label());
            if (t.needsSourceLink()) {
                o.put("needsSourceLink", true);
            }
        }
        root.putObject("quality").put("minVisibleCharacters", s.quality().minVisibleCharacters());
        ArrayNode campaigns = root.putArray("campaigns");
        for (Campaign c : s.campaigns()) {
            ObjectNode o = campaigns.addObject().put("id", c.id()).put("kind", c.kind()).put("reward", c.reward());
            switch (c.kind()) {
                case Campaign.CONSECUTIVE_DAYS -> o.put("days", c.days());
                case Campaign.DAYS_IN_WINDOW -> o.put("days", c.days()).put("window", c.window());
                default -> o.put("tag", c.tag());
            }
        }
        return root;
    }
}
