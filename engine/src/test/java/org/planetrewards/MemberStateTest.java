package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.MemberState.Day;
import org.planetrewards.model.CountedDay;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A member's days as the engine stores them: in date order, with what each keeps and when it was checked in. */
class MemberStateTest {
    static LocalDate mar(int day) {
        return LocalDate.of(2026, 3, day);
    }

    @Test
    void daysStayInDateOrderWhateverOrderTheyArriveIn() {
        MemberState ann = new MemberState("ann");
        for (int day : new int[] {5, 1, 9, 3, 7, 2}) {
            ann.day(mar(day));
        }
        assertThat(ann.days()).extracting(d -> d.date).containsExactly(mar(1), mar(2), mar(3), mar(5), mar(7), mar(9));
        assertThat(ann.day(mar(3))).as("asked again: the same day").isSameAs(ann.get(mar(3)));
        assertThat(ann.get(mar(4))).isNull();
        assertThat(ann.newest().date).isEqualTo(mar(9));
        ann.remove(mar(9));
        assertThat(ann.newest().date).isEqualTo(mar(7));
        assertThat(new MemberState("bob").newest()).isNull();
    }

    @Test
    void removeBeforeHandsBackTheOldDaysAndRecountForgetsWhatTheyKept() {
        MemberState ann = new MemberState("ann");
        for (int day = 1; day <= 4; day++) {
            ann.carry(ann.day(mar(day)), List.of(new CountedDay("ann", mar(day))));
        }
        assertThat(ann.counted).containsExactly(mar(1), mar(2), mar(3), mar(4));
        List<Day> gone = ann.removeBefore(mar(3));
        assertThat(gone).extracting(d -> d.date).containsExactly(mar(1), mar(2));
        ann.recount();
        assertThat(ann.counted).containsExactly(mar(3), mar(4));
        assertThat(ann.others).isZero();
        assertThat(ann.removeBefore(mar(1))).isEmpty();
    }

    @Test
    void aDayKeepsItsOwnCountedDayAsAMarkerAndHandsItBackAsAFact() {
        MemberState ann = new MemberState("ann");
        Day d = ann.day(mar(1));
        ann.carry(d, List.of(new CountedDay("ann", mar(1))));
        assertThat(d.carried("ann")).containsExactly(new CountedDay("ann", mar(1)));
        assertThat(d.keeps("ann", List.of(new CountedDay("ann", mar(1))))).isTrue();
        assertThat(d.keeps("ann", List.of(new CountedDay("ann", mar(2))))).isFalse();
        // Anything else is kept as it is, and counted among the others.
        ann.carry(d, List.of(new CountedDay("ann", mar(1)), "a declared day fact"));
        assertThat(d.carried("ann")).containsExactly(new CountedDay("ann", mar(1)), "a declared day fact");
        assertThat(ann.counted).containsExactly(mar(1));
        assertThat(ann.others).isEqualTo(1);
        ann.carry(d, List.of());
        assertThat(ann.counted).isEmpty();
        assertThat(ann.others).isZero();
    }

    @Test
    void theEarliestCheckInOfADayIsTheOneThatCountsAndAnUnknownTimeStaysUnknown() {
        Day d = new MemberState("ann").day(mar(1));
        Instant ten = Instant.parse("2026-03-01T02:00:00Z");
        Instant eight = Instant.parse("2026-03-01T00:00:00Z");
        assertThat(d.checkInAt()).isNull();
        assertThat(d.isEarlierCheckIn(eight)).as("not checked in: nothing to be earlier than").isFalse();
        d.checkIn(ten);
        assertThat(d.checkedIn).isTrue();
        assertThat(d.checkInAt()).isEqualTo(ten);
        assertThat(d.isEarlierCheckIn(ten.plusSeconds(60))).isFalse();
        assertThat(d.isEarlierCheckIn(ten)).isFalse();
        assertThat(d.isEarlierCheckIn(eight)).isTrue();
        d.checkIn(null); // restored from a snapshot without times
        assertThat(d.checkedIn).isTrue();
        assertThat(d.checkInAt()).isNull();
        assertThat(d.isEarlierCheckIn(eight)).as("the unknown earliest may be earlier still").isFalse();
    }
}
