package org.planetrewards.reference;

import org.planetrewards.Decision;
import org.planetrewards.DecisionJson;
import org.planetrewards.Fact;
import org.planetrewards.HistoryReader;
import org.planetrewards.InvalidInputException;
import org.planetrewards.Settings;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A history's decisions by the reference model (plain Java, no Drools, the default pack's campaigns written out
 * by hand), one JSON line each as {@code rewards replay} prints them: {@code cmp} of the two outputs checks the
 * engine against an implementation that shares none of its rule code, on histories of any size.
 *
 * <pre>
 * ./mvnw -q -DskipTests package -pl cli -am
 * java -cp "cli/target/rewards.jar:cli/target/lib/*" org.planetrewards.reference.ReferenceReplay H.jsonl > ref.jsonl
 * ./rewards replay H.jsonl > engine.jsonl &amp;&amp; cmp ref.jsonl engine.jsonl
 * </pre>
 */
public final class ReferenceReplay {
    private ReferenceReplay() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ReferenceReplay HISTORY.jsonl (the default settings; decisions to standard output)");
            System.exit(2);
        }
        ReferenceModel model = new ReferenceModel(Settings.defaults());
        try (HistoryReader history = HistoryReader.open(Path.of(args[0]));
             PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)))) {
            for (Fact f = history.next(); f != null; f = history.next()) {
                for (Decision d : model.apply(f)) {
                    out.println(DecisionJson.toJson(d));
                }
            }
        } catch (InvalidInputException | java.nio.file.NoSuchFileException e) {
            System.err.println("ReferenceReplay: " + e.getMessage()); // the file and line, as rewards replay says it
            System.exit(2);
        }
    }
}
