package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.model.Campaign;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings file format: the shipped default file, campaign periods, kinds of the admin's own, writing back. */
class SettingsFileTest {
    static final Path SHIPPED = Path.of("../rules/default-pack/settings.json");

    @Test
    void theShippedSettingsFileIsTheDefaults() {
        assertThat(Settings.load(SHIPPED)).isEqualTo(Settings.defaults());
    }

    @Test
    void anEmptyObjectIsTheDefaults() {
        assertThat(Settings.parse("rewards.json", "{}")).isEqualTo(Settings.defaults());
    }

    @Test
    void aCampaignCanHaveAnActivePeriod() {
        Settings s = Settings.parse("rewards.json", "{\"campaigns\": ["
                + "{\"id\": \"spring\", \"kind\": \"consecutive-days\", \"reward\": \"r\", \"days\": 7, \"activeFrom\": \"2026-03-01\", \"activeUntil\": \"2026-03-31\"},"
                + "{\"id\": \"open\", \"kind\": \"tagged-post\", \"reward\": \"r\", \"tag\": \"news\", \"activeFrom\": \"2026-04-01\"}]}");
        assertThat(s.campaigns()).containsExactly(
                DefaultKinds.consecutiveDays("spring", "r", 7).withActivePeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)),
                DefaultKinds.taggedPost("open", "r", "news").withActivePeriod(LocalDate.of(2026, 4, 1), null));
    }

    @Test
    void aCampaignOfAKindOfTheAdminsOwnKeepsItsParameters() {
        Settings s = Settings.parse("rewards.json", "{\"campaigns\": ["
                + "{\"id\": \"analyst\", \"kind\": \"tagged-days-in-a-row\", \"reward\": \"analyst-badge\", \"days\": 7, \"tag\": \"deep-dive\"},"
                + "{\"id\": \"bare\", \"kind\": \"weekly\", \"reward\": \"r\"}]}");
        assertThat(s.campaigns()).containsExactly(
                new Campaign("analyst", "tagged-days-in-a-row", "analyst-badge", 7, 0, "deep-dive"),
                new Campaign("bare", "weekly", "r", 0, 0, null));
    }

    @Test
    void settingsWrittenAsJsonReadBackEqual() {
        Settings s = Settings.defaults().withCampaigns(List.of(
                DefaultKinds.consecutiveDays("spring", "r", 7).withActivePeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)),
                DefaultKinds.daysInWindow("w", "r", 3, 5).withActivePeriod(null, LocalDate.of(2026, 5, 1)),
                new Campaign("analyst", "tagged-days-in-a-row", "analyst-badge", 7, 0, "deep-dive"),
                new Campaign("bare", "weekly", "r", 0, 0, null)));
        assertThat(Settings.parse("written", s.toJson())).isEqualTo(s);
        assertThat(Settings.parse("written", Settings.defaults().toJson())).isEqualTo(Settings.defaults());
    }

    @Test
    void theDayStartAndTheCapsAreReadAndWrittenBack() {
        Settings s = Settings.parse("rewards.json", "{\"dayStartsAt\": \"04:00\", \"quality\": {\"minVisibleCharacters\": 40,"
                + " \"refuseRepeatedText\": true, \"maxCountedPostsPerDay\": 2, \"minMinutesAfterCheckIn\": 15}}");
        assertThat(s.dayStartsAt()).isEqualTo(java.time.LocalTime.of(4, 0));
        assertThat(s.quality()).isEqualTo(new org.planetrewards.model.QualitySettings(40, true, 2, 15));
        assertThat(Settings.parse("written", s.toJson())).isEqualTo(s);
        assertThat(Settings.defaults().toJson()).doesNotContain("dayStartsAt").doesNotContain("refuseRepeatedText")
                .doesNotContain("maxCountedPostsPerDay").doesNotContain("minMinutesAfterCheckIn");
    }

    @Test
    void aCampaignIsActiveOnTheDaysOfItsPeriodBothEndsIncluded() {
        Campaign c = DefaultKinds.consecutiveDays("c", "r", 3).withActivePeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        assertThat(c.isActiveOn(LocalDate.of(2026, 2, 28))).isFalse();
        assertThat(c.isActiveOn(LocalDate.of(2026, 3, 1))).isTrue();
        assertThat(c.isActiveOn(LocalDate.of(2026, 3, 31))).isTrue();
        assertThat(c.isActiveOn(LocalDate.of(2026, 4, 1))).isFalse();
        Campaign always = DefaultKinds.consecutiveDays("c", "r", 3);
        assertThat(always.isActiveOn(LocalDate.MIN)).isTrue();
        assertThat(always.isActiveOn(LocalDate.MAX)).isTrue();
        assertThat(c.withActivePeriod(null, null)).isEqualTo(always);
    }
}
