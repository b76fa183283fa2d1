package org.planetrewards;

import org.planetrewards.model.Campaign;
import org.planetrewards.model.QualitySettings;
import org.planetrewards.model.Tag;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a community admin configures: the zone that decides a fact's day, the tags, the quality
 * thresholds and the campaigns. Rules read these as facts, so changing a number is a settings change,
 * never a rule edit. {@link #defaults()} is the seed community of SPEC §3.
 *
 * @param campaigns in the order decisions caused by one fact are emitted
 */
public record Settings(ZoneId zone, List<Tag> tags, QualitySettings quality, List<Campaign> campaigns) {

    public Settings {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(quality, "quality");
        tags = List.copyOf(tags);
        campaigns = List.copyOf(campaigns);
        Set<String> ids = new HashSet<>();
        for (Campaign c : campaigns) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("campaign id \"" + c.id() + "\" is used twice");
            }
        }
    }

    /** The seed community: Asia/Shanghai, six tags, 50 characters, the two check-in campaigns and the story badge. */
    public static Settings defaults() {
        return new Settings(
                ZoneId.of("Asia/Shanghai"),
                List.of(new Tag("news", "新闻", false),
                        new Tag("resources", "资源", false),
                        new Tag("tricks", "玩法", false),
                        new Tag("deep-dive", "深度", true),
                        new Tag("applications", "应用", false),
                        new Tag("member-story", "球友故事", false)),
                new QualitySettings(50),
                List.of(Campaign.consecutiveDays("streak-15", "chatgpt-account", 15),
                        Campaign.daysInWindow("window-15-of-30", "openai-key", 15, 30),
                        Campaign.taggedPost("member-story", "story-badge", "member-story")));
    }

    /**
     * Reads a settings file (JSON, see the authoring guide). Sections the file leaves out keep their defaults.
     *
     * @throws SettingsException naming the file, the JSON path and what was expected
     */
    public static Settings load(java.nio.file.Path file) {
        return SettingsFile.read(file);
    }

    /** Reads settings from JSON text; {@code source} is the name errors show. */
    public static Settings parse(String source, String json) {
        return SettingsFile.parse(source, json);
    }

    /** These settings as the JSON that {@link #load} reads. */
    public String toJson() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(SettingsFile.toJson(this));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Settings withZone(ZoneId newZone) {
        return new Settings(newZone, tags, quality, campaigns);
    }

    public Settings withQuality(QualitySettings newQuality) {
        return new Settings(zone, tags, newQuality, campaigns);
    }

    public Settings withTags(List<Tag> newTags) {
        return new Settings(zone, newTags, quality, campaigns);
    }

    public Settings withCampaigns(List<Campaign> newCampaigns) {
        return new Settings(zone, tags, quality, newCampaigns);
    }
}
