package io.jenkins.plugins.datadog.ioc.extract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with its defanged indicators written plainly again, as threat-intelligence write-ups defang them so
 * that nobody clicks them: {@code hxxps://}, {@code fxp://}, {@code [.]}, {@code (.)}, {@code {.}},
 * {@code [dot]}, {@code [:]}, {@code [://]}. A dot marker counts only between two characters of a name or an
 * address ({@code evil[.]example}, {@code 1.2.3[.]4}), so that the {@code {{.}}} of a template or the
 * {@code (.)} of a regular expression stay as they are. Each character of the plain text remembers where it
 * was written, so that what is found in it can be placed, and quoted as written, in the original.
 */
final class Refanged {
    private static final Pattern MARKER = Pattern.compile(
            "(?i)(?<![A-Za-z0-9])(h)xx(ps?)(?=\\[?:\\]?(?:\\[//\\]|//))|(?<![A-Za-z0-9])(f)xp(?=\\[?:\\]?(?:\\[//\\]|//))"
                    + "|\\[://\\]|\\[:\\](?=//)|\\[:\\](?=\\d)"
                    + "|(?<=[\\p{L}\\p{N}])(?:\\[\\.\\]|\\(\\.\\)|\\{\\.\\}|\\[dot\\]|\\(dot\\)|\\{dot\\})(?=[\\p{L}\\p{N}])");

    private final String original;
    private final String text;
    /** For each character of {@link #text}, and one past its end, where it starts in the original. */
    private final int[] origin;

    private Refanged(String original, String text, int[] origin) {
        this.original = original;
        this.text = text;
        this.origin = origin;
    }

    static Refanged of(String original) {
        Matcher marker = MARKER.matcher(original);
        if (!marker.find()) {
            return new Refanged(original, original, null);
        }
        StringBuilder text = new StringBuilder(original.length());
        int[] origin = new int[original.length() + 1];
        int from = 0;
        do {
            for (int i = from; i < marker.start(); i++) {
                origin[text.length()] = i;
                text.append(original.charAt(i));
            }
            String plain = plain(marker);
            for (int i = 0; i < plain.length(); i++) {
                origin[text.length()] = marker.start() + Math.min(i, marker.end() - marker.start() - 1);
                text.append(plain.charAt(i));
            }
            from = marker.end();
        } while (marker.find());
        for (int i = from; i < original.length(); i++) {
            origin[text.length()] = i;
            text.append(original.charAt(i));
        }
        origin[text.length()] = original.length();
        return new Refanged(original, text.toString(), origin);
    }

    private static String plain(Matcher marker) {
        if (marker.group(1) != null) {
            return marker.group(2).length() == 2 ? "https" : "http";
        }
        if (marker.group(3) != null) {
            return "ftp";
        }
        String written = marker.group();
        return written.startsWith("[:") ? written.substring(1, written.length() - 1) : ".";
    }

    /** The text with every defanged part written plainly. */
    String text() {
        return text;
    }

    boolean changed() {
        return origin != null;
    }

    /** Where the character at {@code offset} of {@link #text} (or its end) was written in the original. */
    int originalOffset(int offset) {
        return origin == null ? offset : origin[offset];
    }

    /** Whether {@code text[start, end)} was written otherwise in the original. */
    boolean defanged(int start, int end) {
        int from = originalOffset(start);
        return originalOffset(end) - from != end - start || !original.regionMatches(from, text, start, end - start);
    }

    /** The original text of {@code text[start, end)}. */
    String written(int start, int end) {
        return original.substring(originalOffset(start), originalOffset(end));
    }
}
