package io.jenkins.plugins.datadog.ioc.extract;

import com.google.common.net.InternetDomainName;

/**
 * The public suffix list, through Guava, which keeps it current with each release. A class of its own so
 * that Guava's list (a few hundred kilobytes of tables) is loaded only when a name is first judged, never by
 * a run that extracts nothing.
 */
final class PublicSuffixes {
    private PublicSuffixes() {}

    /**
     * The registry suffix (ICANN's part of the list, {@code com}, {@code co.uk}) that {@code name} ends in, or
     * {@code null} when its top-level domain does not exist ({@code zope.interface}, {@code image.tag}). The
     * private part of the list ({@code github.io}) is left out: a name under it is a domain all the same.
     */
    static String registrySuffix(String name) {
        if (!InternetDomainName.isValid(name)) {
            return null;
        }
        InternetDomainName domain = InternetDomainName.from(name);
        return domain.hasRegistrySuffix() ? domain.registrySuffix().toString() : null;
    }
}
