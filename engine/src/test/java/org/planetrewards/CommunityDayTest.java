package org.planetrewards;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The community day of a moment ({@code dayStartsAt}), walked minute by minute through a whole year of
 * zones whose clocks jump: every date is a day exactly once, days never go back, and each begins where
 * the settings documentation says.
 */
class CommunityDayTest {

    @ParameterizedTest(name = "{0}, days from {1}")
    @CsvSource({
            "Europe/Berlin, 04:00", "Europe/Berlin, 02:30", "Europe/Berlin, 00:00", "Europe/Berlin, 03:00",
            "America/New_York, 04:00", "America/New_York, 01:30", "America/New_York, 02:00",
            "Australia/Lord_Howe, 02:15", // a half-hour change
            "America/Santiago, 00:00", "America/Santiago, 00:30", // the clock changes at midnight
            "Asia/Shanghai, 04:00", "Asia/Shanghai, 23:59"})
    void aYearOfMinutesHasEveryDayOnceInOrder(String zoneId, String start) {
        ZoneId zone = ZoneId.of(zoneId);
        LocalTime dayStartsAt = LocalTime.parse(start);
        Instant t = ZonedDateTime.of(2026, 1, 1, 12, 0, 0, 0, zone).toInstant();
        Instant end = ZonedDateTime.of(2027, 1, 1, 12, 0, 0, 0, zone).toInstant();
        LocalDate previous = Intake.communityDay(t, zone, dayStartsAt);
        int days = 1;
        for (t = t.plus(Duration.ofMinutes(1)); t.isBefore(end); t = t.plus(Duration.ofMinutes(1))) {
            LocalDate day = Intake.communityDay(t, zone, dayStartsAt);
            if (!day.equals(previous)) {
                assertThat(day).as("the day after %s, at %s", previous, t.atZone(zone)).isEqualTo(previous.plusDays(1));
                // A day begins at its start on the clock, or, when the clock skipped that time, at the jump.
                ZonedDateTime begins = t.atZone(zone);
                ZonedDateTime before = t.minus(Duration.ofMinutes(1)).atZone(zone);
                assertThat(begins.toLocalDate()).isEqualTo(day);
                if (zone.getRules().isValidOffset(day.atTime(dayStartsAt), begins.getOffset())) {
                    assertThat(begins.toLocalTime()).isEqualTo(dayStartsAt);
                } else {
                    assertThat(begins.toLocalTime()).isAfter(dayStartsAt);
                    assertThat(before.toLocalDateTime()).as("the minute before the jump").isBefore(day.atTime(dayStartsAt));
                }
                days++;
                previous = day;
            }
            if (dayStartsAt.equals(LocalTime.MIDNIGHT)) {
                assertThat(day).isEqualTo(t.atZone(zone).toLocalDate());
            }
        }
        assertThat(days).isEqualTo(366);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2026-10-25T02:15:00+02:00, 2026-10-24", // the first pass of Berlin's repeated hour, before the start
            "2026-10-25T02:45:00+02:00, 2026-10-25", // the first pass, after it: the day has begun
            "2026-10-25T02:15:00+01:00, 2026-10-25", // the second pass: the clock shows 02:15, yet the day began an hour ago
            "2026-03-29T01:59:00+01:00, 2026-03-28", // 02:30 is skipped that night: the day begins with the jump
            "2026-03-29T03:00:00+02:00, 2026-03-29"})
    void aStartInsideBerlinsChangedHours(String moment, String day) {
        assertThat(Intake.communityDay(java.time.OffsetDateTime.parse(moment).toInstant(), ZoneId.of("Europe/Berlin"),
                LocalTime.of(2, 30))).isEqualTo(LocalDate.parse(day));
    }
}
