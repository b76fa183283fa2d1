package org.planetrewards;

import org.junit.jupiter.api.Test;
import org.planetrewards.model.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A message key is what the documented pattern says, checked without the regex engine (rules make a Text per problem). */
class TextKeyTest {
    private static final String PATTERN = "[a-z0-9][a-z0-9.\\-]*";

    @Test
    void aKeyIsAcceptedExactlyWhenItMatchesThePattern() {
        String alphabet = "az09.-A_ é\u0130";
        List<String> keys = new ArrayList<>(List.of("", "quality.too-short", "measure.in-a-row-towards", "Quality", "-x", ".x", "x_y"));
        for (char a : alphabet.toCharArray()) {
            keys.add("" + a);
            for (char b : alphabet.toCharArray()) {
                keys.add("" + a + b);
                for (char c : alphabet.toCharArray()) {
                    keys.add("" + a + b + c);
                }
            }
        }
        List<String> wrong = new ArrayList<>();
        for (String key : keys) {
            boolean accepted;
            try {
                new Text(key, Map.of());
                accepted = true;
            } catch (IllegalArgumentException e) {
                accepted = false;
            }
            if (accepted != key.matches(PATTERN)) {
                wrong.add("\"" + key + "\"");
            }
        }
        assertThat(keys).hasSizeGreaterThan(1000);
        assertThat(wrong).isEmpty();
    }
}
