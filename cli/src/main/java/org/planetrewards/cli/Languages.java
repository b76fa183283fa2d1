package org.planetrewards.cli;

import org.planetrewards.Messages;
import org.planetrewards.RewardsEngine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** The {@code --lang} option of the commands that speak the pack's words, and what it means. */
final class Languages {
    @Option(names = "--lang", paramLabel = "LANG", description = "the language of the sentences, a message file of the rule pack"
            + " (en, zh-CN); default: the settings' locale")
    String asked;

    /**
     * The language to speak: the one asked for, else the settings' locale; {@code null} after telling the
     * user why it cannot be one. A language the pack has no message file for is spoken in English, with a
     * note on stderr.
     */
    String chosen(RewardsEngine engine, PrintWriter err) {
        String lang = asked == null ? engine.settings().locale() : asked;
        if (!Messages.isLanguage(lang)) {
            err.println("rewards: --lang " + lang + ": expected a language like en or zh-CN (a message file of the rule pack)");
            return null;
        }
        Messages words = engine.rules().messages();
        if (!words.knowsLanguage(lang)) {
            err.println("rewards: the rule pack has no message file for " + lang + " (it has "
                    + String.join(", ", words.allLanguages()) + "): sentences are in English");
        }
        return lang;
    }
}
