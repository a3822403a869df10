package io.jenkins.plugins.datadog.ioc.suppress;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a suppression matches: one indicator exactly ({@code 203.0.113.7}, {@code evil.example},
 * case-insensitively), the IP addresses of a CIDR block ({@code 198.51.100.0/24}, {@code 2001:db8::/32}),
 * or the names under a domain ({@code *.cdn.example.com}: {@code a.cdn.example.com}, not
 * {@code cdn.example.com} itself, as with wildcard certificates).
 */
public abstract sealed class IndicatorPattern {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    // Starts with a hex digit or ':' so that InetAddress takes it for a literal and never asks DNS.
    private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9a-fA-F:][0-9a-fA-F:.]*");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

    private final String text;

    private IndicatorPattern(String text) {
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with the pattern, in words for users
     */
    public static IndicatorPattern parse(String pattern) {
        String value = pattern == null ? "" : pattern.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the indicator is empty");
        }
        if (value.startsWith("*.")) {
            String suffix = value.substring(2).toLowerCase(Locale.ROOT);
            // A numeric last label is an address, not a domain: *.0.113.7 would match 203.0.113.7.
            if (!DOMAIN.matcher(suffix).matches() || suffix.indexOf('.') < 0
                    || suffix.substring(suffix.lastIndexOf('.') + 1).chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException('"' + value + "\" is not a domain pattern: write *.example.com,"
                        + " with at least two labels after \"*.\"");
            }
            return new DomainSuffix(value, suffix);
        }
        if (value.indexOf('*') >= 0) {
            throw new IllegalArgumentException('"' + value + "\" has a \"*\" that is not a leading \"*.\": only"
                    + " *.example.com patterns are supported");
        }
        int slash = value.indexOf('/');
        if (slash > 0 && IpAddress.parse(value.substring(0, slash)) != null) {
            return Cidr.parse(value, slash);
        }
        return new Exact(value);
    }

    public abstract boolean matches(String indicator);

    /** The pattern as written. */
    @Override
    public final String toString() {
        return text;
    }

    /** Patterns written alike are one: the text decides what they match (a report read back names the same entry). */
    @Override
    public final boolean equals(Object other) {
        return other instanceof IndicatorPattern p && p.text.equals(text);
    }

    @Override
    public final int hashCode() {
        return text.hashCode();
    }

    private static final class Exact extends IndicatorPattern {
        private final String value;
        private final byte[] address;

        Exact(String text) {
            super(text);
            this.value = text;
            this.address = IpAddress.parse(text);
        }

        @Override
        public boolean matches(String indicator) {
            String candidate = indicator.strip();
            if (address != null) {
                // 2001:DB8::1 and 2001:db8:0:0:0:0:0:1 are one address
                byte[] other = IpAddress.parse(candidate);
                return other != null && java.util.Arrays.equals(address, other);
            }
            return candidate.equalsIgnoreCase(value);
        }
    }

    private static final class DomainSuffix extends IndicatorPattern {
        private final String dottedSuffix;

        DomainSuffix(String text, String suffix) {
            super(text);
            this.dottedSuffix = '.' + suffix;
        }

        @Override
        public boolean matches(String indicator) {
            String candidate = indicator.strip().toLowerCase(Locale.ROOT);
            if (candidate.endsWith(".")) {
                candidate = candidate.substring(0, candidate.length() - 1);
            }
            return candidate.endsWith(dottedSuffix) && candidate.length() > dottedSuffix.length();
        }
    }

    private static final class Cidr extends IndicatorPattern {
        private final BigInteger network;
        private final int prefix;
        private final int bits;

        private Cidr(String text, BigInteger network, int prefix, int bits) {
            super(text);
            this.network = network;
            this.prefix = prefix;
            this.bits = bits;
        }

        static Cidr parse(String text, int slash) {
            byte[] address = IpAddress.parse(text.substring(0, slash));
            int bits = address.length * 8;
            String length = text.substring(slash + 1);
            int prefix;
            try {
                prefix = Integer.parseInt(length);
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits || !length.matches("\\d{1,3}")) {
                throw new IllegalArgumentException('"' + text + "\" has a prefix length that is not 0 to " + bits);
            }
            BigInteger value = new BigInteger(1, address);
            BigInteger network = value.shiftRight(bits - prefix);
            if (!network.shiftLeft(bits - prefix).equals(value)) {
                throw new IllegalArgumentException('"' + text + "\" has host bits set: the block starts at "
                        + IpAddress.format(network.shiftLeft(bits - prefix), bits) + '/' + prefix);
            }
            return new Cidr(text, network, prefix, bits);
        }

        @Override
        public boolean matches(String indicator) {
            byte[] address = IpAddress.parse(indicator.strip());
            return address != null && address.length * 8 == bits
                    && new BigInteger(1, address).shiftRight(bits - prefix).equals(network);
        }
    }

    /** Address literals read without ever asking DNS. */
    static final class IpAddress {
        private IpAddress() {}

        /** The address's bytes, or {@code null} if the text is not an IPv4 or IPv6 literal. */
        static byte[] parse(String text) {
            String value = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            if (IPV4.matcher(value).matches()) {
                byte[] bytes = new byte[4];
                String[] octets = value.split("\\.");
                for (int i = 0; i < 4; i++) {
                    bytes[i] = (byte) Integer.parseInt(octets[i]);
                }
                return bytes;
            }
            if (!IPV6.matcher(value).matches()) {
                return null;
            }
            try {
                // A literal (see IPV6), so this never resolves a name.
                byte[] bytes = java.net.InetAddress.getByName(value).getAddress();
                return bytes.length == 16 ? bytes : null;
            } catch (java.net.UnknownHostException e) {
                return null;
            }
        }

        /** The address as users write it: 10.0.0.0, 2001:db8:: (the longest run of zero groups as "::"). */
        static String format(BigInteger value, int bits) {
            int[] parts = new int[bits == 32 ? 4 : 8];
            int width = bits / parts.length;
            for (int i = 0; i < parts.length; i++) {
                parts[i] = value.shiftRight(bits - (i + 1) * width).intValue() & ((1 << width) - 1);
            }
            if (bits == 32) {
                return parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3];
            }
            int bestStart = -1;
            int bestLength = 1;
            for (int i = 0; i < 8; i++) {
                int j = i;
                while (j < 8 && parts[j] == 0) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    out.append("::");
                    i += bestLength - 1;
                    continue;
                }
                if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                    out.append(':');
                }
                out.append(Integer.toHexString(parts[i]));
            }
            return out.toString();
        }
    }
}
