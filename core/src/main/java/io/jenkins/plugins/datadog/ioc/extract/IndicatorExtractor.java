package io.jenkins.plugins.datadog.ioc.extract;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
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
 * Defanged indicators ({@code hxxps://evil[.]example}, {@code 1.2.3[.]4}) are read as the plain ones.
 * A name is a domain only when its top-level domain exists (the public suffix list) and it is not written
 * as a file, package, key or variable ({@link BareNames}). Private, reserved and loopback addresses and
 * local or reserved names are skipped unless included on purpose: Datadog's threat intelligence knows
 * nothing useful about them. Each indicator comes with the line and column of its first occurrence (a
 * URL's at its host), how often it occurs, and how it was written there when that was defanged.
 */
public final class IndicatorExtractor {
    /** A URL, whose host ends at the first character no host holds ({@code ;}, {@code ,}, {@code )}, quotes). */
    private static final Pattern URL = Pattern.compile("\\b(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]{1,15}://)"
            + "(?:[^\\s/?#\"'<>`]*@)?(?<host>\\[[0-9A-Za-z:.%]+]|[\\p{L}\\p{N}._~%-]*)(?:[:/?#][^\\s\"'<>`]*)?");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\d.]*\\d)");
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![0-9A-Za-z:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:%[0-9A-Za-z]+)?(?![0-9A-Za-z:])");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?<![\\w.@])(?<![\\w.-]-)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z](?![\\w-]|\\.[A-Za-z0-9])");

    private static final Set<String> LOCAL_SUFFIXES = Set.of("localhost", "local", "internal", "lan", "home.arpa",
            "test", "example", "invalid", "localdomain", "corp", "intranet", "svc", "cluster.local");
    private static final Set<String> RESERVED_DOMAINS = Set.of("example.com", "example.net", "example.org");

    private final boolean includePrivate;

    /** @param includePrivate keep private, reserved and local candidates instead of skipping them */
    public IndicatorExtractor(boolean includePrivate) {
        this.includePrivate = includePrivate;
    }

    public Extraction extract(String text) {
        Refanged refanged = Refanged.of(text);
        String plain = refanged.text();
        Tally tally = new Tally(refanged);
        StringBuilder rest = new StringBuilder(plain);
        Matcher urls = URL.matcher(plain);
        while (urls.find()) {
            int host = urls.start("host");
            int hostEnd = urls.end("host");
            boolean bracketed = host < hostEnd && plain.charAt(host) == '[';
            String written = refanged.defanged(urls.start(), hostEnd)
                    ? refanged.written(urls.start(), urls.end("scheme")) + refanged.written(host, hostEnd) : null;
            tally.add(classifyHost(urls.group("host")), bracketed ? host + 1 : host, written);
            blank(rest, urls.start(), urls.end());
        }
        scan(IPV4, rest, refanged, tally, (start, end) ->
                isVersion(plain, start) ? null : classify(plain.substring(start, end)));
        scan(IPV6, rest, refanged, tally, (start, end) -> classify(plain.substring(start, end)));
        scan(DOMAIN, rest, refanged, tally, (start, end) -> classifyName(plain, start, end));
        return tally.extraction(text);
    }

    /** What a match of {@code text[start, end)} is, or {@code null} when it is none. */
    private interface Classifier {
        Candidate classify(int start, int end);
    }

    /** Counts the matches in the text not yet taken, then blanks them so that no later pass sees them again. */
    private static void scan(Pattern pattern, StringBuilder text, Refanged refanged, Tally tally, Classifier classifier) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            Candidate candidate = classifier.classify(matcher.start(), matcher.end());
            if (candidate != null) {
                tally.add(candidate, matcher.start(), refanged.defanged(matcher.start(), matcher.end())
                        ? refanged.written(matcher.start(), matcher.end()) : null);
                blank(text, matcher.start(), matcher.end());
            }
        }
    }

    /**
     * A URL's host is a host for certain: single-label names ({@code localhost}, {@code db}) and names
     * under no existing top-level domain ({@code registry.corp-net}) are local, and no top-level domain
     * is mistaken for a file extension ({@code get.evil.sh}).
     */
    private Candidate classifyHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.startsWith("[") || name.indexOf(':') >= 0 || IPV4.matcher(name).matches()) {
            return classify(name);
        }
        if (name.isEmpty() || name.startsWith(".") || name.contains("..")) {
            return null;
        }
        boolean local = name.indexOf('.') < 0 || isLocalName(name) || PublicSuffixes.registrySuffix(name) == null;
        return new Candidate(name, local && !includePrivate);
    }

    /** A bare name: a domain when its top-level domain exists and it is written as one. */
    private Candidate classifyName(String text, int start, int end) {
        String name = text.substring(start, end).toLowerCase(Locale.ROOT);
        boolean local = isLocalName(name); // reserved names are not on the list, but are counted as skipped
        String suffix = local ? name.substring(name.lastIndexOf('.') + 1) : PublicSuffixes.registrySuffix(name);
        if (suffix == null || !BareNames.isDomain(text, start, end, suffix)) {
            return null;
        }
        return new Candidate(name, local && !includePrivate);
    }

    /**
     * A version, not an address: {@code v1.2.3.4}, {@code openresty-1.21.4.3}, {@code Chrome/120.0.0.0},
     * {@code pkg==1.2.3.4}.
     */
    private static boolean isVersion(String text, int start) {
        if (start == 0) {
            return false;
        }
        char before = text.charAt(start - 1);
        return Character.isLetter(before) || "_-+~^/".indexOf(before) >= 0
                || before == '=' && start > 1 && "=<>~!".indexOf(text.charAt(start - 2)) >= 0;
    }

    /** @return the canonical value, or {@code null} when the candidate is no address at all */
    private Candidate classify(String candidate) {
        String value = candidate.toLowerCase(Locale.ROOT);
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        InetAddress address = literal(value);
        if (!(address instanceof Inet6Address) && !(address instanceof Inet4Address)) {
            return null;
        }
        value = address instanceof Inet6Address ? canonical(address.getAddress()) : address.getHostAddress();
        return new Candidate(value, isPrivate(address) && !includePrivate);
    }

    private record Candidate(String value, boolean skip) {}

    /**
     * Where each value first occurs (in the original text), how often, and how it was written there when
     * defanged; skipped ones are only counted, as distinct values.
     */
    private static final class Tally {
        private record Hit(int first, int count, String written) {
            Hit plus(Hit other) {
                return first <= other.first ? new Hit(first, count + other.count, written)
                        : new Hit(other.first, count + other.count, other.written);
            }
        }

        private final Refanged refanged;
        private final Map<String, Hit> found = new HashMap<>();
        private final Set<String> skipped = new HashSet<>();

        Tally(Refanged refanged) {
            this.refanged = refanged;
        }

        /** @param offset in the refanged text */
        void add(Candidate candidate, int offset, String written) {
            if (candidate == null) {
                return;
            }
            if (candidate.skip()) {
                skipped.add(candidate.value());
            } else {
                found.merge(candidate.value(), new Hit(refanged.originalOffset(offset), 1, written), Hit::plus);
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
                        Hit hit = e.getValue();
                        return new Extraction.Found(e.getKey(), lines.line(hit.first()), lines.column(hit.first()),
                                hit.count(), hit.written());
                    })
                    .toList();
            return new Extraction(located, skipped.size());
        }
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
