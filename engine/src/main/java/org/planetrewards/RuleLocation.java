package org.planetrewards;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a rule is written, as {@code file:line} of its {@code rule} keyword, for failure messages: an
 * admin fixes a file, not a rule name. Drools keeps the rule's resource (the file's text, as the engine
 * handed it over) but not its line, so the line is found in the text, and only when something failed.
 */
final class RuleLocation {
    private RuleLocation() {
    }

    /** {@code file:line}, {@code file} when the line is not found, or null when Drools does not say. */
    static String of(Rule rule) {
        if (!(rule instanceof RuleImpl impl) || impl.getResource() == null) {
            return null;
        }
        Resource resource = impl.getResource();
        String file = resource.getSourcePath();
        if (file == null) {
            return null;
        }
        String text;
        try (InputStream in = resource.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return file;
        }
        Matcher m = Pattern.compile("(?m)^\\s*rule\\s+(\"" + Pattern.quote(rule.getName()) + "\"|'"
                + Pattern.quote(rule.getName()) + "'|" + Pattern.quote(rule.getName()) + "\\b)").matcher(text);
        if (!m.find()) {
            return file;
        }
        return file + ":" + (1 + text.substring(0, m.start(1)).chars().filter(c -> c == '\n').count());
    }
}
