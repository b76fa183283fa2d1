package org.planetrewards.cli;

import org.planetrewards.Messages;
import org.planetrewards.RewardsEngine;

import java.io.PrintWriter;

/** What --lang means for a command: the language asked for, else the settings' locale. */
final class Languages {
    private Languages() {
    }

    /**
     * The language to speak, or {@code null} after telling the user why {@code asked} cannot be one. A
     * language the pack has no message file for is spoken in English, with a note on stderr.
     */
    static String chosen(String asked, RewardsEngine engine, PrintWriter err) {
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
