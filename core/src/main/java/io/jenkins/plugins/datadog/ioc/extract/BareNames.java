package io.jenkins.plugins.datadog.ioc.extract;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a dotted name found in free text, outside a URL, is written there as a domain. Files, packages,
 * configuration keys and code look like domains; these rules (docs/design.md lists them with examples) tell
 * them apart by how they are written, after the public suffix list has ruled out the names whose top-level
 * domain does not exist ({@code wp-login.php}, {@code image.tag}, {@code zope.interface}).
 */
final class BareNames {
    /**
     * File extensions that are top-level domains too. Such a name is taken only where it is written as a
     * host (followed by a port or a path): {@code deploy.sh} is a script, {@code get.evil.sh/install} a host.
     * Only extensions common in the files extraction reads: {@code .cc} or {@code .ml} domains are more
     * frequent there than C++ or OCaml sources.
     */
    static final Set<String> FILE_EXTENSIONS = Set.of("sh", "py", "pl", "pm", "rs", "md", "so", "zip", "tf", "in",
            "am", "ac", "mk", "pub", "properties", "java", "map", "pid", "run");

    /** Reverse-DNS package and group names start with a top-level domain: {@code com.google.cloud}. */
    private static final Set<String> PACKAGE_ROOTS = Set.of("com", "org", "net", "io", "edu", "gov");

    /** Variables of templates and configuration languages: {@code var.name}, {@code self.host}, {@code env.id}. */
    private static final Set<String> VARIABLE_ROOTS = Set.of("var", "local", "self", "this", "each", "count",
            "module", "data", "path", "env", "params", "args", "values", "item");

    /** How far around a name its context is looked for: template actions and annotation keys are short. */
    private static final int REACH = 256;

    private BareNames() {}

    /**
     * @param text the text the name was found in
     * @param start where the name starts in it
     * @param end where it ends
     * @param suffix the name's registry suffix
     */
    static boolean isDomain(String text, int start, int end, String suffix) {
        String name = text.substring(start, end);
        boolean host = writtenAsHost(text, end);
        if (!host && inPath(text, start) || inPlaceholder(text, start) || isCall(text, end) || isKey(text, start, end)
                || !name.equals(name.toLowerCase(Locale.ROOT)) && !name.equals(name.toUpperCase(Locale.ROOT))) {
            return false;
        }
        if (host) {
            return true;
        }
        String[] labels = name.toLowerCase(Locale.ROOT).split("\\.");
        return !FILE_EXTENSIONS.contains(suffix) // the suffix is then the last label alone: evil.co.in is a domain
                && !(labels.length >= 3 && PACKAGE_ROOTS.contains(labels[0]))
                && !(labels.length == 2 && VARIABLE_ROOTS.contains(labels[0]));
    }

    /** Followed by a port or a path: {@code evil.sh:8443}, {@code registry.evil.io/team/app}. */
    private static boolean writtenAsHost(String text, int end) {
        return end < text.length() && (text.charAt(end) == '/'
                || text.charAt(end) == ':' && end + 1 < text.length() && Character.isDigit(text.charAt(end + 1)));
    }

    /**
     * A segment of a path, {@code scripts/deploy.sh} or {@code C:\tools\setup.py}, though not {@code //cdn.host}
     * (nor a host between slashes, as in {@code sed 's/old.host/new.host/'}).
     */
    private static boolean inPath(String text, int start) {
        char before = start > 0 ? text.charAt(start - 1) : ' ';
        return before == '\\' || before == '/' && !(start > 1 && text.charAt(start - 2) == '/');
    }

    /** {@code ${app.name}}, {@code #{...}}, {@code %{...}}, or anywhere in a {@code {{ ... }}} template action. */
    private static boolean inPlaceholder(String text, int start) {
        if (start > 1 && text.charAt(start - 1) == '{' && "$#%".indexOf(text.charAt(start - 2)) >= 0) {
            return true;
        }
        // the nearest {{ or }} before the name on its line, within reach: a one-line file (minified JSON) must
        // not cost a pass over the line for each name in it
        for (int i = start - 2, stop = Math.max(0, start - REACH); i >= stop; i--) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return false;
            }
            if ((c == '{' || c == '}') && text.charAt(i + 1) == c) {
                return c == '{';
            }
        }
        return false;
    }

    /** A method call: {@code docker.build("app")}. */
    private static boolean isCall(String text, int end) {
        return end < text.length() && text.charAt(end) == '(';
    }

    /**
     * A key, not a value: assigned ({@code image.tag=1.2}, {@code zope.interface==5.5}, {@code
     * prometheus.io/scrape=true}), a key of a mapping ({@code app.kubernetes.io/name: web}, {@code "socket.io":
     * "^4.7"}) or a coordinate ({@code com.google.cloud:google-cloud-storage}).
     */
    private static boolean isKey(String text, int start, int end) {
        int at = end;
        if (at < text.length() && text.charAt(at) == '/') { // an annotation key's name
            int stop = Math.min(text.length(), end + REACH);
            while (at < stop && " \t\r\n\"'=:".indexOf(text.charAt(at)) < 0) {
                at++;
            }
        }
        if (at < text.length() && (text.charAt(at) == '"' || text.charAt(at) == '\'')) {
            at++;
        }
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
        if (at >= text.length()) {
            return false;
        }
        char next = text.charAt(at);
        char after = at + 1 < text.length() ? text.charAt(at + 1) : '\n';
        if (next == '=' || "<>~!".indexOf(next) >= 0 && after == '=') {
            return true;
        }
        return next == ':' && (at == end && Character.isLetter(after) || Character.isWhitespace(after) && startsKey(text, start));
    }

    /** Only blanks, a quote, a list dash, {@code {} or {@code ,} before the name on its line. */
    private static boolean startsKey(String text, int start) {
        int at = start - 1;
        if (at >= 0 && (text.charAt(at) == '"' || text.charAt(at) == '\'')) {
            at--;
        }
        while (at >= 0 && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at--;
        }
        return at < 0 || "\n\r{,-".indexOf(text.charAt(at)) >= 0;
    }
}
