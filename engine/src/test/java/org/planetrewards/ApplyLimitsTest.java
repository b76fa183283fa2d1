package org.planetrewards;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planetrewards.model.ModerationAction;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A host's fact objects meet the same bounds as history lines, and a refused one changes nothing. */
class ApplyLimitsTest {
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-01T21:00:00+08:00");
    private static RewardsEngine engine;

    @BeforeAll
    static void start() {
        engine = RewardsEngine.builder().shards(1).build();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aMemberIdWithAControlCharacterIsRefused() {
        assertThatThrownBy(() -> engine.apply(new CheckIn("mei\u0007", AT)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("checkin \"member\" contains the control character U+0007");
    }

    @Test
    void aTooLongPostIdIsRefused() {
        String id = "p".repeat(129);
        assertThatThrownBy(() -> engine.apply(new Post(id, "mei", AT, "text", List.of(), List.of())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("post \"id\" is 129 characters long; the limit is 128");
    }

    @Test
    void tooManyTagsAreRefusedAndTheIdStaysFree() {
        List<String> tags = Collections.nCopies(33, "news");
        assertThatThrownBy(() -> engine.apply(new Post("p-tags", "mei", AT, "x".repeat(60), tags, List.of())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("post has 33 tags; the limit is 32");

        // Nothing was recorded: another member may still use the id.
        assertThat(engine.apply(new Post("p-tags", "li", AT, "x".repeat(60), List.of("news"), List.of()))).isEmpty();
    }

    @Test
    void aTimestampOutsideTheRangeIsRefused() {
        OffsetDateTime far = OffsetDateTime.parse("2999-01-01T00:00:00Z");
        assertThatThrownBy(() -> engine.apply(new Moderation("p1", ModerationAction.FEATURE, far)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("moderation \"at\" is 2999-01-01T00:00Z, outside the accepted range");
    }

    @Test
    void otherLimitsCanBeChosen() {
        try (RewardsEngine lenient = RewardsEngine.builder().shards(1)
                .limits(HistoryReader.Limits.DEFAULT.withMaxIdLength(300)).build()) {
            assertThat(lenient.apply(new CheckIn("m".repeat(200), AT))).isEmpty();
        }
    }
}
