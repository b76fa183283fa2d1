package org.planetrewards;

import org.planetrewards.model.Campaign;
import org.planetrewards.model.QualitySettings;
import org.planetrewards.model.Tag;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a community admin configures: the zone and the hour that decide a fact's day, the tags, the quality
 * thresholds and the campaigns. Rules read these as facts, so changing a number is a settings change,
 * never a rule edit. {@link #defaults()} are the default pack's
 * {@code settings.json}.
 *
 * @param campaigns in the order decisions caused by one fact are emitted
 * @param lateDays  how many days older than the newest fact applied a fact may be (the lateness horizon,
 *                  see {@link #lateDays()}), or {@code null} for no bound (docs/history-format.md exactly)
 * @param limits    how much the rules may spend on one fact before it fails ({@link RuleLimits})
 * @param dayStartsAt the time on the community's clock its day starts at: a moment before it belongs to the
 *                  previous day ({@link #communityDay}); midnight for calendar days
 * @param locale    the language progress, explanations, the report and rankings speak unless asked for another:
 *                  a message file of the rule pack ({@code en}, {@code zh-CN}); {@link #DEFAULT_LOCALE} when not set
 */
public record Settings(ZoneId zone, List<Tag> tags, QualitySettings quality, List<Campaign> campaigns, Integer lateDays,
                       RuleLimits limits, LocalTime dayStartsAt, String locale) {
    /** English, unless the settings say otherwise. */
    public static final String DEFAULT_LOCALE = "en";

    public Settings {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(dayStartsAt, "dayStartsAt");
        if (dayStartsAt.getSecond() != 0 || dayStartsAt.getNano() != 0) {
            throw new IllegalArgumentException("the day starts on a whole minute, not at " + dayStartsAt);
        }
        Objects.requireNonNull(limits, "limits");
        if (!Messages.isLanguage(Objects.requireNonNull(locale, "locale"))) {
            throw new IllegalArgumentException("locale must be a language like en or zh-CN, not \"" + locale + "\"");
        }
        if (lateDays != null && lateDays < 1) {
            throw new IllegalArgumentException("lateness days must be at least 1, not " + lateDays);
        }
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

    /** Settings whose days start at midnight, in the default language. */
    public Settings(ZoneId zone, List<Tag> tags, QualitySettings quality, List<Campaign> campaigns, Integer lateDays,
                    RuleLimits limits) {
        this(zone, tags, quality, campaigns, lateDays, limits, LocalTime.MIDNIGHT, DEFAULT_LOCALE);
    }

    /** Settings in the default language. */
    public Settings(ZoneId zone, List<Tag> tags, QualitySettings quality, List<Campaign> campaigns, Integer lateDays,
                    RuleLimits limits, LocalTime dayStartsAt) {
        this(zone, tags, quality, campaigns, lateDays, limits, dayStartsAt, DEFAULT_LOCALE);
    }

    /** Settings whose days start at midnight. */
    public Settings(ZoneId zone, List<Tag> tags, QualitySettings quality, List<Campaign> campaigns, Integer lateDays,
                    RuleLimits limits, String locale) {
        this(zone, tags, quality, campaigns, lateDays, limits, LocalTime.MIDNIGHT, locale);
    }

    /** Settings with the default {@link RuleLimits}. */
    public Settings(ZoneId zone, List<Tag> tags, QualitySettings quality, List<Campaign> campaigns, Integer lateDays) {
        this(zone, tags, quality, campaigns, lateDays, RuleLimits.DEFAULT);
    }

    /** Settings without a lateness bound. */
    public Settings(ZoneId zone, List<Tag> tags, QualitySettings quality, List<Campaign> campaigns) {
        this(zone, tags, quality, campaigns, null);
    }

    /**
     * What the rules may spend on one fact (both evaluation steps together) before the fact fails with a
     * {@link RuleFailureException} and leaves no trace: a wall-clock budget and a number of facts inserted
     * (plain and logical), besides the engine's cap on firings. A rule pack whose rules do a bounded
     * amount of work per fact, as the shipped one does, stays far below both.
     *
     * @param perFact        time budget for one fact, at least a millisecond
     * @param insertsPerFact facts the rules may insert while evaluating one fact, at least 1
     */
    public record RuleLimits(java.time.Duration perFact, int insertsPerFact) {
        /** 2 seconds and 100,000 inserts: a thousand times what the shipped pack needs for the busiest fact. */
        public static final RuleLimits DEFAULT = new RuleLimits(java.time.Duration.ofSeconds(2), 100_000);

        public RuleLimits {
            Objects.requireNonNull(perFact, "perFact");
            if (perFact.compareTo(java.time.Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("the time budget per fact must be at least 1 ms, not " + perFact);
            }
            if (insertsPerFact < 1) {
                throw new IllegalArgumentException("inserts per fact must be at least 1, not " + insertsPerFact);
            }
        }
    }

    /**
     * The community day a moment belongs to under these settings: its date in the zone, or the day before
     * when it comes before {@link #dayStartsAt} on that date. Daylight-saving changes neither drop nor
     * double a day (docs/settings.md, "dayStartsAt").
     */
    public java.time.LocalDate communityDay(java.time.OffsetDateTime t) {
        return Intake.communityDay(t.toInstant(), zone, dayStartsAt);
    }

    /**
     * The lateness horizon, when set: a fact whose community-local day (a post's {@code at} day; for a
     * moderation its own day and its post's day) is more than this many days before the newest day of
     * any fact applied so far is refused as too late, and members' days that no accepted fact can
     * reach any more leave working memory. Empty: no bound, every fact may arrive any time late.
     */
    public java.util.OptionalInt lateness() {
        return lateDays == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(lateDays);
    }

    /**
     * The default pack's settings: its {@code settings.json} (the seed community: Asia/Shanghai, six tags,
     * 50 characters, the two check-in campaigns and the story badge), read from the {@code rules} jar on
     * the classpath, the one file that holds them.
     *
     * @throws IllegalStateException when the default pack is not on the classpath, or its settings are invalid
     */
    public static Settings defaults() {
        return SettingsFile.Defaults.SETTINGS;
    }

    /**
     * The settings of a rule pack folder: its {@code settings.json} when it has one (sections it leaves out
     * keep {@link #defaults()}), else the defaults.
     *
     * @throws SettingsException naming the file, the JSON path and what was expected
     */
    public static Settings ofPack(java.nio.file.Path folder) {
        java.nio.file.Path file = folder.resolve(SettingsFile.PACK_FILE);
        return java.nio.file.Files.isRegularFile(file) ? load(file) : defaults();
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
        return new Settings(newZone, tags, quality, campaigns, lateDays, limits, dayStartsAt, locale);
    }

    public Settings withQuality(QualitySettings newQuality) {
        return new Settings(zone, tags, newQuality, campaigns, lateDays, limits, dayStartsAt, locale);
    }

    public Settings withTags(List<Tag> newTags) {
        return new Settings(zone, newTags, quality, campaigns, lateDays, limits, dayStartsAt, locale);
    }

    public Settings withCampaigns(List<Campaign> newCampaigns) {
        return new Settings(zone, tags, quality, newCampaigns, lateDays, limits, dayStartsAt, locale);
    }

    /** These settings with a lateness horizon of {@code days} (at least 1); see {@link #lateness()}. */
    public Settings withLateDays(int days) {
        return new Settings(zone, tags, quality, campaigns, days, limits, dayStartsAt, locale);
    }

    /** These settings without a lateness horizon: every fact may arrive any time late (docs/history-format.md). */
    public Settings withoutLateDays() {
        return new Settings(zone, tags, quality, campaigns, null, limits, dayStartsAt, locale);
    }

    /** These settings with the community's day starting at {@code time} on its clock (midnight: calendar days). */
    public Settings withDayStartsAt(LocalTime time) {
        return new Settings(zone, tags, quality, campaigns, lateDays, limits, time, locale);
    }

    /** These settings speaking {@code language} (a message file of the rule pack) unless asked for another. */
    public Settings withLocale(String language) {
        return new Settings(zone, tags, quality, campaigns, lateDays, limits, dayStartsAt, language);
    }

    /** These settings with other limits on what the rules may spend on one fact. */
    public Settings withLimits(RuleLimits newLimits) {
        return new Settings(zone, tags, quality, campaigns, lateDays, newLimits, dayStartsAt, locale);
    }
}
