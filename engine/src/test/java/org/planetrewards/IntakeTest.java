package org.planetrewards;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the rules call a post's length: code points that are not whitespace, however the text is spelt. */
class IntakeTest {

    /** The definition, written the slow way: the engine's loop must agree with it on every character. */
    private static long countedTheSlowWay(String text) {
        return text.codePoints().filter(cp -> !Character.isWhitespace(cp)).count();
    }

    @Test
    void every_character_of_the_basic_plane_counts_as_the_java_definition_says() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c < 0x10000; c++) {
            String one = String.valueOf((char) c);
            all.append(one);
            assertThat(Intake.visibleLength(one)).as("U+%04X", c).isEqualTo(countedTheSlowWay(one));
        }
        assertThat(Intake.visibleLength(all.toString())).isEqualTo(countedTheSlowWay(all.toString()));
    }

    @Test
    void mixed_scripts_spaces_and_surrogate_pairs_count_once_per_visible_code_point() {
        String text = "Check-in day 3\t\u3000 打卡 第三天 \u00a0 \u2003 \uD83D\uDE80 rocket\r\n"
                + "\u001c\u001f \u0085 end \uD800"; // a lone high surrogate is a code point of its own
        assertThat(Intake.visibleLength(text)).isEqualTo(countedTheSlowWay(text));
        assertThat(Intake.visibleLength("\uD83D\uDE80")).isEqualTo(1);
        assertThat(Intake.visibleLength(" a\u3000b ")).isEqualTo(2); // ideographic space is whitespace
    }

    @Test
    void random_text_from_many_planes_agrees_with_the_definition() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                int kind = random.nextInt(4);
                int cp = kind == 0 ? random.nextInt(128) : kind == 1 ? random.nextInt(0x3000)
                        : kind == 2 ? 0x1F300 + random.nextInt(0x300) : random.nextInt(0x10000);
                text.appendCodePoint(cp);
            }
            String s = text.toString();
            assertThat(Intake.visibleLength(s)).as(s).isEqualTo(countedTheSlowWay(s));
        }
    }

    @Test
    void a_texts_key_ignores_spaces_punctuation_emoji_case_and_full_width_forms_but_not_words() {
        long key = Intake.textKey("今天用ChatGPT整理了纪要，省下一个小时。");
        assertThat(Intake.textKey(" 今天用 chatgpt 整理了纪要!!! 省下一个小时 🙂")).isEqualTo(key);
        assertThat(Intake.textKey("今天用ＣｈａｔＧＰＴ整理了纪要……省下一个小时！")).isEqualTo(key);
        assertThat(Intake.textKey("今天用ChatGPT整理了纪要，省下两个小时。")).isNotEqualTo(key);
        assertThat(Intake.textKey("Day 3")).isNotEqualTo(Intake.textKey("Day 4"));
        assertThat(Intake.textKey("🙂🙂 !!! ，。")).isZero(); // nothing to compare: never a repeat
        assertThat(Intake.textKey("")).isZero();
    }

    @Test
    void no_code_point_beyond_the_basic_plane_is_whitespace() {
        for (int cp = 0x10000; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.isWhitespace(cp)) {
                throw new AssertionError("U+" + Integer.toHexString(cp) + " is whitespace: Intake.visibleLength counts it");
            }
        }
    }

    @Test
    void the_day_and_local_time_of_facts_in_arrival_order_are_those_of_each_instant_on_its_own_whatever_the_zone_does() {
        java.util.Random random = new java.util.Random(21);
        for (String zoneId : java.util.List.of("Asia/Shanghai", "America/New_York", "Europe/London", "Pacific/Apia",
                "Australia/Lord_Howe", "America/St_Johns", "UTC")) {
            java.time.ZoneId zone = java.time.ZoneId.of(zoneId);
            for (java.time.LocalTime start : java.util.List.of(java.time.LocalTime.MIDNIGHT, java.time.LocalTime.of(4, 0),
                    java.time.LocalTime.of(2, 30))) {
                Intake intake = new Intake(zone, start);
                MemberState member = intake.member("mei");
                long t = java.time.Instant.parse("2011-03-01T00:00:00Z").getEpochSecond(); // Samoa skipped a day in 2011
                for (int i = 0; i < 20_000; i++) {
                    t += random.nextInt(3_000);
                    long at = random.nextInt(10) == 0 ? t - random.nextInt(3 * 86_400) : t; // some late
                    java.time.ZoneOffset written = java.time.ZoneOffset.ofHours(random.nextInt(25) - 12);
                    java.time.OffsetDateTime when = java.time.Instant.ofEpochSecond(at).atOffset(written);
                    var day = intake.checkInDay(member, new CheckIn("mei", when));
                    assertThat(day.day()).as("%s %s %s", zoneId, start, when)
                            .isEqualTo(Intake.communityDay(when.toInstant(), zone, start));
                    assertThat(day.at()).as("%s %s %s", zoneId, start, when)
                            .isEqualTo(when.atZoneSameInstant(zone).toOffsetDateTime());
                }
            }
        }
    }

    /** The text key's definition, written the slow way: the engine's fast paths must agree with it everywhere. */
    private static long keyTheSlowWay(String text) {
        long hash = 0xcbf29ce484222325L;
        boolean any = false;
        for (int cp : text.codePoints().toArray()) {
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                cp -= 0xFEE0;
            }
            if (Character.isLetterOrDigit(cp)) {
                hash = (hash ^ Character.toLowerCase(Character.toUpperCase(cp))) * 0x100000001b3L;
                any = true;
            }
        }
        return !any ? 0 : hash == 0 ? 1 : hash;
    }

    @Test
    void every_character_of_the_basic_plane_keys_as_the_definition_says_alone_and_in_a_text() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c < 0x10000; c++) {
            String one = "a" + (char) c + "Z";
            all.append((char) c);
            assertThat(Intake.textKey(one)).as("U+%04X", c).isEqualTo(keyTheSlowWay(one));
        }
        assertThat(Intake.textKey(all.toString())).isEqualTo(keyTheSlowWay(all.toString()));
    }

    @Test
    void random_text_from_many_planes_keys_as_the_definition_says() {
        java.util.Random random = new java.util.Random(14);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                int kind = random.nextInt(6);
                int cp = kind == 0 ? random.nextInt(128) : kind == 1 ? 0x4E00 + random.nextInt(0x5200)
                        : kind == 2 ? 0x1F300 + random.nextInt(0x300) : kind == 3 ? 0xFF00 + random.nextInt(0x100)
                        : kind == 4 ? 0x10000 + random.nextInt(0x30000) : random.nextInt(0x10000);
                text.appendCodePoint(cp);
            }
            String s = text.toString();
            assertThat(Intake.textKey(s)).as(s).isEqualTo(keyTheSlowWay(s));
        }
    }
}
