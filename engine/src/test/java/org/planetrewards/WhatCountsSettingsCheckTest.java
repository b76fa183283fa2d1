package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.model.QualitySettings;

import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.planetrewards.CampaignSettingsCheckTest.check;
import static org.planetrewards.CampaignSettingsCheckTest.defaultsWith;

/** What the rule check says about the settings of what counts: the day's start and the anti-farming caps. */
class WhatCountsSettingsCheckTest {
    static final Settings BOTH_CAPS = Settings.defaults().withQuality(new QualitySettings(50, true, 2));
    static final Settings GAP = Settings.defaults().withQuality(new QualitySettings(50, false, 0, 10));

    /** The default quality.drl without its two anti-farming rules: an admin's older copy of the file. */
    static RulePack withoutCaps() {
        String quality = RulePack.defaults().files().get("quality.drl");
        String older = quality.replaceAll("(?s)rule \"A post that repeats.*?\nend\n\n", "")
                .replaceAll("(?s)rule \"A post after the day's cap.*?\nend\n\n", "")
                .replaceAll("(?s)rule \"A post written too close.*?\nend\n\n", "");
        assertThat(older).doesNotContain("refuseRepeatedText (").doesNotContain("maxCountedPostsPerDay >");
        return defaultsWith("quality.drl", older);
    }

    @Test
    void theDefaultPackWithBothCapsAndAMorningStartIsClean() {
        assertThat(check(RulePack.defaults(), BOTH_CAPS.withDayStartsAt(LocalTime.of(4, 0)))).isEmpty();
    }

    @Test
    void aCapNoRuleReadsIsAWarningEach() {
        assertThat(check(withoutCaps(), BOTH_CAPS)).containsExactly(
                "rewards.json: $.quality.refuseRepeatedText: warning: no rule in the pack reads refuseRepeatedText (quality.drl"
                        + " of the default pack does), so repeated texts count as before",
                "rewards.json: $.quality.maxCountedPostsPerDay: warning: no rule in the pack reads maxCountedPostsPerDay"
                        + " (quality.drl of the default pack does), so every high-quality post of a day counts");
        assertThat(check(withoutCaps(), GAP)).containsExactly(
                "rewards.json: $.quality.minMinutesAfterCheckIn: warning: no rule in the pack reads minMinutesAfterCheckIn"
                        + " (quality.drl of the default pack does), so a post right after the check-in counts");
        assertThat(check(withoutCaps(), Settings.defaults())).isEmpty();
        assertThat(check(RulePack.defaults(), GAP)).isEmpty();
    }

    @Test
    void aGapOfADayOrMoreIsAWarning() {
        assertThat(check(RulePack.defaults(), Settings.defaults().withQuality(new QualitySettings(50, false, 0, 1440)))).containsExactly(
                "rewards.json: $.quality.minMinutesAfterCheckIn: warning: a gap of 1440 minutes is a day or more: no post of"
                        + " the check-in's day can be that far from it, so no day can count");
    }

    @Test
    void aDayThatStartsAfterNoonIsAWarning() {
        assertThat(check(RulePack.defaults(), Settings.defaults().withDayStartsAt(LocalTime.of(13, 0)))).containsExactly(
                "rewards.json: $.dayStartsAt: warning: days start at 13:00, after noon: everything from midnight until then"
                        + " counts for the day before, most of each calendar day; for members who post after midnight, a start"
                        + " a few hours after midnight (such as \"04:00\") is what is meant");
        assertThat(check(RulePack.defaults(), Settings.defaults().withDayStartsAt(LocalTime.of(11, 59)))).isEmpty();
    }
}
