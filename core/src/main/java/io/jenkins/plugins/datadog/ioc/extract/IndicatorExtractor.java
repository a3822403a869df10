package io.jenkins.plugins.datadog.ioc.extract;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds IP addresses, domains and URLs (reduced to their host) in free text such as a configuration
 * file or a manifest. Only used when asked for explicitly, so plain lists are never reinterpreted.
 * Private, reserved and loopback addresses and local or reserved names are skipped unless included on
 * purpose: Datadog's threat intelligence knows nothing useful about them. Each indicator comes with
 * the line and column of its first occurrence (a URL's at its host) and how often it occurs.
 */
public final class IndicatorExtractor {
    private static final Pattern URL = Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]{1,15}://[^\\s\"'<>`]+");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\d.]*\\d)");
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![0-9A-Za-z:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:%[0-9A-Za-z]+)?(?![0-9A-Za-z:])");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?<![\\w.@-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z](?![\\w-]|\\.[A-Za-z0-9])");

    /** File names look like domains; their extensions are not worth a lookup. */
    private static final Set<String> FILE_EXTENSIONS = Set.of("yaml", "yml", "json", "xml", "py", "js", "ts", "java",
            "class", "jar", "war", "txt", "md", "sh", "bash", "conf", "cfg", "ini", "log", "html", "htm", "css",
            "properties", "zip", "gz", "tgz", "tar", "png", "jpg", "jpeg", "gif", "svg", "go", "rs", "rb", "kt",
            "lock", "toml", "env", "pem", "crt", "key", "exe", "dll", "so", "tf", "hcl", "groovy", "gradle", "sql",
            "csv", "bak", "tmp", "pid", "sock", "service", "d");

    private static final Set<String> LOCAL_SUFFIXES = Set.of("localhost", "local", "internal", "lan", "home.arpa",
            "test", "example", "invalid", "localdomain", "corp", "intranet", "svc", "cluster.local");
    private static final Set<String> RESERVED_DOMAINS = Set.of("example.com", "example.net", "example.org");

    private final boolean includePrivate;

    /** @param includePrivate keep private, reserved and local candidates instead of skipping them */
    public IndicatorExtractor(boolean includePrivate) {
        this.includePrivate = includePrivate;
    }

    public Extraction extract(String text) {
        Tally tally = new Tally();
        StringBuilder rest = new StringBuilder(text);
        Matcher urls = URL.matcher(text);
        while (urls.find()) {
            String url = urls.group();
            String host = host(url);
            if (host != null) {
                tally.add(classifyHost(host), urls.start() + hostOffset(url, host));
            }
            blank(rest, urls.start(), urls.end());
        }
        scan(IPV4, rest, tally);
        scan(IPV6, rest, tally);
        scan(DOMAIN, rest, tally);
        return tally.extraction(text);
    }

    private void scan(Pattern pattern, StringBuilder text, Tally tally) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            Candidate candidate = classify(matcher.group());
            if (candidate != null) {
                tally.add(candidate, matcher.start());
                blank(text, matcher.start(), matcher.end());
            }
        }
    }

    /**
     * A URL's host is a host for certain: single-label names ({@code localhost}, {@code db}) are local,
     * and no top-level domain is mistaken for a file extension ({@code get.evil.sh}).
     */
    private Candidate classifyHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.startsWith("[") || name.indexOf(':') >= 0 || IPV4.matcher(name).matches()) {
            return classify(name);
        }
        if (name.isEmpty()) {
            return null;
        }
        return new Candidate(name, (name.indexOf('.') < 0 || isLocalName(name)) && !includePrivate);
    }

    /** @return the canonical value, or {@code null} when the candidate is no address or name at all */
    private Candidate classify(String candidate) {
        String value = candidate.toLowerCase(Locale.ROOT);
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        boolean local;
        if (value.indexOf(':') >= 0) {
            InetAddress address = literal(value);
            if (!(address instanceof Inet6Address) && !(address instanceof Inet4Address)) {
                return null;
            }
            local = isPrivate(address);
            value = address instanceof Inet6Address ? canonical(address.getAddress()) : address.getHostAddress();
        } else if (IPV4.matcher(value).matches()) {
            InetAddress address = literal(value);
            if (address == null) {
                return null;
            }
            local = isPrivate(address);
        } else if (DOMAIN.matcher(value).matches()) {
            if (FILE_EXTENSIONS.contains(value.substring(value.lastIndexOf('.') + 1))) {
                return null;
            }
            local = isLocalName(value);
        } else {
            return null;
        }
        return new Candidate(value, local && !includePrivate);
    }

    private record Candidate(String value, boolean skip) {}

    /** Where each value first occurs and how often; skipped ones are only counted, as distinct values. */
    private static final class Tally {
        private record Hit(int first, int count) {
            Hit plus(Hit other) {
                return new Hit(Math.min(first, other.first), count + other.count);
            }
        }

        private final Map<String, Hit> found = new HashMap<>();
        private final Set<String> skipped = new HashSet<>();

        void add(Candidate candidate, int offset) {
            if (candidate == null) {
                return;
            }
            if (candidate.skip()) {
                skipped.add(candidate.value());
            } else {
                found.merge(candidate.value(), new Hit(offset, 1), Hit::plus);
            }
        }

        /** The passes (URLs, then each pattern) run out of text order, so the order comes from the offsets. */
        Extraction extraction(String text) {
            skipped.removeAll(found.keySet());
            if (found.isEmpty()) {
                return new Extraction(List.of(), skipped.size());
            }
            LineIndex lines = new LineIndex(text);
            List<Extraction.Found> located = found.entrySet().stream()
                    .sorted(Comparator.comparingInt(e -> e.getValue().first()))
                    .map(e -> {
                        int at = e.getValue().first();
                        return new Extraction.Found(e.getKey(), lines.line(at), lines.column(at), e.getValue().count());
                    })
                    .toList();
            return new Extraction(located, skipped.size());
        }
    }

    /**
     * Where the host starts in the URL, so that its position is the indicator's; the URL's own start
     * when the host is not written there as is.
     */
    private static int hostOffset(String url, String host) {
        int authority = url.indexOf("://") + 3;
        int end = authority;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        int start = url.lastIndexOf('@', end - 1) + 1;
        start = Math.max(start, authority);
        if (!url.startsWith(host, start)) {
            return 0;
        }
        return host.startsWith("[") ? start + 1 : start;
    }

    private static String host(String url) {
        try {
            String host = new URI(url).getHost();
            if (host != null) {
                return host;
            }
        } catch (URISyntaxException e) {
            // fall through to the lenient reading below
        }
        String afterScheme = url.substring(url.indexOf("://") + 3);
        String authority = afterScheme.split("[/?#]", 2)[0];
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end > 0 ? authority.substring(0, end + 1) : null;
        }
        String host = authority.replaceFirst(":\\d*$", "");
        return host.isEmpty() ? null : host;
    }

    /** Parses an address literal; never a DNS query, since only digits, dots, colons and hex get here. */
    private static InetAddress literal(String value) {
        if (!value.matches("[0-9a-f:.%]+") || (value.indexOf(':') < 0 && !validOctets(value))) {
            return null;
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static boolean validOctets(String value) {
        for (String octet : value.split("\\.")) {
            if (octet.isEmpty() || Integer.parseInt(octet) > 255 || (octet.length() > 1 && octet.startsWith("0"))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The RFC 5952 text of an IPv6 address ({@code 2606:4700::6810:85e5}), as it appears in logs and
     * threat intelligence; Java's own form ({@code 2606:4700:0:0:0:0:6810:85e5}) would not be found.
     */
    static String canonical(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
            } else {
                if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(groups[i]));
            }
        }
        return text.toString();
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            int third = b[2] & 0xff;
            return first == 0 || first >= 240 // this network, reserved, broadcast
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || (first == 192 && second == 0 && (third == 0 || third == 2)) // IETF, TEST-NET-1
                    || (first == 198 && second == 51 && third == 100) // TEST-NET-2
                    || (first == 203 && second == 0 && third == 113); // TEST-NET-3
        }
        int first = b[0] & 0xff;
        return (first & 0xfe) == 0xfc // unique local fc00::/7
                || (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8); // 2001:db8::/32
    }

    static boolean isLocalName(String name) {
        if (RESERVED_DOMAINS.contains(name) || LOCAL_SUFFIXES.contains(name)) {
            return true;
        }
        for (String suffix : LOCAL_SUFFIXES) {
            if (name.endsWith('.' + suffix)) {
                return true;
            }
        }
        return RESERVED_DOMAINS.stream().anyMatch(d -> name.endsWith('.' + d));
    }

    private static void blank(StringBuilder text, int start, int end) {
        for (int i = start; i < end; i++) {
            text.setCharAt(i, ' ');
        }
    }
}
