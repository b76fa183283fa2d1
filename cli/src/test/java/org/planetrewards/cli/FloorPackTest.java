package org.planetrewards.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench/cold.sh --floor} replays with {@code bench/empty-pack} to measure a replay with no rule to evaluate.
 * The floor means something only while that pack is valid, decides nothing, and reads the facts as the default
 * pack does: the same settings (zone, tags, quality) but for the campaigns.
 */
class FloorPackTest {
    private static final Path FLOOR = Path.of("../bench/empty-pack");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theFloorPackPassesTheCheckAndReplaysTheDemoToNoDecision() {
        Run check = run("check", "--rules", FLOOR.toString());
        assertThat(check.exit).as("check; stderr was:%n%s", check.err).isZero();
        assertThat(check.out + check.err).contains("no problems");

        Run replay = run("replay", "--rules", FLOOR.toString(), "../examples/histories/demo.jsonl");
        assertThat(replay.exit).as("replay; stderr was:%n%s", replay.err).isZero();
        assertThat(replay.out).isEmpty();
        assertThat(replay.err).contains("replayed 439 lines of demo.jsonl: 0 decisions");
    }

    @Test
    void theFloorPackHasTheDefaultSettingsWithoutTheirCampaigns() throws IOException {
        JsonNode floor = JSON.readTree(FLOOR.resolve("settings.json").toFile());
        ObjectNode defaults = (ObjectNode) JSON.readTree(Path.of("../rules/default-pack/settings.json").toFile());
        assertThat(defaults.get("campaigns")).isNotEmpty();
        defaults.putArray("campaigns");
        assertThat(floor).isEqualTo(defaults);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            exit = Rewards.execute(args, o, e);
        }
        return new Run(exit, out.toString(), err.toString());
    }
}
