package org.planetrewards.reference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.planetrewards.Decision;
import org.planetrewards.Fact;
import org.planetrewards.Settings;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference model reproduces the golden histories: same decisions, same instants, same evidence, same order. */
class ReferenceModelGoldenTest {
    static final List<String> GOLDEN = Golden.NAMES;

    @ParameterizedTest
    @FieldSource("GOLDEN")
    void reproducesGoldenHistory(String name) {
        ReferenceModel model = new ReferenceModel(Settings.defaults());
        List<Decision> actual = new ArrayList<>();
        for (Fact fact : Golden.facts(name)) {
            actual.addAll(model.apply(fact));
        }
        List<Decision> expected = Golden.expected(name);
        assertThat(actual.stream().map(Golden::key).toList())
                .containsExactlyElementsOf(expected.stream().map(Golden::key).toList());
        // Written in the community zone, so the records are equal too (offset included).
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
