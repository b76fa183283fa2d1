package org.planetrewards.cli;

import org.planetrewards.Messages;

/** The rule pack's words in one language, for the command line's own sentences. */
record Say(Messages words, String language) {
    String t(String key, Object... namesAndValues) {
        return words.say(language, key, namesAndValues);
    }
}
